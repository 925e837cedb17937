// `npm run test:corpus`: ProvLens's app check (decodeApp, what `provlens check` and the web view run) against the
// corpus's own reader (tests/corpus/reader), bundle by bundle, over whatever `npm run corpus:extract` put in
// tests/corpus/files; then altered copies of a few of them, made in a temp folder, that ProvLens must call modified
// with the altered file named. Prints one table row per bundle; exits 1 on a disagreement nobody has explained
// (KNOWN below) or on an alteration ProvLens misses. Not part of `npm test`: the mirrors are not on CI.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeApp } from '../../core/app/app';
import { useWebCrypto } from '../../core/cms/crypto';
import type { AppBundle } from '../../core/types';
import { alterations, type Alteration } from './alter';
import { CORPUS_FILES, readManifest, type CorpusEntry } from './manifest';
import { judgeApp, type BundleJudgement } from './reader/judge';
import { appleRoots } from './reader/openssl';

useWebCrypto(globalThis.crypto);

export interface Verdict {
  status: string;
  files: string[];
  capabilities: string;
}

// What ProvLens and the reader each count as "this file differs from what was signed".
const MODIFYING = new Set([
  'file-modified', 'file-missing', 'file-added', 'symlink-modified', 'nested-code-modified', 'code-modified', 'info-plist-modified',
  'requirements-modified', 'resources-seal-modified', 'entitlements-modified', 'signature-invalid', 'executable-missing',
]);

export function provlensVerdict(bundle: AppBundle): Verdict {
  const files = bundle.integrity.problems.filter((p) => MODIFYING.has(p.code)).map((p) => p.path ?? '');
  return { status: bundle.integrity.status, files: [...new Set(files)].sort(), capabilities: bundle.capabilities.status };
}

export function readerVerdict(bundle: BundleJudgement): Verdict {
  const files = bundle.problems.filter((p) => MODIFYING.has(p.code)).map((p) => p.path);
  return { status: bundle.status, files: [...new Set(files)].sort(), capabilities: bundle.capabilities };
}

const same = (a: Verdict, b: Verdict): boolean =>
  a.status === b.status && a.capabilities === b.capabilities && a.files.join('\n') === b.files.join('\n');

