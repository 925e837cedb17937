// Installation file integrity of one code bundle, as iOS checks it at install (Apple TN2206 "macOS Code Signing In
// Depth", xnu cs_blobs.h): for every Mach-O slice of the executable, the strongest CodeDirectory bound to the CMS
// (code-signing-trust.ts), its code-page hashes up to codeLimit, and its special slots (−1 Info.plist, −2
// requirements, −3 CodeResources, −5 entitlements, −7 DER entitlements); then the resource seal (code-resources.ts):
// every sealed file present with its hash, symlinks as links, nested code by its own signature, nothing added.
// Resources are inflated in small batches and hashed as they come, so memory follows the largest batch, not the app.
import { bytesEqual } from '../bytes';
import { isProvlensError } from '../errors';
import { parsePlist } from '../profile/plist';
import type { BundleIntegrity, IntegrityCode, IntegrityProblem, IntegrityStatus, JsonObject, SigningCertificate } from '../types';
import { blobPayload, codeSlotHash, CSSLOT, parseSuperBlob, specialSlotHash, type CodeDirectory, type CodeHash } from './code-directory';
import { isOmitted, readResourceSeal, type ResourceSeal, type Seal } from './code-resources';
import { decodeDerEntitlements, sameEntitlements } from './der-entitlements';
import { verifyCodeSignatureCms } from './code-signing-trust';
import { scanExecutable, type PageDigests, type PagePlan, type ScannedExecutable, type ScannedSlice } from './executable';
import { sealDigest, sealDigestNow, streamingDigest, streamsCheaply, type SealHash } from './hash';
import { pauseIfDue, syncDigest } from './platform';

export interface BundleSource {
  /** Folder inside the archive, ending in "/". */
  path: string;
  /** File name of the executable inside the bundle; null when unknown. */
  executable: string | null;
  /** The executable as streamed once by the caller (shared with the signer lookup); null when absent. */
  executableScan: ScannedExecutable | null;
  /** A loose Mach-O (a dylib sealed by a parent): no Info.plist or resource seal of its own. */
  standalone?: boolean;
}

export interface ArchiveAccess {
  /** Every member name of the archive. */
  names: readonly string[];
  /** The member's name as the archive spells it, for a name in either Unicode normalization form; null when absent. */
  member(name: string): string | null;
  /** Declared inflated size of each member. */
  sizes: ReadonlyMap<string, number>;
  read(names: readonly string[]): Map<string, Uint8Array>;
  /** The same members, each handed to `visit` and valid only during the call; see ZipArchive.readEach. */
  readEach(names: readonly string[], visit: (name: string, bytes: Uint8Array) => void): void;
  /** Inflates one member as a stream (false when absent); see ZipArchive.stream. */
  stream(name: string, onData: (chunk: Uint8Array) => void | Promise<void>): Promise<boolean>;
  /** The hash code pages are speculatively hashed with: the last one a CodeDirectory used (one tool signs an app). */
  pageHash: SealHash;
  /** Roots of the bundles judged on their own (PlugIns/*.appex, Watch/*.app): a parent skips their contents. */
  ownBundles: readonly string[];
  anchors: readonly string[];
  now: Date;
}

export interface IntegrityReport {
  integrity: BundleIntegrity;
  /** Entitlements the executable was signed with (slot 5 XML); null when it carries none. */
  entitlements: JsonObject | null;
  signer: SigningCertificate | null;
  /** Every CodeDirectory's cdhash (20 bytes), as a parent's seal names nested code. */
  cdhashes: Uint8Array[];
}

