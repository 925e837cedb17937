// `npm run corpus:extract`: copies the apps tests/corpus/manifest.tsv names out of local git mirrors into
// tests/corpus/files/ (git-ignored), checking each against its sha256. It fetches nothing: a mirror that is not there
// is named and skipped. Mirrors are bare git directories at $PROVLENS_MIRRORS/<owner>+<name>/repo (or repo/.git),
// /work/.mirror by default.
//   kind ipa  the blob as it is
//   kind zip  an "X.app" folder zipped at the archive root (appium, isign): re-wrapped under Payload/, names and
//             modes kept, so the archive is an .ipa
//   kind app  an .app folder committed to the repository: zipped under Payload/ with its modes and links; its
//             sha256 is that of a listing, one "mode sha256 path" line per file, sorted by path bytes
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { readZip } from './reader/zip';
import { writeZip, type ZipInput } from './zip-writer';
import { CORPUS_FILES, readManifest, type CorpusEntry } from './manifest';

const MIRRORS = process.env.PROVLENS_MIRRORS ?? '/work/.mirror';

function gitDir(repository: string): string | null {
  const base = join(MIRRORS, repository.replace('/', '+'), 'repo');
  if (existsSync(join(base, '.git'))) return join(base, '.git');
  return existsSync(join(base, 'HEAD')) ? base : null;
}

function git(dir: string, args: string[], input?: string): Buffer {
  return execFileSync('git', ['--git-dir', dir, ...args], { input, maxBuffer: 1 << 30 });
}

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

interface TreeFile {
  path: Buffer;
  mode: number;
  data: Buffer;
}

function treeFiles(dir: string, entry: CorpusEntry): TreeFile[] {
  const listing = git(dir, ['ls-tree', '-r', '-z', '--full-tree', `${entry.commit}:${entry.path}`]);
  const files: TreeFile[] = [];
  for (const line of splitZ(listing)) {
    const tab = line.indexOf(0x09);
    const [mode, type, oid] = line.subarray(0, tab).toString('latin1').split(' ');
    if (type !== 'blob' || !mode || !oid) continue; // a submodule: not part of the app
    files.push({ path: line.subarray(tab + 1), mode: parseInt(mode, 8), data: git(dir, ['cat-file', 'blob', oid]) });
  }
  return files.sort((a, b) => Buffer.compare(a.path, b.path));
}

function splitZ(buffer: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let start = 0; start < buffer.length; ) {
    const end = buffer.indexOf(0, start);
    const stop = end < 0 ? buffer.length : end;
    if (stop > start) out.push(buffer.subarray(start, stop));
    start = stop + 1;
  }
  return out;
}

export function treeSha256(files: readonly TreeFile[]): string {
  const lines = files.map((file) => Buffer.concat([Buffer.from(`${file.mode.toString(8)} ${sha256(file.data)} `), file.path, Buffer.from('\n')]));
  return sha256(Buffer.concat(lines));
}

function folders(names: readonly string[]): ZipInput[] {
  const seen = new Set<string>();
  for (const name of names) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) seen.add(`${parts.slice(0, i).join('/')}/`);
  }
  return [...seen].sort().map((name) => ({ name, data: new Uint8Array(), mode: 0o040755 }));
}

function appToIpa(entry: CorpusEntry, files: readonly TreeFile[]): Uint8Array {
  const root = `Payload/${posix.basename(entry.path)}/`;
  const inputs = files.map((file) => ({ name: `${root}${file.path.toString('utf8')}`, data: file.data, mode: file.mode === 0o120000 ? 0o120777 : file.mode }));
  return writeZip([...folders(inputs.map((input) => input.name)), ...inputs]);
}

function zipToIpa(bytes: Uint8Array): Uint8Array {
  const payload = new TextEncoder().encode('Payload/');
  const inputs: ZipInput[] = readZip(bytes)
    .filter((member) => !member.name.startsWith('__MACOSX/'))
    .map((member) => ({
      name: `Payload/${member.name}`,
      rawName: new Uint8Array([...payload, ...member.rawName]),
      utf8Flag: (member.flags & 0x0800) !== 0,
      data: member.isDirectory ? new Uint8Array() : member.data(),
      mode: member.mode ?? (member.isDirectory ? 0o040755 : 0o100644),
    }));
  return writeZip([{ name: 'Payload/', data: new Uint8Array(), mode: 0o040755 }, ...inputs]);
}

export function extractOne(entry: CorpusEntry): 'extracted' | 'present' | 'no-mirror' | 'mismatch' {
  const target = join(CORPUS_FILES, `${entry.id}.ipa`);
  const stamp = `${target}.source-sha256`;
  if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === entry.sha256) return 'present';
  const dir = gitDir(entry.repository);
  if (!dir) return 'no-mirror';
  let actual: string;
  let ipa: Uint8Array;
  if (entry.kind === 'app') {
    const files = treeFiles(dir, entry);
    actual = treeSha256(files);
    ipa = appToIpa(entry, files);
  } else {
    const blob = git(dir, ['cat-file', 'blob', `${entry.commit}:${entry.path}`]);
    actual = sha256(blob);
    ipa = entry.kind === 'zip' ? zipToIpa(new Uint8Array(blob)) : new Uint8Array(blob);
  }
  if (actual !== entry.sha256) {
    console.error(`${entry.id}: sha256 ${actual}, the manifest says ${entry.sha256}`);
    return 'mismatch';
  }
  writeFileSync(target, ipa);
  writeFileSync(stamp, `${entry.sha256}\n`);
  return 'extracted';
}

function main(): void {
  mkdirSync(CORPUS_FILES, { recursive: true });
  const entries = readManifest();
  const counts = { extracted: 0, present: 0, 'no-mirror': 0, mismatch: 0 };
  const missing = new Set<string>();
  for (const entry of entries) {
    let outcome: keyof typeof counts;
    try {
      outcome = extractOne(entry);
    } catch (error) {
      console.error(`${entry.id}: ${(error as Error).message.split('\n')[0]}`);
      outcome = 'no-mirror';
    }
    counts[outcome]++;
    if (outcome === 'no-mirror') missing.add(entry.repository);
  }
  console.log(`corpus: ${entries.length} apps in the manifest; ${counts.extracted} extracted, ${counts.present} already present, ` +
    `${counts.mismatch} sha256 mismatches, ${counts['no-mirror']} unavailable`);
  if (missing.size) {
    console.log(`Missing mirrors (under ${MIRRORS}, none fetched by this script):\n  ${[...missing].sort().join('\n  ')}`);
  }
  if (counts.mismatch) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url.endsWith(posix.basename(process.argv[1]))) main();
