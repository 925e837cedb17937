// The signature layer's public face: CMS SignedData (RFC 5652), X.509 certificates (RFC 5280), the signature algorithm
// allow-list, Apple's pinned trust anchors and the injected WebCrypto. Profiles and apps both sit on it.
// Modules inside core/ import the files directly (an index they also fed would close import circles).
export { useNativeCrypto, useWebCrypto, type NativeCrypto, type NativeVerification } from './crypto';
export { looksLikeCms, parseSignedData } from './cms';
export type { SignedData, SignerInfo } from './cms';
export { describeCertificate, parseCertificate, readCertificate } from './certificate';
export type { ParsedCertificate } from './certificate';
export {
  APPLE_CA_SHA256,
  APPLE_CODE_SIGNING_CA_SHA256,
  DER_PROFILE_POLICY,
  IOS_PROFILE_POLICY,
  MACOS_PROFILE_POLICY,
  assessSignature,
  verifyCms,
  verifyDetachedCms,
} from './trust';
export type { CmsVerifyOptions, NamePolicy, TrustOptions } from './trust';