const CODE_SIGNATURE_DIR = '_CodeSignature/';
const SEALED_BY_SLOT = new Set(['Info.plist', 'PkgInfo']);
// codesign excludes these from every resource seal whatever the rules say (Security framework, signer.cpp): the
// signature folder, and the root link "CodeResources" → _CodeSignature/CodeResources that pre-2012 iOS apps carry.
const EXCLUDED_FROM_SEAL = new Set(['CodeResources']);
const BATCH_BYTES = 2 * 1024 * 1024;
// Without a synchronous digest, members larger than this are hashed while they inflate and never held. Not lower:
// WebCrypto has no incremental digest, and the incremental JS hash costs ~1.4× the time of the whole check on a 6 MB
// dylib (measured on SimpleSaucyApp), while holding a few MB costs nothing that lasts.
const STREAM_HASH_BYTES = 8 * 1024 * 1024;
// With a synchronous incremental digest (the host's native one or the WebAssembly one, core/app/platform.ts)
// streaming costs nothing extra per byte, so every member but the smallest is hashed while it inflates; tiny ones
// still go in batches, as a stream per member costs more in set-up than inflating a few KB.
const CHEAP_STREAM_HASH_BYTES = 64 * 1024;
const BATCH_FILES = 8192;
const MAX_NESTING = 4;

/**
 * The rule, in one place: what each problem says about the bundle. `modified` only when a named file's bytes disagree
 * with a signed hash (a resource, a code page, a special slot, the CodeDirectory the CMS signed, a nested bundle's
 * cdhash), or a file is sealed (not optional) and absent, or a file is present that nothing seals and no rule omits.
 * `unverifiable` when ProvLens cannot tell (a signer it cannot trust, a seal or member it cannot read, two readings of
 * the same signature that disagree); `unsigned` and `ad-hoc` say what the signature is; `note` changes nothing (an
 * expired certificate whose signature holds). Every problem names its file.
 */
export type ProblemWeight = 'modified' | 'unverifiable' | 'unsigned' | 'ad-hoc' | 'note';

export const PROBLEM_WEIGHT: Readonly<Record<IntegrityCode, ProblemWeight>> = Object.freeze({
  'file-modified': 'modified',
  'file-missing': 'modified',
  'file-added': 'modified',
  'symlink-modified': 'modified',
  'nested-code-modified': 'modified',
  'code-modified': 'modified',
  'info-plist-modified': 'modified',
  'requirements-modified': 'modified',
  'resources-seal-modified': 'modified',
  'entitlements-modified': 'modified',
  'signature-invalid': 'modified',
  'symlink-escapes': 'unverifiable',
  'resources-malformed': 'unverifiable',
  'signature-malformed': 'unverifiable',
  'untrusted-signer': 'unverifiable',
  'executable-missing': 'unverifiable',
  'member-unreadable': 'unverifiable',
  'too-many-files': 'unverifiable',
  'entitlements-mismatch': 'unverifiable',
  'nested-too-deep': 'unverifiable',
  unsigned: 'unsigned',
  'ad-hoc': 'ad-hoc',
  'certificate-expired': 'note',
});

/** The bundle's status from its problems, by PROBLEM_WEIGHT: the heaviest problem decides. */
export function integrityStatus(problems: readonly Pick<IntegrityProblem, 'code'>[]): IntegrityStatus {
  const weights = new Set(problems.map((problem) => PROBLEM_WEIGHT[problem.code]));
  for (const status of ['modified', 'unsigned', 'unverifiable', 'ad-hoc'] as const) if (weights.has(status)) return status;
  return 'intact';
}

export async function bundleIntegrity(bundle: BundleSource, archive: ArchiveAccess, depth = 0): Promise<IntegrityReport> {
  const problems: IntegrityProblem[] = [];
  const add: Add = (code, message, path) => void problems.push({ code, path, message });
  const report: IntegrityReport = { integrity: { status: 'intact', problems }, entitlements: null, signer: null, cdhashes: [] };
  if (!bundle.executable || !bundle.executableScan) {
    // The executable carries the signature: without it nothing signed can be compared, so nothing can be told.
    if (bundle.executable) add('executable-missing', `The executable ${bundle.executable} that Info.plist names is not in the archive, and it carries the code signature: nothing signed can be checked`, bundle.executable);
    else add('executable-missing', 'Info.plist names no executable, so the code signature cannot be found', 'Info.plist');
    report.integrity.status = integrityStatus(problems);
    return report;
  }
  const small = bundle.standalone ? new Map<string, Uint8Array>() : archive.read([`${bundle.path}Info.plist`, `${bundle.path}${CODE_SIGNATURE_DIR}CodeResources`]);
  const infoPlist = small.get(`${bundle.path}Info.plist`) ?? null;
  const resources = small.get(`${bundle.path}${CODE_SIGNATURE_DIR}CodeResources`) ?? null;
  const macho = bundle.executableScan;
  for (const problem of macho.problems) add('signature-malformed', `Executable: ${problem}`, bundle.executable);
  for (const [index, slice] of macho.slices.entries()) {
    if (!slice.codeSignature) {
      add('unsigned', `The ${slice.cpu} slice is not code-signed`, bundle.executable);
      continue;
    }
    const code: SliceCode = { slice, rehash: (plan) => macho.rehash(index, plan) };
    await checkSlice(slice.cpu, code, slice.codeSignature, { infoPlist, resources }, archive, add, report, bundle.executable);
  }
  if (!bundle.standalone && !problems.some((p) => p.code === 'unsigned')) await checkSeal(bundle, resources, archive, add, depth);
  report.integrity.status = integrityStatus(problems);
  return report;
}

