// The shape every findings rule shares: a pure function of one decoded profile and the judging clock.
import type { Finding, FindingCode, Profile, Severity, SignatureReport } from '../../types';

export interface RuleContext {
  profile: Profile;
  signature: SignatureReport;
  now: Date;
  warnDays: number;
}

/** One check: a finding when it applies, else null. */
export type Rule = (context: RuleContext) => Finding | null;

export function finding(code: FindingCode, severity: Severity, message: string, fix: string): Finding {
  return { code, severity, message, fix };
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** How to renew, right for the profile's type and platform: only an in-house iOS profile can be pushed by Intune
 *  (Microsoft, "Use iOS app provisioning profiles"); every other kind is renewed by re-signing or re-publishing. */
export function renewFix(profile: Pick<Profile, 'type' | 'platforms'>): string {
  const mac = profile.platforms !== null && !profile.platforms.includes('iOS');
  if (mac) return 'Renew the profile in Apple Developer, re-sign the app with it and redeploy the app.';
  switch (profile.type) {
    case 'enterprise':
      return "Create a new in-house profile in Apple Developer (Certificates, Identifiers & Profiles), download it, and push it with Intune's iOS app provisioning profiles so installed apps keep launching.";
    case 'appstore':
      return 'Nothing to push: apps from the App Store are re-signed by Apple. Renew it in Apple Developer before the next App Store Connect upload.';
    case 'development':
      return 'Renew it in Apple Developer (or let Xcode manage signing) and rebuild the app for the listed devices.';
    case 'adhoc':
      return 'Renew it in Apple Developer, re-sign the .ipa with the new profile and redistribute the app to the listed devices.';
    case 'developer-id':
      return 'Renew it in Apple Developer, re-sign the app with it and redeploy the app.';
  }
}
