// An iOS app archive (.ipa, a ZIP per PKWARE APPNOTE) as an admin needs it: every bundle (the app and its
// extensions), what its Info.plist says (Apple "Information Property List" keys), the embedded.mobileprovision decoded
// by the core (Apple TN3125), and the certificate that signed the main executable, read from its Mach-O code
// signature. Only the members a bundle needs are inflated, one executable at a time, so memory follows the members
// read, not the archive. Hostile archives throw typed errors; what is merely missing becomes a per-bundle note.
import { ProvlensError, toErrorData } from '../errors';
import { findings } from '../profile/findings';
import { parsePlist } from '../profile/plist';
import { decodeProfile } from '../profile/profile';
import type { AppBundle, BundleCapabilities, BundleMatch, DecodedApp, FindingOptions, JsonObject, JsonValue, Profile, ProfileResult, SigningCertificate } from '../types';
import { appIdCovers, bundleFolderName, locateBundles, type BundleLocation } from './bundle';
import { capabilities } from './capabilities';
import { codeSigner, readCodeSignature } from './code-signature';
import { APPLE_CODE_SIGNING_CA_SHA256 } from './code-signing-trust';
import type { ScannedExecutable } from './executable';
import { bundleIntegrity, scanMember, type ArchiveAccess } from './integrity';
import { preparePrimitives } from './platform';
import { openZip, type ZipLimits } from './zip';

export interface AppDecodeOptions {
  /** Trust anchors for the embedded profiles (SHA-256, lowercase hex); Apple's by default. */
  trustedCaSha256?: readonly string[];
  /** The clock embedded profiles and their findings are judged at; defaults to the current time. */
  now?: Date;
  /** Days before expiry that count as "soon" for the embedded profiles' findings. */
  warnDays?: number;
  /** Largest archive accepted, refused before reading (`too-large`). */
  maxBytes?: number;
  /** Zip-bomb limits on the members read. */
  zipLimits?: Partial<ZipLimits>;
  /** Trust anchors for the apps' code signatures (SHA-256, lowercase hex); Apple's WWDR and Developer ID CAs by default. */
  codeSigningCaSha256?: readonly string[];
}

/** 2 GiB: a browser holds the whole file already; beyond this even reading its directory is unreasonable. */
export const MAX_APP_BYTES = 2 * 1024 * 1024 * 1024;
// Real apps carry a few dozen extensions at most; each bundle costs a pass over the central directory, so a
// hostile archive of thousands of empty .appex folders would otherwise cost bundles × members.
export const MAX_BUNDLES = 256;

type BundleInfo = Pick<AppBundle, 'bundleId' | 'name' | 'version' | 'build' | 'minimumOsVersion' | 'executable'>;

export async function decodeApp(bytes: Uint8Array, options: AppDecodeOptions = {}): Promise<DecodedApp> {
  if (bytes.length === 0) throw new ProvlensError('empty', 'The file is empty');
  const maxBytes = options.maxBytes ?? MAX_APP_BYTES;
  if (bytes.length > maxBytes) throw new ProvlensError('too-large', `The file is ${bytes.length} bytes; the limit is ${maxBytes}`);
  await preparePrimitives();
  const zip = openZip(bytes, options.zipLimits);
  const layout = locateBundles(zip.entries.map((entry) => entry.name));
  if (layout.bundles.length === 0) return { bundles: [], notes: missingPayloadNotes(layout.misplaced) };
  if (layout.bundles.length > MAX_BUNDLES) {
    throw new ProvlensError('zip-bomb', `The archive holds ${layout.bundles.length} bundles; no real app has more than ${MAX_BUNDLES}`);
  }
  const names = new Set(zip.entries.map((entry) => entry.name));
  const small = zip.read(layout.bundles.flatMap((b) => [`${b.path}Info.plist`, `${b.path}embedded.mobileprovision`]));
  const archive: ArchiveAccess = {
    names: zip.entries.map((entry) => entry.name),
    member: (name) => zip.member(name),
    sizes: new Map(zip.entries.map((entry) => [entry.name, entry.size])),
    read: (wanted) => zip.read(wanted),
    readEach: (wanted, visit) => zip.readEach(wanted, visit),
    stream: (name, onData) => zip.stream(name, onData),
    pageHash: 'SHA-256',
    ownBundles: layout.bundles.map((b) => b.path),
    anchors: codeSigningAnchors(options),
    now: options.now ?? new Date(),
  };
  const bundles: AppBundle[] = [];
  for (const location of layout.bundles) bundles.push(await readBundle(location, small, archive, names, options));
  return { bundles, notes: [] };
}