/** Names a problem; `path` is the file at fault, relative to the bundle. */
type Add = (code: IntegrityCode, message: string, path: string) => void;

/** A slice's pages as hashed while streaming, and the way to hash them again with another plan. */
interface SliceCode {
  slice: ScannedSlice;
  rehash(plan: PagePlan): Promise<Uint8Array[]>;
}

// Each archive's executables as scanned, so one a parent checks (the cdhash of an extension it sealed) is not streamed
// again when it is judged as its own bundle. Held only while the archive is.
const scanned = new WeakMap<ArchiveAccess, Map<string, Promise<ScannedExecutable | null>>>();

/** Streams an executable member once, hashing its pages with the archive's current guess; null when absent. */
export function scanMember(archive: ArchiveAccess, name: string, size: number): Promise<ScannedExecutable | null> {
  const member = archive.member(name);
  if (member === null) return Promise.resolve(null);
  let scans = scanned.get(archive);
  if (!scans) scanned.set(archive, (scans = new Map()));
  let scan = scans.get(member);
  if (!scan) {
    scan = scanExecutable((onData) => archive.stream(member, onData), size || (archive.sizes.get(member) ?? 0), archive.pageHash);
    scans.set(member, scan);
  }
  return scan;
}

async function checkSlice(
  cpu: string,
  code: SliceCode,
  superBlob: Uint8Array,
  files: { infoPlist: Uint8Array | null; resources: Uint8Array | null },
  archive: ArchiveAccess,
  add: Add,
  report: IntegrityReport,
  executable: string,
): Promise<void> {
  const blobs = parseSuperBlob(superBlob);
  for (const problem of blobs.problems) add('signature-malformed', `${cpu}: ${problem}`, executable);
  if (!blobs.primary || !blobs.strongest) {
    add('signature-malformed', `${cpu}: the code signature has no readable CodeDirectory`, executable);
    return;
  }
  for (const cd of blobs.all) report.cdhashes.push(await cdhash(cd));
  let checked = blobs.strongest;
  if (!blobs.cms) add('ad-hoc', `${cpu}: ad-hoc signature (no CMS, no signing certificate)`, executable);
  else {
    const cms = await verifyCodeSignatureCms(blobs.cms, blobs.primary.bytes, archive.anchors, archive.now);
    report.signer ??= cms.signer;
    if (cms.status === 'invalid') add('signature-invalid', `${cpu}: ${cms.reason ?? 'the CMS does not verify'}: the CodeDirectory was changed after signing or belongs to another app`, executable);
    else if (cms.status === 'untrusted') add('untrusted-signer', `${cpu}: ${cms.reason ?? 'not signed by an Apple developer CA'}`, executable);
    else if (cms.status === 'malformed') add('signature-malformed', `${cpu}: ${cms.reason ?? 'the CMS does not parse'}`, executable);
    else if (cms.expiredAt) add('certificate-expired', `${cpu}: ${expiredText(cms.signer, cms.expiredAt)}`, executable);
    // An alternate CodeDirectory counts only when the CMS's CDHashes attribute binds it; otherwise check the primary.
    // With a CDHashes attribute, every CodeDirectory must be one the CMS signed: a changed alternate is a changed app,
    // the weaker one too (iOS before 11 checks the SHA-1 CodeDirectory, later iOS the strongest).
    const cdHashes = cms.cdHashes;
    const isBound = async (cd: CodeDirectory): Promise<boolean> => {
      const hash = await cdhash(cd);
      return cdHashes?.some((bound) => bytesEqual(bound.subarray(0, 20), hash)) ?? false;
    };
    for (const cd of blobs.all) {
      if (cd === blobs.primary || !cdHashes || (await isBound(cd))) continue;
      add('signature-invalid', `${cpu}: the ${cd.hash} CodeDirectory is not one the CMS signed: it was changed after signing`, executable);
    }
    if (checked !== blobs.primary && !(await isBound(checked))) checked = blobs.primary;
  }
  archive.pageHash = checked.hash;
  await checkPages(cpu, checked, code, add, executable);
  // Slots −1 and −3 seal files of the bundle; −2, −5 and −7 seal blobs inside the executable itself.
  const slots: [number, Uint8Array | null, IntegrityCode, string | null][] = [
    [CSSLOT.infoPlist, files.infoPlist, 'info-plist-modified', 'Info.plist'],
    [CSSLOT.requirements, blobs.requirements, 'requirements-modified', null],
    [CSSLOT.resourceDir, files.resources, 'resources-seal-modified', `${CODE_SIGNATURE_DIR}CodeResources`],
    [CSSLOT.entitlements, blobs.entitlements, 'entitlements-modified', null],
    [CSSLOT.derEntitlements, blobs.derEntitlements, 'entitlements-modified', null],
  ];
  for (const [slot, data, problem, file] of slots) {
    const recorded = specialSlotHash(checked, slot);
    const sealed = recorded !== null && recorded.some((byte) => byte !== 0);
    if (!sealed && !data) continue;
    const what = file ?? `the ${slotName(slot)} blob`;
    const path = file ?? executable;
    if (!sealed) add(problem, `${cpu}: ${what} is present but the CodeDirectory does not seal it (added after signing)`, path);
    else if (!data) add(problem, `${cpu}: ${what} is sealed by the CodeDirectory but missing`, path);
    else if (!bytesEqual(await digest(checked.hash, data), recorded)) add(problem, `${cpu}: ${what} does not match the hash the CodeDirectory sealed`, path);
  }
  if (!report.entitlements && blobs.entitlements) report.entitlements = readEntitlements(blobs.entitlements, add, executable);
  if (blobs.derEntitlements) {
    const der = derEntitlements(cpu, blobs.derEntitlements, blobs.entitlements, add, executable);
    report.entitlements ??= der;
  }
}

