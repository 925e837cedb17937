// What the panel beside Intune's upload control says, as plain strings. The headline is the core's one live verdict
// (profileVerdict): what makes the file unusable says so first (tampered, not signed by Apple, unsigned, not iOS,
// not in-house, expired), and only a usable in-house profile reads "Ready for Intune". For an .ipa, Intune's two app
// checks come before all of that, per bundle: installation file integrity (an app changed after signing) and
// capabilities enforcement (entitlements the embedded profile does not grant) are dead ends no profile push can fix.
// Pure, so it is tested without a browser.
import { daysLeft, formatUtc } from '../../core/dates';
import { profileVerdict, type NotUsableCode, type ProfileVerdict } from '../../core/profile/profile-verdict';
import type { AppBundle, Finding, IntegrityStatus, ProfileResult, ProfileType, SignatureStatus } from '../../core/types';

export type Tone = 'ok' | 'warning' | 'error';

export interface Fact {
  label: string;
  value: string;
}

export interface Reason {
  code: string;
  message: string;
  fix: string;
}

export interface AnnotationModel {
  title: string;
  tone: Tone;
  /** One sentence, verdict first: can Intune's push use this file? */
  headline: string;
  /** Why not and what to do, most fundamental first; then the core's other warnings. */
  reasons: Reason[];
  facts: Fact[];
  /** The profile's own ExpirationDate: what Intune fills in, compared with the portal's field once it does. */
  expiresAt: string | null;
}

export interface ModelOptions {
  now: Date;
  warnDays: number;
  /** For an .ipa: the main bundle, whose signing certificate bounds how long the app launches. */
  app?: { name: string; certificateNotAfter: string | null; bundles?: readonly AppChecks[] };
}

/** What the panel needs of each bundle of an .ipa: the .app first, then its nested bundles. */
export type AppChecks = Pick<AppBundle, 'path' | 'integrity' | 'capabilities'>;

const VERDICT_WORD: Readonly<Record<NotUsableCode, string>> = {
  'signature-invalid': 'Tampered',
  'not-apple-signed': 'Not signed by Apple',
  unsigned: 'Unsigned copy',
  'not-ios': 'Not an iOS profile',
  'not-in-house': 'Not in-house',
  expired: 'Expired',
};

const TYPE_LABEL: Readonly<Record<ProfileType, string>> = {
  development: 'Development',
  adhoc: 'Ad hoc',
  enterprise: 'In-house (enterprise)',
  appstore: 'App Store',
  'developer-id': 'Developer ID',
};

const SIGNATURE_LABEL: Readonly<Record<SignatureStatus, string>> = {
  valid: 'Signed by Apple (verified on this device)',
  invalid: 'INVALID: the content does not match its signature (altered file)',
  untrusted: 'Signed, but not by Apple',
  unsigned: 'Not signed',
};

const INTEGRITY_LABEL: Readonly<Record<IntegrityStatus, string>> = {
  intact: 'Intact: every sealed file and code page matches the signature',
  modified: 'MODIFIED after signing: iOS and Intune will refuse it',
  unsigned: 'Not code-signed',
  'ad-hoc': 'Ad-hoc signature: no signing certificate',
  unverifiable: 'The code signature cannot be verified: iOS will refuse it',
};

const MAX_CERTIFICATES = 3;
/** The panel is a glance: the web app and the CLI list every problem. */
const MAX_PROBLEMS = 3;
/** Problems that say who signed, not what changed: shown after the changes, which are what to fix. */
const NOT_A_CHANGE: ReadonlySet<string> = new Set(['untrusted-signer', 'ad-hoc', 'unsigned']);

export function describeDays(days: number, expired = days < 0): string {
  if (expired) return days === 0 ? 'expired today' : `expired ${-days} day${days === -1 ? '' : 's'} ago`;
  if (days === 0) return 'expires within a day';
  return `${days} day${days === 1 ? '' : 's'} left`;
}