/** The disagreements issue 19 fixed, recognised by their shape, so that a regression says which one it is. */
function knownReason(app: AppBundle | undefined, mine: BundleJudgement | undefined): string | null {
  if (!app || !mine) return null;
  const codes = app.integrity.problems.map((p) => p.code);
  if (codes.includes('entitlements-mismatch') && !mine.problems.some((p) => p.code.startsWith('entitlements'))) {
    return 'regression: bare DER entitlements SET read as a mismatch';
  }
  const nestedOwn = app.integrity.problems.filter((p) => p.code === 'file-missing' && /^(PlugIns|Extensions|Watch|AppClips)\/[^/]+\.(appex|app)\//.test(p.path ?? ''));
  if (nestedOwn.length && !mine.problems.some((p) => p.code === 'file-missing' && nestedOwn.some((n) => n.path === p.path))) {
    return 'regression: extension sealed file by file in its parent, "sealed but missing"';
  }
  if (codes.includes('untrusted-signer') && mine.traits.signer === 'apple') {
    return 'regression: Apple-signed without a signing time (XCTRunner) judged untrusted at today\'s date';
  }
  if (app.capabilities.status === 'covered' && mine.capabilities === 'unknown' && app.profile && !app.profile.signature) {
    return 'regression: capabilities judged against an embedded profile Apple did not sign';
  }
  return null;
}

interface Row {
  app: string;
  year: string;
  tool: string;
  bundle: string;
  provlens: string;
  reader: string;
  agree: 'yes' | 'no';
  reason: string;
}

const show = (v: Verdict): string => `${v.status}${v.files.length ? ` [${v.files.slice(0, 3).join(', ')}${v.files.length > 3 ? ', …' : ''}]` : ''} caps:${v.capabilities}`;

export async function compareEntry(entry: CorpusEntry, bytes: Uint8Array): Promise<Row[]> {
  let decoded: AppBundle[];
  try {
    decoded = (await decodeApp(bytes)).bundles;
  } catch (error) {
    decoded = [];
    console.error(`${entry.id}: ProvLens threw ${(error as Error).message}`);
  }
  const mine = judgeApp(bytes);
  const paths = [...new Set([...decoded.map((b) => b.path), ...mine.map((b) => b.path)])].sort();
  if (paths.length === 0) {
    return [{ app: entry.id, year: entry.date.slice(0, 4), tool: entry.tool, bundle: '(none)', provlens: 'no bundle', reader: 'no bundle', agree: 'yes', reason: 'no Payload/*.app' }];
  }
  return paths.map((path) => {
    const app = decoded.find((b) => b.path === path);
    const judged = mine.find((b) => b.path === path);
    const p = app ? provlensVerdict(app) : null;
    const r = judged ? readerVerdict(judged) : null;
    const agree = p && r && same(p, r);
    const reason = agree ? '' : knownReason(app, judged) ?? (p && r ? 'unexplained' : 'bundle seen by one side only');
    return {
      app: entry.id,
      year: entry.date.slice(0, 4),
      tool: entry.tool,
      bundle: path.replace(/^Payload\//, ''),
      provlens: p ? show(p) : '—',
      reader: r ? show(r) : '—',
      agree: agree ? 'yes' : 'no',
      reason,
    };
  });
}

function printTable(rows: readonly Row[]): void {
  const columns: (keyof Row)[] = ['app', 'year', 'tool', 'bundle', 'provlens', 'reader', 'agree', 'reason'];
  const width = (c: keyof Row): number => Math.min(60, Math.max(c.length, ...rows.map((r) => r[c].length)));
  const cut = (text: string, n: number): string => (text.length > n ? `${text.slice(0, n - 1)}…` : text.padEnd(n));
  console.log(columns.map((c) => cut(c, width(c))).join(' │ '));
  for (const row of rows) console.log(columns.map((c) => cut(row[c], width(c))).join(' │ '));
}

async function main(): Promise<void> {
  if (!appleRoots()) console.warn('!!! ../shared/fixtures/certs not found: the reader cannot tell Apple signers from others.');
  const entries = readManifest().filter((entry) => existsSync(join(CORPUS_FILES, `${entry.id}.ipa`)));
  if (entries.length === 0) {
    console.error('No corpus files: run `npm run corpus:extract` first (it needs the git mirrors, see docs/notes/i19-corpus.md).');
    process.exitCode = 1;
    return;
  }
  const rows: Row[] = [];
  for (const entry of entries) rows.push(...(await compareEntry(entry, new Uint8Array(readFileSync(join(CORPUS_FILES, `${entry.id}.ipa`))))));
  printTable(rows);
  const count = (agree: Row['agree']): number => rows.filter((r) => r.agree === agree).length;
  console.log(`\n${entries.length} apps, ${rows.length} bundles: ${count('yes')} agree, ${count('no')} disagree`);

  const folder = mkdtempSync(join(tmpdir(), 'corpus-altered-'));
  const results: { alteration: Alteration; caught: boolean; reader: boolean; provlens: string }[] = [];
  for (const entry of entries) {
    for (const alteration of alterations(entry, new Uint8Array(readFileSync(join(CORPUS_FILES, `${entry.id}.ipa`))))) {
      const file = join(folder, `${entry.id}.${alteration.kind}.ipa`);
      writeFileSync(file, alteration.bytes);
      const bundle = (await decodeApp(alteration.bytes)).bundles.find((b) => b.path === alteration.bundle);
      const named = (problems: readonly { path?: string }[]): boolean => problems.some((p) => p.path === alteration.file);
      const caught = bundle?.integrity.status === 'modified' && named(bundle.integrity.problems);
      const judged = judgeApp(alteration.bytes).find((b) => b.path === alteration.bundle);
      const reader = judged?.status === 'modified' && named(judged.problems);
      const provlens = bundle ? `${bundle.integrity.status}: ${bundle.integrity.problems.map((p) => `${p.code} ${p.path ?? ''}`).slice(0, 3).join('; ')}` : 'no bundle';
      results.push({ alteration, caught, reader, provlens });
    }
  }
  console.log(`\nAltered copies (in ${folder}):`);
  for (const r of results) {
    console.log(`${r.caught ? 'caught' : 'MISSED'} │ reader ${r.reader ? 'caught' : 'missed'} │ ${r.alteration.app} │ ${r.alteration.kind} ${r.alteration.file} │ ${r.provlens}`);
  }
  const caught = results.filter((r) => r.caught).length;
  console.log(`\naltered copies caught with the file named: ProvLens ${caught}/${results.length}, reader ${results.filter((r) => r.reader).length}/${results.length}`);
  if (count('no') > 0 || caught < results.length) process.exitCode = 1;
}

if (process.argv[1]?.endsWith('compare.ts')) await main();