// iOS 15+ enforces the DER entitlements, older iOS and the profile check read the XML: both were hashed above, so a
// disagreement is a signature that says two things (a re-signing tool that rewrote only one), not a changed file.
function derEntitlements(cpu: string, blob: Uint8Array, xmlBlob: Uint8Array | null, add: Add, executable: string): JsonObject | null {
  const der = decodeDerEntitlements(blobPayload(blob));
  if (typeof der === 'string') {
    add('entitlements-mismatch', `${cpu}: ${der}`, executable);
    return null;
  }
  const xml = xmlBlob ? plistDictionary(blobPayload(xmlBlob)) : null;
  if (xml && !sameEntitlements(der, xml)) {
    const keys = [...new Set([...Object.keys(der), ...Object.keys(xml)])].filter((key) => !sameEntitlements(der[key] ?? null, xml[key] ?? null));
    add('entitlements-mismatch', `${cpu}: the DER entitlements (enforced by iOS 15 and later) differ from the XML ones on ${keys.join(', ')}`, executable);
  }
  return der;
}

function plistDictionary(bytes: Uint8Array): JsonObject | null {
  try {
    const plist = parsePlist(bytes);
    return plist && typeof plist === 'object' && !Array.isArray(plist) ? plist : null;
  } catch {
    return null;
  }
}

