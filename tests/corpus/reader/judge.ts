// The corpus's own judgement of an .ipa, bundle by bundle, written from Apple's documents (TN2206 "macOS Code
// Signing In Depth", TN3125 "Inside Code Signing: Provisioning Profiles", xnu cs_blobs.h) and not from ProvLens's
// core: its zip, Mach-O, CodeDirectory, seal and entitlement readers are the files beside this one, the CMS is
// openssl's, the plists the `plist` package's. Where it differs on purpose from ProvLens it is stricter: every
// CodeDirectory of every slice is checked (not only the strongest one bound to the CMS), and the cdhash of an
// extension or Watch app sealed by its parent is checked too.
import { createHash } from 'node:crypto';
import type { PlistValue } from 'plist';
import { cdhash, digest, firstBadPage, readSuperBlob, slotHash } from './code-signature';
import { isMachO, slices } from './macho';
import { appleSignedContent, verifyCodeSignature } from './openssl';
import { asDict, readPlist, type Dict } from './plist';
import { isSealable, readSeal, type Seal } from './seal';
import { readZip, type ZipMember } from './zip';

export type Status = 'intact' | 'modified' | 'unsigned' | 'ad-hoc' | 'unverifiable';

export interface Problem {
  code: string;
  path: string;
}

export interface BundleJudgement {
  path: string;
  status: Status;
  problems: Problem[];
  capabilities: 'covered' | 'exceeds' | 'unknown';
  notInProfile: string[];
  /** What the signature is made of, for the manifest's "shape" column. */
  traits: { cpus: string[]; hashes: string[]; signer: 'apple' | 'other' | 'ad-hoc' | 'none'; sealVersion: 'files2' | 'files' | 'none' };
}

// The rule: modified only when a named file's bytes disagree with a signed hash, a sealed file is absent or an
// unsealed one present. A missing main executable is none of those (CodeResources never seals it; it carries the
// signature itself): nothing signed is left to check, so that is unverifiable.
const NOT_MODIFYING = new Set(['unsigned', 'ad-hoc', 'untrusted-signer', 'resources-malformed', 'signature-malformed', 'executable-missing']);
const NESTED_BUNDLES: [string, RegExp][] = [['PlugIns', /\.appex$/], ['Extensions', /\.appex$/], ['Watch', /\.app$/], ['AppClips', /\.app$/]];

interface Archive {
  members: Map<string, ZipMember>;
  names: string[];
  ownBundles: string[];
}

interface BundleScan {
  problems: Problem[];
  entitlements: Dict | null;
  cdhashes: string[];
  traits: BundleJudgement['traits'];
}

export function judgeApp(bytes: Uint8Array): BundleJudgement[] {
  const members = new Map(readZip(bytes).filter((m) => !m.isDirectory && !m.name.startsWith('__MACOSX/')).map((m) => [m.name, m]));
  const names = [...members.keys()];
  const ownBundles = bundleRoots(names);
  const archive: Archive = { members, names, ownBundles };
  return ownBundles.map((root) => {
    const scan = scanBundle(root, archive, 0);
    const capabilities = judgeCapabilities(scan.entitlements, members.get(`${root}embedded.mobileprovision`));
    return { path: root, status: statusOf(scan.problems), problems: scan.problems, ...capabilities, traits: scan.traits };
  });
}

function bundleRoots(names: readonly string[]): string[] {
  const roots = new Set<string>();
  for (const name of names) {
    const parts = name.split('/');
    if (parts[0] !== 'Payload' || !parts[1]?.endsWith('.app') || parts.length < 3) continue;
    let root = `Payload/${parts[1]}/`;
    roots.add(root);
    for (let i = 2; i + 2 < parts.length; i += 2) {
      const rule = NESTED_BUNDLES.find(([folder]) => folder === parts[i]);
      if (!rule || !rule[1].test(parts[i + 1] ?? '')) break;
      root += `${parts[i]}/${parts[i + 1]}/`;
      roots.add(root);
    }
  }
  return [...roots].sort();
}

function statusOf(problems: readonly Problem[]): Status {
  if (problems.some((p) => !NOT_MODIFYING.has(p.code))) return 'modified';
  if (problems.some((p) => p.code === 'unsigned')) return 'unsigned';
  if (problems.some((p) => p.code !== 'ad-hoc')) return 'unverifiable';
  return problems.length ? 'ad-hoc' : 'intact';
}

function executableName(root: string, archive: Archive): string {
  const info = asDict(readMember(archive, `${root}Info.plist`, readPlist));
  const named = info?.CFBundleExecutable;
  if (typeof named === 'string' && named && !named.includes('/')) return named;
  // Named after the bundle folder when Info.plist does not say, as Xcode names it; nameless when that is absent too.
  const guess = root.replace(/\/$/, '').split('/').pop()!.replace(/\.[^.]+$/, '');
  return archive.members.has(`${root}${guess}`) ? guess : '';
}