function dated(iso: string, now: Date): string {
  return `${formatUtc(iso)} (${describeDays(daysLeft(iso, now), Date.parse(iso) <= now.getTime())})`;
}

function headline(verdict: ProfileVerdict, now: Date, appWords: readonly string[]): string {
  if (appWords.length) {
    const words = [...appWords, ...verdict.reasonsNotUsable.map((reason) => VERDICT_WORD[reason.code])];
    return `${words.join(' · ')}: no profile Intune pushes can keep this app launching.`;
  }
  if (verdict.usableByIntune) {
    const until = verdict.stopsLaunchingOn ? `; apps keep launching until ${dated(verdict.stopsLaunchingOn, now)}` : '';
    const soon = verdict.status === 'expiring' ? ', but expiring soon' : '';
    return `Ready for Intune${soon}: an in-house profile signed by Apple${until}.`;
  }
  const words = verdict.reasonsNotUsable.map((reason) => VERDICT_WORD[reason.code]);
  return `${words.join(' · ')}: Intune's iOS app provisioning profiles push cannot use this file.`;
}

function unreadable(result: ProfileResult, title: string, app: AppJudgement): AnnotationModel {
  const message = result.error?.message ?? 'no embedded.mobileprovision';
  const words = app.words.length ? `${app.words.join(' · ')}; ` : '';
  return { title, tone: 'error', headline: `${words}Not a readable provisioning profile: ${message}`, reasons: app.reasons, facts: app.facts, expiresAt: null };
}

interface AppJudgement {
  /** Headline words for the app's dead ends, most fundamental first. */
  words: string[];
  reasons: Reason[];
  facts: Fact[];
  /** An ad-hoc or unsigned bundle: not a dead end by itself here, but worth a look. */
  doubtful: boolean;
}

function folderName(path: string): string {
  return path.split('/').filter(Boolean).at(-1) ?? path;
}

function problemText({ path, message }: AppChecks['integrity']['problems'][number]): string {
  return path && !message.includes(path) ? `${path}: ${message}` : message;
}

function changesFirst(problems: AppChecks['integrity']['problems']): AppChecks['integrity']['problems'] {
  return [...problems].sort((a, b) => Number(NOT_A_CHANGE.has(a.code)) - Number(NOT_A_CHANGE.has(b.code)));
}

