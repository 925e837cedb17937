// The one live verdict on a profile: computed when shown, from the decoded profile, the judging clock and the user's
// warning window, never stored. Every view (CLI, web library and pages, exports, the extension's badge and portal
// panel) asks this function, so they agree on the status word, the day count and whether Intune can use the file.
//
// Rules follow Microsoft's "Use iOS app provisioning profiles to prevent your apps from expiring" (the push is for
// in-house iOS/iPadOS line-of-business apps; a pushed profile helps only while the app's signing certificate is valid)
// and Apple TN3125 (an app stops launching when its profile or its signing certificate expires).
import { daysLeft, expiryState, formatUtc } from '../dates';
import { DEFAULT_WARN_DAYS, findings } from './findings';
import { isMacPlatform } from './profile-type';
import type { DecodedProfile, Finding, Profile, ProfileType, SignatureReport } from '../types';

/** The one vocabulary of status words, worst first. */
export type ProfileStatus = 'tampered' | 'untrusted' | 'unsigned' | 'expired' | 'expiring' | 'ok';

export const STATUS_ORDER: readonly ProfileStatus[] = ['tampered', 'untrusted', 'unsigned', 'expired', 'expiring', 'ok'];

/** What each status is called in every view. */
export const STATUS_LABEL: Readonly<Record<ProfileStatus, string>> = {
  tampered: 'Tampered',
  untrusted: 'Not signed by Apple',
  unsigned: 'Unsigned copy',
  expired: 'Expired',
  expiring: 'Expiring soon',
  ok: 'OK',
};

export type NotUsableCode = 'signature-invalid' | 'not-apple-signed' | 'unsigned' | 'not-ios' | 'not-in-house' | 'expired';

export interface NotUsableReason {
  code: NotUsableCode;
  message: string;
  /** What to get or do instead, right for this profile's type and platform. */
  fix: string;
}

export interface ProfileVerdict {
  status: ProfileStatus;
  /** An in-house iOS/iPadOS profile, signed by Apple, intact and not expired: Intune's push can use it. */
  usableByIntune: boolean;
  /** Why not, most fundamental first; empty when usable. */
  reasonsNotUsable: NotUsableReason[];
  /** When apps using this profile stop launching: its expiry or, if earlier, that of the signing certificate
   *  (the app's own when known, else the last of the profile's certificates to expire). */
  stopsLaunchingOn: string | null;
  /** Which date decided stopsLaunchingOn. */
  stopsLaunchingBecause: 'profile' | 'certificate' | null;
  /** Whole days from now to stopsLaunchingOn, rounded toward zero (0 on either side of the day it ends). */
  daysLeft: number | null;
  findings: Finding[];
}

export interface VerdictOptions {
  now?: Date;
  warnDays?: number;
  /** The certificate that signed a known app: its expiry replaces the profile's certificates'. */
  appCertificate?: { notAfter: string } | null;
}

export function profileVerdict(decoded: DecodedProfile, options: VerdictOptions = {}): ProfileVerdict {
  const now = options.now ?? new Date();
  const warnDays = options.warnDays ?? DEFAULT_WARN_DAYS;
  const { profile, signature } = decoded;
  const end = stopsLaunching(profile, options.appCertificate ?? null);
  const state = end.on ? expiryState(end.on, now, warnDays) : null;
  const status = signatureStatus(decoded) ?? (state === 'expired' ? 'expired' : state === 'expiring' ? 'expiring' : 'ok');
  const reasonsNotUsable = notUsable(profile, signature, status, end.on);
  return {
    status,
    usableByIntune: reasonsNotUsable.length === 0,
    reasonsNotUsable,
    stopsLaunchingOn: end.on,
    stopsLaunchingBecause: end.because,
    daysLeft: end.on ? daysLeft(end.on, now) : null,
    findings: findings(decoded, { now, warnDays }),
  };
}

/** The signature's side of the status; null when the file is Apple's and intact (the library's trust test too). */
export function signatureStatus({ profile, signature }: DecodedProfile): 'tampered' | 'untrusted' | 'unsigned' | null {
  const der = profile.derProfile;
  if (signature.status === 'invalid' || der.signature === 'invalid' || der.consistent === false) return 'tampered';
  if (signature.status === 'untrusted' || der.signature === 'untrusted') return 'untrusted';
  if (signature.status === 'unsigned') return 'unsigned';
  return null;
}