function readMember<T>(archive: Archive, name: string, read: (bytes: Uint8Array) => T): T | null {
  const member = archive.members.get(name);
  return member ? read(member.data()) : null;
}

const scans = new WeakMap<Archive, Map<string, BundleScan>>();

function scanBundle(root: string, archive: Archive, depth: number): BundleScan {
  const cache = scans.get(archive) ?? new Map<string, BundleScan>();
  scans.set(archive, cache);
  const known = cache.get(root);
  if (known) return known;
  const executable = executableName(root, archive);
  const scan = scanCode(`${root}${executable}`, executable, archive, {
    infoPlist: archive.members.get(`${root}Info.plist`)?.data() ?? null,
    resources: archive.members.get(`${root}_CodeSignature/CodeResources`)?.data() ?? null,
  });
  const resources = archive.members.get(`${root}_CodeSignature/CodeResources`);
  if (!scan.problems.some((p) => p.code === 'unsigned' || p.code === 'executable-missing') && resources) {
    const seal = readSeal(resources.data());
    scan.traits.sealVersion = seal ? (resources.data().includes(0x32) && /<key>files2<\/key>/.test(new TextDecoder().decode(resources.data())) ? 'files2' : 'files') : 'none';
    if (!seal) scan.problems.push({ code: 'resources-malformed', path: '_CodeSignature/CodeResources' });
    else checkSeal(root, executable, seal, archive, scan.problems, depth);
  }
  cache.set(root, scan);
  return scan;
}

