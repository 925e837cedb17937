// The shape every findings rule shares: a pure function of one decoded profile and the judging clock.
import type { Finding, FindingCode, Profile, Severity, SignatureReport } from '../types';

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

export const RENEW =
  'Create a new profile in Apple Developer (Certificates, Identifiers & Profiles), re-export the .ipa with it, and ' +
  "push it with Intune's iOS app provisioning profiles.";
