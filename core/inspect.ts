// One entry for "a file of either kind": sniff (PKWARE APPNOTE 4.3.7 local header magic for .ipa archives, anything
// else is treated as a provisioning profile per Apple TN3125), decode, and attach findings. The result is data, never
// an exception, so a batch of files (CLI, web import, extension) keeps going when one of them is broken.
import { decodeApp } from './app/app';
import { toErrorData } from './errors';
import { findings } from './profile/findings';
import { decodeProfile } from './profile/profile';
import type { AppBundle, AppResult, DecodedApp, Finding, FindingOptions, InspectResult, ProfileResult } from './types';

export interface InspectOptions {
  /** The clock findings are judged at; defaults to the current time. */
  now?: Date;
  /** Days before expiry that count as "soon" (findings' default is 30, Intune's own notice). */
  warnDays?: number;
  /** Trust anchors (SHA-256, lowercase hex) instead of Apple's; tests pass their own test CA here. */
  trustedCaSha256?: readonly string[];
}

export type FileKind = 'app' | 'profile';

const LOCAL_FILE_HEADER = [0x50, 0x4b, 0x03, 0x04];
// An archive with no members starts with the end-of-central-directory record instead.
const EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);
}

/** A zip archive (an .ipa) or, failing that, a provisioning profile. Profiles never start with "PK". */
export function sniffKind(bytes: Uint8Array): FileKind {
  return startsWith(bytes, LOCAL_FILE_HEADER) || startsWith(bytes, EMPTY_ARCHIVE) ? 'app' : 'profile';
}

/** Decodes one file and attaches findings; never throws (failures come back as `ok: false` with a stable code). */
export async function inspect(fileName: string, bytes: Uint8Array, options: InspectOptions = {}): Promise<InspectResult> {
  // The name matters only for archives that are not zips (e.g. a truncated .ipa): they should say `not-a-zip`,
  // not `not-a-profile`.
  const kind = sniffKind(bytes) === 'app' || /\.ipa$/i.test(fileName) ? 'app' : 'profile';
  return kind === 'app' ? inspectApp(fileName, bytes, options) : inspectProfile(fileName, bytes, options);
}

export async function inspectProfile(fileName: string, bytes: Uint8Array, options: InspectOptions = {}): Promise<ProfileResult> {
  try {
    const decoded = await decodeProfile(bytes, { now: options.now, trustedCaSha256: options.trustedCaSha256 });
    return {
      kind: 'profile',
      file: fileName,
      ok: true,
      error: null,
      profile: decoded.profile,
      signature: decoded.signature,
      findings: findings(decoded, findingOptions(options)),
    };
  } catch (error) {
    return { kind: 'profile', file: fileName, ok: false, error: errorInfo(error), profile: null, signature: null, findings: [] };
  }
}

export async function inspectApp(fileName: string, bytes: Uint8Array, options: InspectOptions = {}): Promise<AppResult> {
  try {
    const app = await decodeApp(bytes, { now: options.now, warnDays: options.warnDays, trustedCaSha256: options.trustedCaSha256 });
    return { kind: 'app', file: fileName, ok: true, error: null, app, findings: appFindings(app) };
  } catch (error) {
    return { kind: 'app', file: fileName, ok: false, error: errorInfo(error), app: null, findings: [] };
  }
}

function findingOptions(options: InspectOptions): FindingOptions {
  return { now: options.now, warnDays: options.warnDays };
}

const SEVERITY_RANK: Readonly<Record<Finding['severity'], number>> = { error: 0, warning: 1, info: 2 };

// App-level findings summarise the bundles' own, each message naming its bundle, so a scheduled job sees one list
// (and one exit code) per file whatever its kind; worst first across bundles, as within one.
function appFindings(app: DecodedApp): Finding[] {
  return app.bundles
    .flatMap((bundle) =>
      (bundle.profile?.findings ?? []).map((finding) => ({ ...finding, message: `${bundleLabel(bundle)}: ${finding.message}` })),
    )
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

function bundleLabel(bundle: AppBundle): string {
  return bundle.path.replace(/\/$/, '').split('/').pop() || bundle.path;
}

// Anything but ProvlensError is a bug in the core; it still becomes data (code `internal`) so one file cannot stop a
// batch, and the message keeps what the bug said.
const errorInfo = toErrorData;