/** One Mach-O: every slice's CodeDirectories (pages and special slots), its CMS, its entitlements. */
function scanCode(member: string, label: string, archive: Archive, files: { infoPlist: Uint8Array | null; resources: Uint8Array | null }): BundleScan {
  const problems: Problem[] = [];
  const traits: BundleJudgement['traits'] = { cpus: [], hashes: [], signer: 'none', sealVersion: 'none' };
  const scan: BundleScan = { problems, entitlements: null, cdhashes: [], traits };
  const entry = archive.members.get(member);
  if (!entry || !label) {
    // No name at all: the Info.plist that should name it is the file to look at.
    problems.push({ code: 'executable-missing', path: label || 'Info.plist' });
    return scan;
  }
  const bytes = entry.data();
  if (!isMachO(bytes)) {
    problems.push({ code: 'signature-malformed', path: label });
    return scan;
  }
  for (const slice of slices(bytes)) {
    traits.cpus.push(slice.cpu);
    if (!slice.signature) {
      problems.push({ code: 'unsigned', path: label });
      continue;
    }
    const blob = readSuperBlob(slice.signature);
    const special: Record<number, [Uint8Array | null | undefined, string, string]> = {
      1: [files.infoPlist, 'info-plist-modified', 'Info.plist'],
      2: [blob.blobs.get(2), 'requirements-modified', label],
      3: [files.resources, 'resources-seal-modified', '_CodeSignature/CodeResources'],
      5: [blob.blobs.get(5), 'entitlements-modified', label],
      7: [blob.blobs.get(7), 'entitlements-modified', label],
    };
    for (const cd of blob.codeDirectories) {
      const name = `sha${cd.hashType === 1 ? 1 : cd.hashType === 4 ? 384 : 256}`;
      if (!traits.hashes.includes(name)) traits.hashes.push(name);
      scan.cdhashes.push(cdhash(cd));
      if (firstBadPage(cd, slice.bytes) !== null) problems.push({ code: 'code-modified', path: label });
      for (const [slot, [data, code, path]] of Object.entries(special)) {
        const n = Number(slot);
        if (n > cd.specialSlots) continue;
        const sealed = slotHash(cd, -n);
        if (sealed.every((byte) => byte === 0)) continue;
        if (!data) problems.push({ code, path });
        else if (!digest(cd.hashType, data, cd.hashSize).equals(sealed)) problems.push({ code, path });
      }
    }
    const primary = blob.codeDirectories.find((cd) => cd.slot === 0);
    if (!blob.cms || !primary) {
      problems.push({ code: 'ad-hoc', path: label });
      traits.signer = 'ad-hoc';
    } else {
      const verdict = verifyCodeSignature(blob.cms, primary.bytes);
      traits.signer = verdict === 'trusted' ? 'apple' : 'other';
      if (verdict === 'invalid') problems.push({ code: 'signature-invalid', path: label });
      if (verdict === 'untrusted') problems.push({ code: 'untrusted-signer', path: label });
    }
    const entitlements = blob.blobs.get(5);
    if (!scan.entitlements && entitlements) scan.entitlements = asDict(readPlist(entitlements.subarray(8)));
  }
  scan.problems = dedupe(problems);
  return scan;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}\0${p.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function checkSeal(root: string, executable: string, seal: Seal, archive: Archive, problems: Problem[], depth: number): void {
  const inOtherBundle = (name: string): boolean => archive.ownBundles.some((own) => own !== root && own.startsWith(root) && name.startsWith(own));
  const present = new Map(archive.names.filter((name) => name.startsWith(root) && !inOtherBundle(name)).map((name) => [name.slice(root.length), archive.members.get(name)!]));
  const nestedFolders: string[] = [];
  for (const [path, entry] of seal.entries) {
    // A sealed path inside an extension's folder is looked up too (older Xcode sealed those file by file).
    const member = archive.members.get(`${root}${path}`);
    if (entry.kind === 'file') {
      if (!member) {
        if (!entry.optional) problems.push({ code: 'file-missing', path });
      } else if (!createHash(entry.algorithm).update(member.data()).digest().equals(entry.hash)) problems.push({ code: 'file-modified', path });
    } else if (entry.kind === 'symlink') {
      if (!member) {
        if (!entry.optional) problems.push({ code: 'file-missing', path });
      } else if (!member.isSymlink || new TextDecoder().decode(member.data()) !== entry.target) problems.push({ code: 'symlink-modified', path });
    } else {
      const folder = `${root}${path}/`;
      nestedFolders.push(`${path}/`);
      const isFolder = archive.names.some((name) => name.startsWith(folder));
      if (!isFolder && !member) {
        if (!entry.optional) problems.push({ code: 'file-missing', path });
        continue;
      }
      const nested = isFolder
        ? depth < 6 ? scanBundle(folder, archive, depth + 1) : null
        : scanCode(`${root}${path}`, path, archive, { infoPlist: null, resources: null });
      if (!nested) continue;
      if (!archive.ownBundles.includes(folder)) {
        for (const p of nested.problems) {
          if (NOT_MODIFYING.has(p.code)) continue;
          problems.push({ code: 'nested-code-modified', path: isFolder ? `${path}/${p.path}` : path });
        }
      }
      const sealed = entry.cdhash ? Buffer.from(entry.cdhash.subarray(0, 20)).toString('hex') : null;
      if (sealed && nested.cdhashes.length && !nested.cdhashes.includes(sealed)) problems.push({ code: 'nested-code-modified', path });
    }
  }
  for (const [path, member] of present) {
    if (seal.entries.has(path) || path === executable || path.startsWith('_CodeSignature/') || member.isDirectory) continue;
    if (nestedFolders.some((folder) => path.startsWith(folder))) continue;
    if (isSealable(seal, path)) problems.push({ code: 'file-added', path });
  }
}

// TN3125: the profile's Entitlements are an allow-list; wildcards end in "*"; booleans must be granted true;
// aps-environment must be equal; an array asks for each of its elements.
function judgeCapabilities(signed: Dict | null, profileMember: ZipMember | undefined): Pick<BundleJudgement, 'capabilities' | 'notInProfile'> {
  const content = profileMember ? appleSignedContent(profileMember.data()) : null;
  const granted = content ? asDict(asDict(readPlist(content))?.Entitlements) : null;
  if (!signed || !granted) return { capabilities: 'unknown', notInProfile: [] };
  const notInProfile = Object.keys(signed).filter((key) => !granted_(key, signed[key]!, granted[key]));
  return { capabilities: notInProfile.length ? 'exceeds' : 'covered', notInProfile };
}

function granted_(key: string, asked: PlistValue, allowed: PlistValue | undefined): boolean {
  if (asked === false || (Array.isArray(asked) && asked.length === 0)) return true;
  if (allowed === undefined) return false;
  if (key === 'aps-environment') return asked === allowed;
  if (typeof asked === 'boolean') return allowed === true;
  const patterns = typeof allowed === 'string' ? [allowed] : Array.isArray(allowed) ? allowed.filter((a): a is string => typeof a === 'string') : [];
  const fits = (value: string): boolean => patterns.some((p) => (p.endsWith('*') ? value.startsWith(p.slice(0, -1)) : p === value));
  if (typeof asked === 'string') return fits(asked);
  if (Array.isArray(asked)) return asked.every((item) => (typeof item === 'string' ? fits(item) : Array.isArray(allowed) && allowed.some((a) => JSON.stringify(a) === JSON.stringify(item))));
  return JSON.stringify(asked) === JSON.stringify(allowed);
}
