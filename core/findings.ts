// Findings: what an enterprise device admin should know about one decoded profile, as data.
// Rules follow Apple TN3125 (profile fields, DER-Encoded-Profile), RFC 5280 §4.1.2.5 (certificate validity) and
// Microsoft's "Use iOS app provisioning profiles to prevent your apps from expiring" (Intune pushes in-house profiles,
// reads only the expiry date, and warns 30 days ahead).
//
// Severities are chosen for a scheduled job that exits 1 on any warning and 2 on any error: an error means apps stop
// launching or the file cannot be trusted; a warning means act before something breaks; info is true and worth
// showing but needs no action for a profile used as intended (an App Store profile is not "wrong").
//
// | code                               | severity                                   | fires when                            |
// |------------------------------------|--------------------------------------------|---------------------------------------|
// | signature-invalid                  | error                                      | CMS digest/signature mismatch         |
// | not-apple-signed                   | error (untrusted) / warning (unsigned)     | signer not Apple, or a bare plist     |
// | expired                            | error                                      | now ≥ ExpirationDate                  |
// | certificate-expired                | error                                      | every developer certificate expired   |
// | der-mismatch                       | error                                      | DER copy disagrees or fails to verify |
// | expires-soon                       | warning                                    | 0 ≤ daysLeft ≤ warnDays (default 30)  |
// | certificate-expires-before-profile | warning (none outlives) / info (some don't)| a certificate ends before the profile |
// | team-mismatch                      | warning (certificate OU) / info (prefix)   | TeamIdentifier ≠ cert OU / app prefix |
// | debuggable                         | warning                                    | get-task-allow in a distribution type |
// | devices-in-in-house                | warning                                    | enterprise profile lists devices      |
// | free-team                          | warning                                    | TimeToLive ≤ 7 days                   |
// | der-missing                        | warning (created ≥ 2022) / info (older)    | no DER-Encoded-Profile                |
// | not-in-house                       | info                                       | type is not enterprise                |
// | not-ios                            | info                                       | Platform lacks iOS                    |
// | wildcard-app-id                    | info                                       | application-identifier ends in *      |
// | signer-expired-now                 | info                                       | valid then, Apple's signer expired    |
//
// Unsigned is a warning, not an error: a bare plist is usually a decoded copy (`security cms -D`) read for its
// contents; nothing vouches for them, but nothing contradicts them either. A legacy App ID seed prefix that differs
// from the Team ID is legitimate (pre-2011 App IDs), so a prefix-only mismatch is info.
import type { DeveloperCertificate, Finding, FindingCode, FindingOptions, Profile, Severity, SignatureReport } from './types';

const DAY_MS = 86_400_000;
export const DEFAULT_WARN_DAYS = 30;
/** Apple's free (personal) teams get 7-day profiles. */
const FREE_TEAM_MAX_TTL_DAYS = 7;
// Every fixture profile created since 2022 carries a DER copy and none before mid-2021 does; Apple started adding it
// with the iOS 15 toolchain (TN3125), so its absence only means something for profiles made after that settled.
const DER_EXPECTED_SINCE = Date.parse('2022-01-01T00:00:00Z');
const DISTRIBUTION_TYPES: readonly Profile['type'][] = ['adhoc', 'enterprise', 'appstore', 'developer-id'];
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Whole days from `now` until `expiresAt`, rounded down: negative once expired; shared by views and exports. */
export function daysLeft(expiresAt: string, now: Date): number {
  return Math.floor((Date.parse(expiresAt) - now.getTime()) / DAY_MS);
}