function integrityText({ status, problems }: AppChecks['integrity']): string {
  if (status === 'intact' || problems.length === 0) return INTEGRITY_LABEL[status];
  const shown = changesFirst(problems).slice(0, MAX_PROBLEMS).map(problemText);
  const more = problems.length - shown.length;
  return `${INTEGRITY_LABEL[status]}. ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

function capabilitiesText({ status, notInProfile, reason }: AppChecks['capabilities']): string {
  if (status === 'covered') return 'Covered: the embedded profile grants every signed entitlement';
  if (status === 'exceeds') return `NOT in the embedded profile: ${notInProfile.join(', ')}`;
  return reason ? `Unknown: ${reason}` : 'Unknown: no signed entitlements or no embedded profile to compare';
}

// Intune's "Installation file integrity" and "Capabilities enforcement", per bundle, as the core judged them.
function judgeAppChecks(bundles: readonly AppChecks[]): AppJudgement {
  const several = bundles.length > 1;
  const facts: Fact[] = [];
  const modified: Reason[] = [];
  const exceeding: Reason[] = [];
  for (const { path, integrity, capabilities } of bundles) {
    const name = folderName(path);
    const suffix = several ? ` (${name})` : '';
    facts.push({ label: `Installation file integrity${suffix}`, value: integrityText(integrity) });
    facts.push({ label: `Capabilities enforcement${suffix}`, value: capabilitiesText(capabilities) });
    if (integrity.status === 'modified' || integrity.status === 'unverifiable') {
      const first = changesFirst(integrity.problems)[0];
      const what = integrity.status === 'modified' ? 'was changed after it was signed' : 'has a code signature that cannot be verified';
      modified.push({
        code: 'app-modified',
        message: `${name} ${what}${first ? ` (${problemText(first)})` : ''}: iOS will refuse to install or launch it`,
        fix: 'Re-export an unmodified app signed with the in-house distribution certificate and upload that .ipa; do not edit files inside a signed app.',
      });
    }
    // application-identifier is the profile's App ID match, told by the profile's own facts.
    const keys = capabilities.status === 'exceeds' ? capabilities.notInProfile.filter((key) => key !== 'application-identifier') : [];
    if (keys.length) {
      exceeding.push({
        code: 'capabilities-not-in-profile',
        message: `${name} was signed with entitlements its embedded profile does not grant: ${keys.join(', ')}`,
        fix: 'Add the capabilities to the App ID in the Apple Developer portal and regenerate the profile, or re-sign the app without them.',
      });
    }
  }
  const words = [...(modified.length ? ['App modified'] : []), ...(exceeding.length ? ['Capabilities not in profile'] : [])];
  const doubtful = bundles.some(({ integrity }) => integrity.status === 'ad-hoc' || integrity.status === 'unsigned');
  return { words, reasons: [...modified, ...exceeding], facts, doubtful };
}

export function annotationModel(result: ProfileResult, options: ModelOptions): AnnotationModel {
  const { profile, signature } = result;
  const name = profile?.name ?? (options.app ? 'embedded profile' : result.file);
  const title = options.app ? `${options.app.name}: ${name}` : name;
  const app = judgeAppChecks(options.app?.bundles ?? []);
  if (!result.ok || !profile || !signature) return unreadable(result, title, app);
  const { now, warnDays } = options;
  const appCertificate = options.app?.certificateNotAfter ? { notAfter: options.app.certificateNotAfter } : null;
  const verdict = profileVerdict({ profile, signature }, { now, warnDays, appCertificate });
  const reasons: Reason[] = [...app.reasons, ...verdict.reasonsNotUsable.map(({ code, message, fix }) => ({ code, message, fix }))];
  const covered = new Set<string>(reasons.map((reason) => reason.code));
  const warnings = verdict.findings.filter((finding: Finding) => finding.severity !== 'info' && !covered.has(finding.code));
  const inHouse = profile.type === 'enterprise';
  const certificates = profile.certificates.slice(0, MAX_CERTIFICATES).map((certificate) => ({
    label: `Certificate ${certificate.commonName ?? certificate.sha256.slice(0, 16)}`,
    value: `expires ${dated(certificate.notAfter, now)}`,
  }));
  const more = profile.certificates.length - certificates.length;
  const stopsEarlier = verdict.stopsLaunchingBecause === 'certificate' && verdict.stopsLaunchingOn;
  return {
    title,
    tone: app.words.length || !verdict.usableByIntune ? 'error' : verdict.status === 'expiring' || warnings.length || app.doubtful ? 'warning' : 'ok',
    headline: headline(verdict, now, app.words),
    reasons: [...reasons, ...warnings.map(({ code, message, fix }) => ({ code, message, fix }))],
    facts: [
      { label: 'Expiration date Intune will use', value: profile.expiresAt ? dated(profile.expiresAt, now) : 'none in the file' },
      ...(stopsEarlier ? [{ label: 'Apps stop launching', value: `${dated(stopsEarlier, now)}, when the signing certificate expires` }] : []),
      { label: 'Type', value: `${TYPE_LABEL[profile.type]}${inHouse ? '' : ' (not in-house)'}` },
      { label: 'Team', value: [profile.teamName, profile.teamId].filter(Boolean).join(' · ') || 'unknown' },
      { label: 'App ID', value: profile.applicationIdentifier ?? 'none' },
      { label: 'Signature', value: `${SIGNATURE_LABEL[signature.status]}${signature.reason ? `: ${signature.reason}` : ''}` },
      ...certificates,
      ...(more > 0 ? [{ label: 'More certificates', value: `${more} not shown` }] : []),
      ...app.facts,
    ],
    expiresAt: profile.expiresAt,
  };
}