function stopsLaunching(profile: Profile, appCertificate: { notAfter: string } | null): { on: string | null; because: ProfileVerdict['stopsLaunchingBecause'] } {
  const certificateEnd = appCertificate?.notAfter ?? latest(profile.certificates.map((c) => c.notAfter));
  const profileEnd = profile.expiresAt;
  if (certificateEnd && (!profileEnd || Date.parse(certificateEnd) < Date.parse(profileEnd))) return { on: certificateEnd, because: 'certificate' };
  return { on: profileEnd, because: profileEnd ? 'profile' : null };
}

function latest(dates: readonly string[]): string | null {
  let best: string | null = null;
  for (const date of dates) if (!Number.isNaN(Date.parse(date)) && (best === null || Date.parse(date) > Date.parse(best))) best = date;
  return best;
}

/** True for iOS, iPadOS and visionOS-with-iOS profiles, and for pre-2015 profiles that have no Platform key. */
export function isIosProfile(profile: Pick<Profile, 'platforms'>): boolean {
  if (profile.platforms === null) return true;
  return profile.platforms.includes('iOS') && !isMacPlatform(profile.platforms);
}

function notUsable(profile: Profile, signature: SignatureReport, status: ProfileStatus, end: string | null): NotUsableReason[] {
  const reasons: NotUsableReason[] = [];
  if (status === 'tampered') {
    reasons.push({
      code: 'signature-invalid',
      message: 'The file was changed after Apple signed it, so devices refuse it.',
      fix: 'Download the profile again from Apple Developer; never push an edited copy.',
    });
  } else if (status === 'untrusted') {
    reasons.push({
      code: 'not-apple-signed',
      message: `Its signature does not chain to Apple's certificate authorities${signature.reason ? ` (${signature.reason})` : ''}, so devices refuse it.`,
      fix: 'Download the profile from Apple Developer; a profile signed by anyone else is not a provisioning profile.',
    });
  } else if (status === 'unsigned') {
    reasons.push({
      code: 'unsigned',
      message: 'This is a decoded copy without Apple\'s signature; Intune and devices need the signed file.',
      fix: 'Use the .mobileprovision file downloaded from Apple Developer, not a decoded plist.',
    });
  }
  if (!isIosProfile(profile)) {
    reasons.push({
      code: 'not-ios',
      message: `A ${platformName(profile)} profile: Intune's iOS app provisioning profiles push installs profiles on iPhone and iPad only.`,
      fix: isMacPlatform(profile.platforms)
        ? 'A Mac app carries its profile inside the app bundle: re-sign the app with a renewed profile and redeploy it.'
        : 'Renew the profile in Apple Developer and re-sign the app with it.',
    });
  } else if (profile.type !== 'enterprise') {
    reasons.push({ code: 'not-in-house', message: `${TYPE_PHRASE[profile.type]}: Intune's push keeps only in-house (Apple Developer Enterprise Program) apps alive.`, fix: NOT_IN_HOUSE_FIX[profile.type] });
  }
  if (status === 'expired' && end) {
    reasons.push({
      code: 'expired',
      message: `Apps using it stopped launching on ${formatUtc(end)}; pushing an expired profile cannot revive them.`,
      fix: profile.type === 'enterprise' && end !== profile.expiresAt
        ? 'The signing certificate has expired: create a new distribution certificate, re-sign the app with it and a new profile, and redeploy the app.'
        : 'Renew the profile in Apple Developer, download it, and push the new file.',
    });
  }
  return reasons;
}

function platformName(profile: Profile): string {
  if (isMacPlatform(profile.platforms)) return 'macOS';
  return profile.platforms?.join('/') ?? 'non-iOS';
}

const TYPE_PHRASE: Readonly<Record<ProfileType, string>> = {
  development: 'A development profile',
  adhoc: 'An ad hoc profile',
  enterprise: 'An in-house profile',
  appstore: 'An App Store profile',
  'developer-id': 'A Developer ID profile',
};

const NOT_IN_HOUSE_FIX: Readonly<Record<ProfileType, string>> = {
  development: 'Development builds run only on the listed devices from Xcode; for an in-house app, use its in-house (enterprise) distribution profile.',
  adhoc: 'Ad hoc apps are renewed by re-signing the .ipa with a new ad hoc profile and deploying the new .ipa.',
  enterprise: '',
  appstore: 'App Store apps are re-signed by Apple; there is nothing to push. Update the app through App Store Connect if needed.',
  'developer-id': 'Developer ID apps are macOS apps: re-sign the app with a renewed profile and redeploy it.',
};

/** The verdict of a stored or freshly decoded result; null when nothing could be decoded (no status to give). */
export function resultVerdict(
  result: { profile: Profile | null; signature: SignatureReport | null },
  options: VerdictOptions = {},
): ProfileVerdict | null {
  return result.profile && result.signature ? profileVerdict({ profile: result.profile, signature: result.signature }, options) : null;
}