// A caller that pins its own CAs for profiles (an enterprise test CA, the test suite's root) means them for the code
// signatures of the same apps too, unless it says otherwise.
function codeSigningAnchors(options: AppDecodeOptions): readonly string[] {
  if (options.codeSigningCaSha256) return options.codeSigningCaSha256;
  return options.trustedCaSha256 ? [...APPLE_CODE_SIGNING_CA_SHA256, ...options.trustedCaSha256] : APPLE_CODE_SIGNING_CA_SHA256;
}

function missingPayloadNotes(misplaced: readonly string[]): string[] {
  if (misplaced.length === 0) {
    throw new ProvlensError('no-app', 'This ZIP archive holds no Payload/*.app folder, so it is not an iOS app');
  }
  return [
    `No app bundle at Payload/*.app, where iOS looks for it; found ${misplaced.join(', ')} instead. ` +
      'iOS will not install this archive: zip the Payload folder itself (or re-export the .ipa from Xcode).',
  ];
}

async function readBundle(
  location: BundleLocation,
  small: Map<string, Uint8Array>,
  archive: ArchiveAccess,
  names: ReadonlySet<string>,
  options: AppDecodeOptions,
): Promise<AppBundle> {
  const notes: string[] = [];
  const info = readInfoPlist(location.path, small.get(`${location.path}Info.plist`), notes);
  const executable = info.executable ?? guessExecutable(location.path, names, notes);
  const wanted = executable ? `${location.path}${executable}` : null;
  // Info.plist may spell the name in the other Unicode normalization form than the archive: either finds it.
  const member = wanted === null ? null : archive.member(wanted);
  // The executable is streamed once (never held whole) and shared by the signer lookup and the integrity check.
  const binary = member !== null ? await scanMember(archive, member, archive.sizes.get(member) ?? 0) : null;
  if (wanted && !binary) notes.push(`The executable ${wanted} is missing from the archive`);
  const signingCertificate = binary ? await readSigner(binary, notes) : null;
  const judged = await bundleIntegrity({ path: location.path, executable, executableScan: binary }, archive);
  const profileBytes = small.get(`${location.path}embedded.mobileprovision`);
  if (!profileBytes) notes.push('No embedded.mobileprovision: this bundle carries no provisioning profile');
  const profile = profileBytes ? await embeddedProfile(`${location.path}embedded.mobileprovision`, profileBytes, options) : null;
  return {
    path: location.path,
    kind: location.kind,
    ...info,
    executable,
    signingCertificate,
    profile,
    match: bundleMatch(info.bundleId, signingCertificate, profile?.profile ?? null),
    notes,
    integrity: judged.integrity,
    capabilities: embeddedCapabilities(judged.entitlements, profile),
  };
}

// Capabilities enforcement against the embedded profile counts only when that profile is one Apple signed and it
// verified: a bare plist, a truncated or unsigned file, or a profile signed by anyone else grants nothing on a device.
function embeddedCapabilities(signed: JsonObject | null, embedded: ProfileResult | null): BundleCapabilities {
  if (embedded?.profile && embedded.signature?.status === 'valid') return capabilities(signed, embedded.profile.entitlements);
  const unknown = capabilities(signed, null);
  if (!embedded) return unknown; // no embedded profile: the bundle's notes say so
  if (!embedded.profile) return { ...unknown, reason: `the embedded profile cannot be read (${embedded.error?.message ?? 'no details'}), so what it grants is unknown` };
  const status = embedded.signature?.status ?? 'unsigned';
  const why = embedded.signature?.reason ? `: ${embedded.signature.reason}` : '';
  return { ...unknown, reason: `the embedded profile is not a verified, Apple-signed profile (${status}${why}), so what it grants is unknown` };
}

