// Altered copies of a corpus app, each a thing an attacker or a careless re-packager does: a sealed resource
// replaced, a file added, a byte of code patched, Info.plist edited. Made only from apps both sides call intact or
// ad-hoc, in the app's main bundle, so what must be caught is exactly the one change.
import { readZip, type ZipMember } from './reader/zip';
import { writeZip, type ZipInput } from './zip-writer';
import type { CorpusEntry } from './manifest';
import { judgeApp } from './reader/judge';
import { readSeal } from './reader/seal';
import { build } from 'plist';
import { asDict, readPlist } from './reader/plist';

export interface Alteration {
  app: string;
  kind: 'resource-replaced' | 'file-added' | 'code-patched' | 'info-plist-edited';
  bundle: string;
  /** The file ProvLens must name, relative to the bundle. */
  file: string;
  bytes: Uint8Array;
}

// A handful is enough to show each kind on different tools and years; more only costs time.
const MAX_APPS = 10;
const chosen = new Set<string>();

export function alterations(entry: CorpusEntry, bytes: Uint8Array): Alteration[] {
  if (chosen.size >= MAX_APPS || chosen.has(entry.repository)) return [];
  const main = judgeApp(bytes)[0];
  if (!main || (main.status !== 'intact' && main.status !== 'ad-hoc')) return [];
  const members = readZip(bytes);
  const root = main.path;
  const byName = new Map(members.map((m) => [m.name, m]));
  const info = asDict(readPlist(byName.get(`${root}Info.plist`)?.data() ?? new Uint8Array()));
  const executable = typeof info?.CFBundleExecutable === 'string' ? info.CFBundleExecutable : null;
  const seal = readSeal(byName.get(`${root}_CodeSignature/CodeResources`)?.data() ?? new Uint8Array());
  if (!executable || !seal) return [];
  const resource = [...seal.entries].find(([path, e]) => e.kind === 'file' && !e.optional && !path.includes('/') && byName.has(`${root}${path}`))?.[0];
  if (!resource) return [];
  chosen.add(entry.repository);
  const rebuild = (change: (files: Map<string, ZipInput>) => void): Uint8Array => {
    const files = new Map(members.map((m) => [m.name, input(m)]));
    change(files);
    return writeZip([...files.values()]);
  };
  const patch = (name: string, edit: (data: Uint8Array) => Uint8Array) => (files: Map<string, ZipInput>) => {
    const file = files.get(name)!;
    files.set(name, { ...file, data: edit(file.data) });
  };
  const flip = (at: number) => (data: Uint8Array): Uint8Array => {
    const copy = data.slice();
    copy[at] = copy[at]! ^ 0xff;
    return copy;
  };
  return [
    { kind: 'resource-replaced' as const, file: resource, bytes: rebuild(patch(`${root}${resource}`, (d) => new Uint8Array([...d, 0x20]))) },
    { kind: 'file-added' as const, file: 'payload.js', bytes: rebuild((f) => f.set(`${root}payload.js`, { name: `${root}payload.js`, data: new TextEncoder().encode('alert(1)'), mode: 0o100644 })) },
    // 0x2000 is inside the first slice's code pages for every Mach-O in the corpus (the header page of a thin file,
    // the start of the first slice in a fat one).
    { kind: 'code-patched' as const, file: executable, bytes: rebuild(patch(`${root}${executable}`, (d) => flip(firstSliceOffset(d) + 0x800)(d))) },
    { kind: 'info-plist-edited' as const, file: 'Info.plist', bytes: rebuild(patch(`${root}Info.plist`, () => new TextEncoder().encode(build({ ...info, CFBundleDisplayName: 'Altered' })))) },
  ].map((a) => ({ ...a, app: entry.id, bundle: root }));
}

function firstSliceOffset(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return view.getUint32(0, false) === 0xcafebabe ? view.getUint32(16, false) : 0;
}

function input(member: ZipMember): ZipInput {
  return {
    name: member.name,
    rawName: member.rawName,
    utf8Flag: (member.flags & 0x0800) !== 0,
    data: member.isDirectory ? new Uint8Array() : member.data(),
    mode: member.mode ?? (member.isDirectory ? 0o040755 : 0o100644),
  };
}