async function checkPages(cpu: string, cd: CodeDirectory, code: SliceCode, add: Add, executable: string): Promise<void> {
  if (cd.codeLimit > code.slice.size) {
    add('code-modified', `${cpu}: the CodeDirectory covers ${cd.codeLimit} bytes but the slice has ${code.slice.size}`, executable);
    return;
  }
  const plan: PagePlan = { hash: cd.hash, pageSize: cd.pageSize || cd.codeLimit, codeLimit: cd.codeLimit };
  const hashes = code.slice.pages && samePlan(code.slice.pages, plan) ? code.slice.pages.digests : await code.rehash(plan);
  for (let page = 0; page < cd.codeSlots; page++) {
    const hash = hashes[page];
    if (!hash || !bytesEqual(hash, codeSlotHash(cd, page))) {
      add('code-modified', `${cpu}: code page ${page} (bytes ${page * plan.pageSize}…) does not match its sealed hash`, executable);
      return;
    }
  }
}

function samePlan(pages: PageDigests, plan: PagePlan): boolean {
  return pages.hash === plan.hash && pages.codeLimit === plan.codeLimit && (pages.pageSize || pages.codeLimit) === plan.pageSize;
}

async function checkSeal(bundle: BundleSource, bytes: Uint8Array | null, archive: ArchiveAccess, add: Add, depth: number): Promise<void> {
  if (!bytes) return; // a missing CodeResources is already named by slot −3 when it was sealed
  const seal = readResourceSeal(bytes);
  if (typeof seal === 'string') {
    add(seal.includes('limit') ? 'too-many-files' : 'resources-malformed', seal, `${CODE_SIGNATURE_DIR}CodeResources`);
    return;
  }
  for (const why of seal.unsafeRules) add('resources-malformed', why, `${CODE_SIGNATURE_DIR}CodeResources`);
  const root = bundle.path;
  // A sealed file is checked where it lies, whatever bundle it sits in: some signing tools seal an extension's files
  // one by one in its parent (PlugIns/X.appex/Info.plist, …) instead of sealing the extension as nested code.
  const toHash: SealedFile[] = [];
  for (const [path, entry] of seal.files) {
    if (entry.kind === 'file') {
      const member = archive.member(`${root}${path}`);
      if (member !== null) toHash.push([path, entry, member]);
      else if (!entry.optional) add('file-missing', `${path} is sealed but missing`, path);
    } else if (entry.kind === 'symlink') await checkSymlink(root, path, entry.target, entry.optional, archive, add);
    else await checkNested(bundle, path, entry, archive, add, depth);
  }
  await hashFiles(toHash, archive, add);
  checkAdded(bundle, seal, archive, add);
}

// What nothing seals: every member of this bundle (not of the bundles judged on their own) that is neither sealed,
// nor sealed elsewhere (the executable, Info.plist, the signature), nor inside sealed nested code, nor omitted.
// Seal paths and member names are compared in NFC, as iOS's file systems compare them.
function checkAdded(bundle: BundleSource, seal: ResourceSeal, archive: ArchiveAccess, add: Add): void {
  const root = bundle.path;
  const sealed = new Set([...seal.files.keys()].map((path) => path.normalize('NFC')));
  const nestedRoots = [...seal.files].filter(([, s]) => s.kind === 'nested').map(([path]) => `${path.normalize('NFC')}/`);
  const executable = bundle.executable?.normalize('NFC');
  const own = archive.ownBundles.filter((folder) => folder !== root && folder.startsWith(root));
  for (const name of archive.names) {
    if (!name.startsWith(root) || own.some((folder) => name.startsWith(folder))) continue;
    const path = name.slice(root.length);
    const key = path.normalize('NFC');
    if (path === '' || path.endsWith('/') || sealed.has(key) || key === executable || SEALED_BY_SLOT.has(key) || EXCLUDED_FROM_SEAL.has(key)) continue;
    if (path.startsWith(CODE_SIGNATURE_DIR) || nestedRoots.some((nested) => key.startsWith(nested))) continue;
    if (isOmitted(seal, path)) continue;
    add('file-added', `${path} is in the bundle but sealed nowhere: added after signing`, path);
  }
}