function readInfoPlist(path: string, bytes: Uint8Array | undefined, notes: string[]): BundleInfo {
  const none: BundleInfo = { bundleId: null, name: null, version: null, build: null, minimumOsVersion: null, executable: null };
  if (!bytes) {
    notes.push('No Info.plist: the bundle id, version and executable are unknown, and iOS would refuse this bundle');
    return none;
  }
  let plist: JsonValue;
  try {
    plist = parsePlist(bytes);
  } catch (error) {
    notes.push(`Info.plist does not parse (${toErrorData(error).message})`);
    return none;
  }
  if (typeof plist !== 'object' || plist === null || Array.isArray(plist)) {
    notes.push(`${path}Info.plist is not a dictionary`);
    return none;
  }
  const text = (key: string): string | null => {
    const value = plist[key];
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
  };
  let executable = text('CFBundleExecutable');
  // A path-like value would let a hostile Info.plist point the reader at another member.
  if (executable !== null && (!/^[^/\\]+$/.test(executable) || executable === '..')) {
    notes.push(`CFBundleExecutable ${JSON.stringify(executable)} is not a file name inside the bundle; ignored`);
    executable = null;
  }
  return {
    bundleId: text('CFBundleIdentifier'),
    name: text('CFBundleDisplayName') ?? text('CFBundleName'),
    version: text('CFBundleShortVersionString'),
    build: text('CFBundleVersion'),
    minimumOsVersion: text('MinimumOSVersion') ?? text('LSMinimumSystemVersion'),
    executable,
  };
}

// Xcode names the executable after the product, as it does the bundle folder; good enough when Info.plist is gone.
function guessExecutable(path: string, names: ReadonlySet<string>, notes: string[]): string | null {
  const guess = bundleFolderName(path).replace(/\.(app|appex)$/, '');
  if (!names.has(`${path}${guess}`)) return null;
  notes.push(`Executable assumed to be "${guess}" (named after the bundle folder), since Info.plist does not say`);
  return guess;
}

async function readSigner(macho: ScannedExecutable, notes: string[]): Promise<SigningCertificate | null> {
  notes.push(...macho.problems.map((problem) => `Executable: ${problem}`));
  let first: SigningCertificate | null = null;
  for (const slice of macho.slices) {
    const blobs = slice.codeSignature ? readCodeSignature(slice.codeSignature) : null;
    if (!blobs) {
      notes.push(`Executable (${slice.cpu}) is not code-signed`);
      continue;
    }
    const signer = await codeSigner(blobs);
    if (signer.problem) notes.push(`Executable (${slice.cpu}): ${signer.problem}`);
    if (!signer.certificate) continue;
    if (!first) first = signer.certificate;
    else if (first.sha256 !== signer.certificate.sha256) {
      notes.push(`Executable (${slice.cpu}) is signed by "${signer.certificate.commonName}", unlike the first slice`);
    }
  }
  return first;
}

async function embeddedProfile(file: string, bytes: Uint8Array, options: AppDecodeOptions): Promise<ProfileResult> {
  try {
    const decoded = await decodeProfile(bytes, { trustedCaSha256: options.trustedCaSha256, now: options.now });
    const findingOptions: FindingOptions = { now: options.now, warnDays: options.warnDays };
    return { kind: 'profile', file, ok: true, error: null, ...decoded, findings: findings(decoded, findingOptions) };
  } catch (error) {
    return { kind: 'profile', file, ok: false, error: toErrorData(error), profile: null, signature: null, findings: [] };
  }
}

/** The raw embedded.mobileprovision of each bundle that has one, for callers that keep the files (the web library
 *  stores each as its own profile record). Read through the same guarded archive reader as decodeApp. */
export function embeddedProfileFiles(bytes: Uint8Array, app: DecodedApp): { bundlePath: string; bytes: Uint8Array }[] {
  const byMember = new Map(
    app.bundles.filter((bundle) => bundle.profile).map((bundle) => [`${bundle.path}embedded.mobileprovision`, bundle.path]),
  );
  if (byMember.size === 0) return [];
  const members = openZip(bytes).read([...byMember.keys()]);
  return [...members].flatMap(([name, member]) => {
    const bundlePath = byMember.get(name);
    return bundlePath ? [{ bundlePath, bytes: member }] : [];
  });
}

export function bundleMatch(bundleId: string | null, signer: SigningCertificate | null, profile: Profile | null): BundleMatch {
  return {
    bundleIdMatchesAppId: profile?.bundleId && bundleId ? appIdCovers(profile.bundleId, bundleId) : null,
    certificateInProfile: profile && signer ? profile.certificates.some((cert) => cert.sha256 === signer.sha256) : null,
    teamMatches: profile?.teamId && signer?.teamId ? profile.teamId === signer.teamId : null,
  };
}
