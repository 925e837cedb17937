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
import { certificateExpired, certificateExpiresBeforeProfile, expired, expiresSoon } from './rules/validity';
import { debuggable, devicesInInHouse, freeTeam, notInHouse, notIos, teamMismatch, wildcardAppId } from './rules/content';
import type { Rule, RuleContext } from './rules/rule';
import { derMismatch, derMissing, notAppleSigned, signatureInvalid, signerExpiredNow } from './rules/signature';
import type { Finding, FindingOptions, Profile, Severity, SignatureReport } from '../types';

export { daysLeft, formatUtc } from '../dates';

export const DEFAULT_WARN_DAYS = 30;
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

// The order within a severity: what breaks first, then what to act on, then what to know.
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