/** "2026-03-01 14:05 UTC": dates in messages are always UTC so a report reads the same in every time zone. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

interface RuleContext {
  profile: Profile;
  signature: SignatureReport;
  now: Date;
  warnDays: number;
}

type Rule = (context: RuleContext) => Finding | null;

function finding(code: FindingCode, severity: Severity, message: string, fix: string): Finding {
  return { code, severity, message, fix };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

const RENEW =
  'Create a new profile in Apple Developer (Certificates, Identifiers & Profiles), re-export the .ipa with it, and ' +
  "push it with Intune's iOS app provisioning profiles.";

const signatureInvalid: Rule = ({ signature }) =>
  signature.status !== 'invalid'
    ? null
    : finding(
        'signature-invalid',
        'error',
        `The signature does not match the content: the file was altered after Apple signed it${signature.reason ? ` (${signature.reason})` : ''}.`,
        'Do not push or install this file; download the profile again from Apple Developer.',
      );

const notAppleSigned: Rule = ({ signature }) => {
  if (signature.status === 'untrusted') {
    return finding(
      'not-apple-signed',
      'error',
      `Signed by ${signature.signer ?? 'an unknown signer'}, not by Apple${signature.reason ? ` (${signature.reason})` : ''}; devices will refuse it.`,
      'Download the profile from Apple Developer; a profile re-signed by anyone else is not a valid profile.',
    );
  }
  if (signature.status === 'unsigned') {
    return finding(
      'not-apple-signed',
      'warning',
      'This is a bare plist with no signature: nothing proves its contents, and devices will not install it.',
      'Use the signed .mobileprovision downloaded from Apple Developer, not a decoded copy.',
    );
  }
  return null;
};

const expired: Rule = ({ profile, now }) => {
  if (!profile.expiresAt || Date.parse(profile.expiresAt) > now.getTime()) return null;
  // Whole days elapsed, so 1 ms late reads "less than a day ago" rather than daysLeft's -1.
  const ago = Math.floor((now.getTime() - Date.parse(profile.expiresAt)) / DAY_MS);
  return finding(
    'expired',
    'error',
    `Expired on ${formatUtc(profile.expiresAt)} (${ago < 1 ? 'less than a day' : plural(ago, 'day')} ago); apps using it close at launch without a message.`,
    RENEW,
  );
};

const expiresSoon: Rule = ({ profile, now, warnDays }) => {
  if (!profile.expiresAt || Date.parse(profile.expiresAt) <= now.getTime()) return null;
  const left = daysLeft(profile.expiresAt, now);
  if (left > warnDays) return null;
  return finding(
    'expires-soon',
    'warning',
    `Expires on ${formatUtc(profile.expiresAt)}: ${left === 0 ? 'less than a day' : plural(left, 'day')} left.`,
    RENEW,
  );
};

function isExpired(certificate: DeveloperCertificate, now: Date): boolean {
  return Date.parse(certificate.notAfter) <= now.getTime();
}

function certificateLabel(certificate: DeveloperCertificate): string {
  return `"${certificate.commonName ?? certificate.sha256.slice(0, 16)}" (${formatUtc(certificate.notAfter)})`;
}

const certificateExpired: Rule = ({ profile, now }) => {
  const certificates = profile.certificates;
  if (certificates.length === 0 || !certificates.every((certificate) => isExpired(certificate, now))) return null;
  return finding(
    'certificate-expired',
    'error',
    `Every signing certificate in the profile has expired: ${certificates.map(certificateLabel).join(', ')}.`,
    'Create a new distribution certificate, a new profile for it, and re-sign and re-upload the app; pushing a profile cannot help.',
  );
};

const certificateExpiresBeforeProfile: Rule = ({ profile, now }) => {
  const certificates = profile.certificates;
  if (!profile.expiresAt || certificates.length === 0) return null;
  if (certificates.every((certificate) => isExpired(certificate, now))) return null;
  const profileEnd = Date.parse(profile.expiresAt);
  const earlier = certificates.filter((certificate) => Date.parse(certificate.notAfter) < profileEnd);
  if (earlier.length === 0) return null;
  const none = earlier.length === certificates.length;
  return finding(
    'certificate-expires-before-profile',
    none ? 'warning' : 'info',
    none
      ? `The profile runs to ${formatUtc(profile.expiresAt)} but its certificates end first: ${earlier.map(certificateLabel).join(', ')}; apps stop launching then.`
      : `Apps signed with ${earlier.map(certificateLabel).join(', ')} stop launching at that date, before the profile expires on ${formatUtc(profile.expiresAt)}.`,
    none
      ? 'Plan to re-sign the app with a new distribution certificate (and a profile that lists it) before the certificate expires.'
      : 'Make sure the app is signed with a certificate that outlives the profile.',
  );
};

function appIdPrefix(profile: Profile): string | null {
  const identifier = profile.applicationIdentifier;
  const dot = identifier?.indexOf('.') ?? -1;
  return identifier && dot > 0 ? identifier.slice(0, dot) : profile.applicationIdentifierPrefix;
}

const teamMismatch: Rule = ({ profile }) => {
  const team = profile.teamId;
  if (!team) return null;
  const otherTeams = [
    ...new Set(profile.certificates.map((c) => c.teamId).filter((id): id is string => id !== null && id !== team)),
  ];
  const prefix = appIdPrefix(profile);
  const prefixDiffers = prefix !== null && prefix !== team;
  if (otherTeams.length === 0 && !prefixDiffers) return null;
  const parts = [
    ...(otherTeams.length > 0 ? [`certificate team ${otherTeams.join(', ')}`] : []),
    ...(prefixDiffers ? [`app ID prefix ${prefix}`] : []),
  ];
  return finding(
    'team-mismatch',
    otherTeams.length > 0 ? 'warning' : 'info',
    `Team ID ${team} differs from ${parts.join(' and ')}.`,
    otherTeams.length > 0
      ? 'Check that the app is signed by the team that owns the profile; download a profile made for that team.'
      : 'A legacy App ID seed prefix is legitimate; otherwise regenerate the profile for the right App ID.',
  );
};

const wildcardAppId: Rule = ({ profile }) =>
  !profile.wildcard
    ? null
    : finding(
        'wildcard-app-id',
        'info',
        `Wildcard app ID ${profile.applicationIdentifier ?? '*'}: it covers every matching bundle ID but cannot carry capabilities such as push or app groups.`,
        'Use an explicit App ID if the app needs push notifications, app groups, associated domains or iCloud.',
      );

const debuggable: Rule = ({ profile }) =>
  profile.getTaskAllow !== true || !DISTRIBUTION_TYPES.includes(profile.type)
    ? null
    : finding(
        'debuggable',
        'warning',
        `get-task-allow is true in a ${profile.type} profile: debuggers can attach to the app.`,
        'Distribution profiles from Apple never allow debugging; download the profile again from Apple Developer.',
      );

const devicesInInHouse: Rule = ({ profile }) =>
  profile.type !== 'enterprise' || profile.devices.length === 0
    ? null
    : finding(
        'devices-in-in-house',
        'warning',
        `An in-house profile that also lists ${plural(profile.devices.length, 'device')}; in-house profiles provision all devices.`,
        'Apple does not issue such profiles: download the in-house profile again from Apple Developer.',
      );

const freeTeam: Rule = ({ profile }) =>
  profile.timeToLive === null || profile.timeToLive > FREE_TEAM_MAX_TTL_DAYS
    ? null
    : finding(
        'free-team',
        'warning',
        `TimeToLive is ${plural(profile.timeToLive, 'day')}: a free (personal) team profile; apps using it stop within a week.`,
        'Use a paid Apple Developer (or Enterprise) Program team for anything beyond personal testing.',
      );

const notIos: Rule = ({ profile }) =>
  profile.platforms === null || profile.platforms.includes('iOS')
    ? null
    : finding(
        'not-ios',
        'info',
        `Platform is ${profile.platforms.join(', ') || 'empty'}, not iOS: Intune's iOS app provisioning profiles do not apply.`,
        'Deploy it with the tooling for its platform (e.g. a macOS configuration profile).',
      );

const notInHouse: Rule = ({ profile }) =>
  profile.type === 'enterprise'
    ? null
    : finding(
        'not-in-house',
        'info',
        `A ${profile.type} profile, not in-house (enterprise): Intune's iOS app provisioning profiles push cannot use it.`,
        'Only Apple Developer Enterprise Program in-house profiles can be pushed to keep an app alive.',
      );

const derMissing: Rule = ({ profile }) => {
  if (profile.derProfile.present) return null;
  const created = profile.createdAt ? Date.parse(profile.createdAt) : Number.NaN;
  const expected = created >= DER_EXPECTED_SINCE;
  return finding(
    'der-missing',
    expected ? 'warning' : 'info',
    expected
      ? `No DER-Encoded-Profile, although Apple adds one to every profile made since 2022 (this one: ${formatUtc(profile.createdAt ?? '')}).`
      : 'No DER-Encoded-Profile: normal for a profile made before 2022, so only the plist copy can be checked.',
    expected
      ? 'The file may have been rebuilt by a tool; download the profile again from Apple Developer.'
      : 'Nothing to do; a profile renewed in Apple Developer today carries one.',
  );
};

const derMismatch: Rule = ({ profile }) => {
  const der = profile.derProfile;
  if (!der.present) return null;
  const badSignature = der.signature === 'invalid' || der.signature === 'untrusted';
  if (der.consistent !== false && !badSignature) return null;
  const problems = [
    ...(badSignature ? [`the DER copy's signature is ${der.signature}`] : []),
    ...der.mismatches,
  ];
  return finding(
    'der-mismatch',
    'error',
    `The DER-Encoded-Profile (Apple's source of truth) disagrees with the plist: ${problems.join('; ') || 'fields differ'}.`,
    'The plist was edited after Apple made the profile; download the profile again from Apple Developer.',
  );
};

const signerExpiredNow: Rule = ({ signature }) =>
  signature.status !== 'valid' || signature.signerValidNow !== false
    ? null
    : finding(
        'signer-expired-now',
        'info',
        `Apple's signing certificate (${signature.signer ?? 'unknown'}) has expired since; the profile was validly signed${signature.signedAt ? ` on ${formatUtc(signature.signedAt)}` : ''}.`,
        'Nothing to do: devices check profiles against the signing time.',
      );

const RULES: readonly Rule[] = [
  signatureInvalid,
  notAppleSigned,
  expired,
  certificateExpired,
  derMismatch,
  expiresSoon,
  certificateExpiresBeforeProfile,
  teamMismatch,
  debuggable,
  devicesInInHouse,
  freeTeam,
  derMissing,
  notInHouse,
  notIos,
  wildcardAppId,
  signerExpiredNow,
];

/** Every finding for one decoded profile, errors first, then warnings, then info (rule order within a severity). */
export function findings(result: { profile: Profile; signature: SignatureReport }, options: FindingOptions = {}): Finding[] {
  const context: RuleContext = {
    ...result,
    now: options.now ?? new Date(),
    warnDays: options.warnDays ?? DEFAULT_WARN_DAYS,
  };
  return RULES.map((rule) => rule(context))
    .filter((item): item is Finding => item !== null)
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}
