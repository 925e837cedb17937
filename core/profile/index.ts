// The provisioning profile's public face: plists (XML and binary), the DER-Encoded-Profile (Apple TN3125),
// decodeProfile, the inferred type, findings and their rules, the one live verdict, entitlement words and diff.
// Modules inside core/ import the files directly (an index they also fed would close import circles).
export { decodeProfile, MAX_PROFILE_BYTES } from './profile';
export type { DecodeOptions } from './profile';
export { parsePlist, isBinaryPlist } from './plist';
export { profileType, isMacPlatform } from './profile-type';
export { findings, daysLeft, formatUtc, DEFAULT_WARN_DAYS } from './findings';
export { profileVerdict, resultVerdict, signatureStatus, isIosProfile, STATUS_LABEL, STATUS_ORDER } from './profile-verdict';
export type { ProfileStatus, ProfileVerdict, NotUsableCode, NotUsableReason, VerdictOptions } from './profile-verdict';
export { explainEntitlement } from './entitlements';
export { compareSignatures, diffProfiles, fieldLabel } from './diff';
