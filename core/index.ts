// The core's only public entry: bytes in, plain data out. Every view (CLI, web, extension) imports from here.
// It re-exports the public faces of cms/, profile/ and export/ and app/'s decoder and verdict; store/ stays out, so idb
// never loads with the library or the CLI.
export * from './types';
export { ProvlensError, isProvlensError, toErrorData, ERROR_CODES } from './errors';
export type { ErrorCode, ErrorData } from './errors';
export { useNativeCrypto, useWebCrypto, type NativeCrypto, type NativeVerification } from './cms';

// Profiles: decode + verify (issue 2).
export { decodeProfile, MAX_PROFILE_BYTES } from './profile';
export type { DecodeOptions } from './profile';
export { APPLE_CA_SHA256, APPLE_CODE_SIGNING_CA_SHA256, verifyCms, verifyDetachedCms } from './cms';
export type { CmsVerifyOptions, NamePolicy } from './cms';

// Findings, diff, exports, entitlement explanations (issue 3).
export { findings, daysLeft, formatUtc, DEFAULT_WARN_DAYS, diffProfiles, explainEntitlement } from './profile';
export { toJsonExport, toCsv, toIcs, icsCalendar } from './export';
export type { IcsCalendar, IcsOptions, CsvOptions, ExportOptions, JsonExport, JudgedProfileResult } from './export';

// The Intune job: create + assign or renew in place, for every Microsoft cloud, refusing what Intune cannot use (issue 13).
export { intuneJob, toPowerShell, isGuid, isScopeTagId, CLOUDS, CLOUD_NAMES, isCloudName, DEFAULT_SCOPE_TAG } from './export';
export type { IntuneFile, IntuneJob, IntuneJobOptions, GraphRequest, Refusal, Cloud, CloudName } from './export';

// Apps (.ipa) and the Intune renewal verdict (issue 3).
export { decodeApp, embeddedProfileFiles } from './app/app';
export type { AppDecodeOptions } from './app/app';
export { renewalVerdict } from './app/verdict';
// Hosts with cheaper primitives than WebCrypto's per-call digests (Node: node:crypto, node:zlib) install them once.
export { useAppPrimitives } from './app/platform';
export type { AppPrimitives, IncrementalDigest, DigestName } from './app/platform';

// One entry for "a file of either kind" → a result with findings (CLI, web import, extension).
export { inspect, sniffKind } from './inspect';
export type { InspectOptions } from './inspect';

// The one live verdict every view, export, badge and panel shows (issue 11).
export { profileVerdict, resultVerdict, isIosProfile, STATUS_LABEL, STATUS_ORDER } from './profile';
export type { ProfileStatus, ProfileVerdict, NotUsableCode, NotUsableReason, VerdictOptions } from './profile';

// The tenant board: an Intune tenant read through Microsoft Graph, every pushed profile verified (issue 18).
export * from './tenant';