/** A sealed path, its seal, and the archive member it was found at. */
type SealedFile = [string, Extract<Seal, { kind: 'file' }>, string];

async function hashFiles(all: SealedFile[], archive: ArchiveAccess, addInOrder: Add): Promise<void> {
  // Problems are named in the seal's order, whichever members were streamed and whichever batched: which those are
  // depends on the platform's primitives, and the result must not.
  const found = new Map<string, Parameters<Add>[]>();
  const add: Add = (code, message, path) => void found.set(path, [...(found.get(path) ?? []), [code, message, path]]);
  await hashFilesUnordered(all, archive, add);
  for (const path of new Set(all.map(([path]) => path))) for (const problem of found.get(path) ?? []) addInOrder(...problem);
}

async function hashFilesUnordered(all: SealedFile[], archive: ArchiveAccess, add: Add): Promise<void> {
  const threshold = streamsCheaply() ? CHEAP_STREAM_HASH_BYTES : STREAM_HASH_BYTES;
  const large = ([, , member]: SealedFile): boolean => (archive.sizes.get(member) ?? 0) > threshold;
  for (const [path, seal, member] of all.filter(large)) {
    const hash = await streamedHash(archive, member, seal.algorithm, add, path);
    if (hash && !bytesEqual(hash, seal.hash)) add('file-modified', `${path} does not match the hash sealed in CodeResources`, path);
  }
  const files = all.filter((file) => !large(file));
  for (let i = 0; i < files.length; ) {
    const batch: typeof files = [];
    let bytes = 0;
    while (i < files.length && batch.length < BATCH_FILES && (batch.length === 0 || bytes < BATCH_BYTES)) {
      const next = files[i++]!;
      batch.push(next);
      bytes += archive.sizes.get(next[2]) ?? 0;
    }
    const modified = modifiedNow(batch, archive);
    if (modified) {
      for (const path of modified) add('file-modified', `${path} does not match the hash sealed in CodeResources`, path);
      await pauseIfDue();
      continue;
    }
    const read = safeRead(archive, batch.map(([path, , member]) => [member, path]), add);
    const hashes = await Promise.all(batch.map(([, seal, member]) => {
      const data = read.get(member);
      return data ? digest(seal.algorithm, data) : null;
    }));
    batch.forEach(([path, seal], j) => {
      const hash = hashes[j];
      if (!hash) return; // unreadable: safeRead named it
      if (!bytesEqual(hash, seal.hash)) add('file-modified', `${path} does not match the hash sealed in CodeResources`, path);
    });
    await pauseIfDue();
  }
}

/**
 * With a synchronous digest, the batch hashed as each member is read (on the browser path into a buffer the archive
 * reuses: ~7 MB of small resources otherwise left as garbage on the synthetic extension app) and nothing kept: the
 * sealed paths whose bytes differ. null when that cannot be done or a member cannot be read: the batch is then read
 * as a whole, which names the member at fault.
 */
function modifiedNow(batch: readonly SealedFile[], archive: ArchiveAccess): string[] | null {
  if (!syncDigest()) return null;
  const byMember = new Map<string, SealedFile[]>();
  for (const file of batch) byMember.set(file[2], [...(byMember.get(file[2]) ?? []), file]);
  const modified: string[] = [];
  let hashed = 0;
  try {
    archive.readEach([...byMember.keys()], (member, bytes) => {
      for (const [path, seal] of byMember.get(member) ?? []) {
        hashed++;
        if (!bytesEqual(sealDigestNow(seal.algorithm, bytes) ?? new Uint8Array(0), seal.hash)) modified.push(path);
      }
    });
  } catch (error) {
    if (!isProvlensError(error)) throw error;
    return null;
  }
  return hashed === batch.length ? modified : null;
}

