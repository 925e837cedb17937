// What the panel beside Intune's upload control says, as plain strings. The headline is the core's one live verdict
// (profileVerdict): what makes the file unusable says so first (tampered, not signed by Apple, unsigned, not iOS,
// not in-house, expired), and only a usable in-house profile reads "Ready for Intune". Pure, so it is tested
// without a browser.
import { daysLeft, formatUtc } from '../../core/dates';
import { profileVerdict, type NotUsableCode, type ProfileVerdict } from '../../core/profile/profile-verdict';
import type { Finding, ProfileResult, ProfileType, SignatureStatus } from '../../core/types';

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
  app?: { name: string; certificateNotAfter: string | null };
}

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

const MAX_CERTIFICATES = 3;

export function describeDays(days: number, expired = days < 0): string {
  if (expired) return days === 0 ? 'expired today' : `expired ${-days} day${days === -1 ? '' : 's'} ago`;
  if (days === 0) return 'expires within a day';
  return `${days} day${days === 1 ? '' : 's'} left`;
}

function dated(iso: string, now: Date): string {
  return `${formatUtc(iso)} (${describeDays(daysLeft(iso, now), Date.parse(iso) <= now.getTime())})`;
}

function headline(verdict: ProfileVerdict, now: Date): string {
  if (verdict.usableByIntune) {
    const until = verdict.stopsLaunchingOn ? `; apps keep launching until ${dated(verdict.stopsLaunchingOn, now)}` : '';
    const soon = verdict.status === 'expiring' ? ', but expiring soon' : '';
    return `Ready for Intune${soon}: an in-house profile signed by Apple${until}.`;
  }
  const words = verdict.reasonsNotUsable.map((reason) => VERDICT_WORD[reason.code]);
  return `${words.join(' · ')}: Intune's iOS app provisioning profiles push cannot use this file.`;
}

function unreadable(result: ProfileResult, title: string): AnnotationModel {
  const message = result.error?.message ?? 'no embedded.mobileprovision';
  return { title, tone: 'error', headline: `Not a readable provisioning profile: ${message}`, reasons: [], facts: [], expiresAt: null };
}

export function annotationModel(result: ProfileResult, options: ModelOptions): AnnotationModel {
  const { profile, signature } = result;
  const name = profile?.name ?? (options.app ? 'embedded profile' : result.file);
  const title = options.app ? `${options.app.name}: ${name}` : name;
  if (!result.ok || !profile || !signature) return unreadable(result, title);
  const { now, warnDays } = options;
  const appCertificate = options.app?.certificateNotAfter ? { notAfter: options.app.certificateNotAfter } : null;
  const verdict = profileVerdict({ profile, signature }, { now, warnDays, appCertificate });
  const reasons: Reason[] = verdict.reasonsNotUsable.map(({ code, message, fix }) => ({ code, message, fix }));
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
    tone: !verdict.usableByIntune ? 'error' : verdict.status === 'expiring' || warnings.length ? 'warning' : 'ok',
    headline: headline(verdict, now),
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
    ],
    expiresAt: profile.expiresAt,
  };
}