async function checkSymlink(root: string, path: string, target: string, optional: boolean, archive: ArchiveAccess, add: Add): Promise<void> {
  if (escapes(path, target)) add('symlink-escapes', `${path} is a link to ${target}, outside the bundle`, path);
  const member = archive.member(`${root}${path}`);
  if (member === null) {
    if (!optional) add('file-missing', `${path} (a link to ${target}) is sealed but missing`, path);
    return;
  }
  // A zip stores a link as a member whose content is the target.
  const content = safeRead(archive, [[member, path]], add).get(member);
  if (!content || new TextDecoder().decode(content) !== target) add('symlink-modified', `${path} no longer links to ${target}`, path);
}

async function streamedHash(archive: ArchiveAccess, name: string, hash: 'SHA-1' | 'SHA-256', add: Add, path: string): Promise<Uint8Array | null> {
  const state = streamingDigest(hash);
  try {
    await archive.stream(name, (chunk) => state.update(chunk));
    return state.digest();
  } catch (error) {
    if (!isProvlensError(error)) throw error;
    add('member-unreadable', `${path} cannot be read from the archive (${error.message})`, path);
    return null;
  }
}

// A member the archive cannot inflate (a lying size, damaged data, past the bomb limits) is named, not thrown: the
// rest of the bundle is still worth judging. Each wanted member comes with its path in the bundle, to name it by.
function safeRead(archive: ArchiveAccess, wanted: readonly (readonly [member: string, path: string])[], add: Add): Map<string, Uint8Array> {
  try {
    return archive.read(wanted.map(([member]) => member));
  } catch (error) {
    if (!isProvlensError(error)) throw error;
    const [only] = wanted;
    if (wanted.length === 1 && only) {
      add('member-unreadable', `${only[1]} cannot be read from the archive (${error.message})`, only[1]);
      return new Map();
    }
    // Read one by one to name the member at fault.
    const out = new Map<string, Uint8Array>();
    for (const one of wanted) for (const [key, value] of safeRead(archive, [one], add)) out.set(key, value);
    return out;
  }
}

function escapes(path: string, target: string): boolean {
  if (target.startsWith('/')) return true;
  let depth = path.split('/').length - 1;
  for (const segment of target.split('/')) {
    if (segment === '..') depth--;
    else if (segment !== '.' && segment !== '') depth++;
    if (depth < 0) return true;
  }
  return false;
}

async function checkNested(
  parent: BundleSource,
  path: string,
  seal: Extract<Seal, { kind: 'nested' }>,
  archive: ArchiveAccess,
  add: Add,
  depth: number,
): Promise<void> {
  const folder = `${parent.path}${path}/`;
  const folderKey = folder.normalize('NFC');
  const inFolder = archive.names.find((name) => name.startsWith(folder)) ?? archive.names.find((name) => name.normalize('NFC').startsWith(folderKey));
  const member = inFolder === undefined ? archive.member(`${parent.path}${path}`) : null;
  if (inFolder === undefined && member === null) {
    if (!seal.optional) add('file-missing', `${path} (nested code) is sealed but missing`, path);
    return;
  }
  // The folder as the archive spells it (the seal may spell it in the other normalization form).
  const realFolder = inFolder === undefined ? null : inFolder.startsWith(folder) ? folder : inFolder.slice(0, folderLength(inFolder, folderKey));
  const sealed = seal.cdhash?.subarray(0, 20);
  if (realFolder !== null && archive.ownBundles.includes(realFolder)) {
    // An .appex or Watch app is judged as its own bundle; here only whether it is still the code this bundle sealed
    // (another validly signed build swapped in is intact on its own, but not what this bundle was signed with).
    const own = await nestedBundle(realFolder, archive);
    if (sealed) sameCode(path, sealed, await cdhashesOf(own.executableScan), add);
    return;
  }
  if (depth >= MAX_NESTING) {
    add('nested-too-deep', `${path} is nested deeper than ${MAX_NESTING} bundles; not followed, so not verified`, path);
    return;
  }
  const nested: BundleSource = realFolder !== null || member === null
    ? await nestedBundle(realFolder ?? folder, archive)
    : { path: parent.path, executable: member.slice(parent.path.length), executableScan: await scanMember(archive, member, 0), standalone: true };
  const report = await bundleIntegrity(nested, archive, depth + 1);
  for (const problem of report.integrity.problems) {
    if (problem.code === 'ad-hoc' || problem.code === 'untrusted-signer' || PROBLEM_WEIGHT[problem.code] === 'note') continue;
    const at = realFolder !== null && problem.path ? `${path}/${problem.path}` : path;
    // Nested code sealed by its cdhash is sealed as a whole: its executable gone is a sealed file absent.
    const absent = problem.code === 'executable-missing' && seal.cdhash !== null;
    add(absent || PROBLEM_WEIGHT[problem.code] === 'modified' ? 'nested-code-modified' : problem.code, `${path}: ${problem.message}`, at);
  }
  if (sealed) sameCode(path, sealed, report.cdhashes, add);
}

function sameCode(path: string, sealed: Uint8Array, cdhashes: readonly Uint8Array[], add: Add): void {
  if (cdhashes.length && !cdhashes.some((hash) => bytesEqual(hash, sealed))) {
    add('nested-code-modified', `${path} is signed with a different CodeDirectory than the one this bundle sealed`, path);
  }
}

/** The length of the prefix of `name` that is `folderKey` once in NFC. */
function folderLength(name: string, folderKey: string): number {
  for (let end = 1; end <= name.length; end++) if (name.slice(0, end).normalize('NFC') === folderKey) return end;
  return name.length;
}

/** Every CodeDirectory's cdhash in every signed slice: any of them is what a parent may have sealed. */
async function cdhashesOf(scan: ScannedExecutable | null): Promise<Uint8Array[]> {
  const hashes: Uint8Array[] = [];
  for (const slice of scan?.slices ?? []) {
    if (slice.codeSignature) for (const cd of parseSuperBlob(slice.codeSignature).all) hashes.push(await cdhash(cd));
  }
  return hashes;
}

async function nestedBundle(folder: string, archive: ArchiveAccess): Promise<BundleSource> {
  const info = archive.read([`${folder}Info.plist`]).get(`${folder}Info.plist`);
  let executable = folder.replace(/\/$/, '').split('/').pop()?.replace(/\.[^.]+$/, '') ?? null;
  try {
    const plist = info ? parsePlist(info) : null;
    if (plist && typeof plist === 'object' && !Array.isArray(plist) && typeof plist.CFBundleExecutable === 'string' && /^[^/\\]+$/.test(plist.CFBundleExecutable)) {
      executable = plist.CFBundleExecutable;
    }
  } catch {
    // An unreadable Info.plist is named by the nested bundle's own slot −1 check.
  }
  const member = executable === null ? null : archive.member(`${folder}${executable}`);
  const scan = member === null ? null : await scanMember(archive, member, 0);
  return { path: folder, executable: member === null ? executable : member.slice(folder.length), executableScan: scan };
}

function readEntitlements(blob: Uint8Array, add: Add, executable: string): JsonObject | null {
  try {
    const plist = parsePlist(blobPayload(blob));
    if (plist && typeof plist === 'object' && !Array.isArray(plist)) return plist;
  } catch {
    // fall through
  }
  add('signature-malformed', 'The entitlements blob is not a plist dictionary', executable);
  return null;
}

function expiredText(signer: SigningCertificate | null, expiredAt: string): string {
  const whose = signer && signer.notAfter === expiredAt ? `the signing certificate "${signer.commonName ?? signer.sha256}"` : 'a certificate of its chain';
  return `${whose} expired on ${expiredAt}; the signature carries no signing time, and as of then it is valid and chains to a pinned Apple CA`;
}

function slotName(slot: number): string {
  return slot === CSSLOT.requirements ? 'requirements' : slot === CSSLOT.derEntitlements ? 'DER entitlements' : 'entitlements';
}

function digest(hash: CodeHash | 'SHA-1' | 'SHA-256', bytes: Uint8Array): Promise<Uint8Array> {
  return sealDigest(hash, bytes);
}

/** The cdhash: the CodeDirectory hashed with its own hash type, truncated to 20 bytes. */
async function cdhash(cd: CodeDirectory): Promise<Uint8Array> {
  return (await digest(cd.hash, cd.bytes)).subarray(0, 20);
}
