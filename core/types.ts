// The core's public data model: plain, JSON-safe data (dates are UTC ISO-8601 strings with milliseconds,
// fingerprints lowercase hex). This is the contract the CLI's --json output, the web app, the extension and the
// IndexedDB store all share; change it only with all of them.

/** Any value a plist can hold, made JSON-safe: <date> → ISO string, <data> → base64 string. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type ProfileType = 'development' | 'adhoc' | 'enterprise' | 'appstore' | 'developer-id';

/** valid: chains to a pinned Apple CA and the signature matches; invalid: digest/signature mismatch (tampered);
 *  untrusted: signed, but not by Apple's CAs (or Apple's name policy fails); unsigned: a bare plist. */
export type SignatureStatus = 'valid' | 'invalid' | 'untrusted' | 'unsigned';

export interface DeveloperCertificate {
  commonName: string | null;
  /** Subject OU: the Team ID. */
  teamId: string | null;
  organization: string | null;
  /** Lowercase hex, no separators. */
  serialNumber: string;
  issuer: string | null;
  notBefore: string;
  notAfter: string;
  sha1: string;
  sha256: string;
}

export interface DerProfileReport {
  present: boolean;
  /** The DER copy's own CMS verdict; null when absent. */
  signature: SignatureStatus | null;
  /** Apple's raw value (LIMITED, ADHOC, STORE, IN_HOUSE, DIRECT, …); null when absent. */
  distributionType: string | null;
  /** Every cross-checked field agrees with the plist; null when absent or undecodable. */
  consistent: boolean | null;
  /** One line per disagreeing field, e.g. "ExpirationDate: plist 2025-…, DER 2026-…". */
  mismatches: string[];
}

export interface Profile {
  name: string | null;
  uuid: string | null;
  appIdName: string | null;
  teamId: string | null;
  teamName: string | null;
  /** Entitlements' application-identifier, e.g. "ABCDE12345.com.example.app" or "ABCDE12345.*". */
  applicationIdentifier: string | null;
  applicationIdentifierPrefix: string | null;
  /** The bundle id pattern: application-identifier without its prefix ("com.example.*", "*"). */
  bundleId: string | null;
  wildcard: boolean;
  /** The Platform key as written (e.g. ["iOS", "xrOS"]); null when the profile has none (pre-2015). */
  platforms: string[] | null;
  type: ProfileType;
  createdAt: string | null;
  expiresAt: string | null;
  timeToLive: number | null;
  provisionsAllDevices: boolean;
  devices: string[];
  getTaskAllow: boolean | null;
  apsEnvironment: string | null;
  entitlements: JsonObject;
  isXcodeManaged: boolean | null;
  certificates: DeveloperCertificate[];
  derProfile: DerProfileReport;
}

export interface SignatureReport {
  status: SignatureStatus;
  /** Signer's subject CN. */
  signer: string | null;
  /** CNs from the signer up to the trust anchor (or as far as the chain was built). */
  chain: string[];
  /** The time the chain was verified at: signingTime attribute, else CreationDate. */
  signedAt: string | null;
  /** Whether Apple's signing certificate is still within its validity now (null when unsigned). */
  signerValidNow: boolean | null;
  /** Human-readable reason when status is not valid; null when valid. */
  reason: string | null;
  /**
   * What went wrong, for callers to branch on (absent or null when valid, and on reports made before issue 14).
   * `unsupported-algorithm` comes with status `untrusted`: ProvLens cannot vouch for the signature, and says so.
   */
  problem?: SignatureProblem | null;
  /** How many SignerInfos the CMS carried, when more than one; every one must verify and chain for `valid`. */
  signerCount?: number;
}

export type SignatureProblem =
  | 'no-signer' // the CMS has no SignerInfo
  | 'no-content' // neither encapsulated nor detached content to verify
  | 'signer-certificate-missing' // no bag certificate matches the signer's sid
  | 'unsupported-algorithm' // digest or signature algorithm outside the allow-list, or not fitting the key / digest
  | 'digest-algorithms' // the SignedData digestAlgorithms set lacks the signer's digest algorithm
  | 'content-type-mismatch' // the signed contentType attribute is not eContentType (RFC 5652 §11.1)
  | 'digest-mismatch' // the content is not what was signed
  | 'signature-mismatch' // the signature does not verify with the signer's key
  | 'untrusted-chain' // no path to a pinned CA at the signing time
  | 'signer-name'; // chained, but not by the signer Apple uses for this kind of file

export interface DecodedProfile {
  profile: Profile;
  signature: SignatureReport;
}

export type Severity = 'error' | 'warning' | 'info';

export type FindingCode =
  | 'expired'
  | 'expires-soon'
  | 'not-in-house'
  | 'signature-invalid'
  | 'not-apple-signed'
  | 'certificate-expired'
  | 'certificate-expires-before-profile'
  | 'team-mismatch'
  | 'wildcard-app-id'
  | 'debuggable'
  | 'devices-in-in-house'
  | 'free-team'
  | 'not-ios'
  | 'der-missing'
  | 'der-mismatch'
  | 'signer-expired-now';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  fix: string;
}

export interface FindingOptions {
  /** Defaults to the current time. */
  now?: Date;
  /** Days before expiry that count as "soon" (default 30, Intune's own notice). */
  warnDays?: number;
}

// ---- apps (.ipa) ----

export interface BundleMatch {
  /** null when the bundle has no profile. */
  bundleIdMatchesAppId: boolean | null;
  /** null when the executable's signer or the profile is missing. */
  certificateInProfile: boolean | null;
  teamMatches: boolean | null;
}

export interface SigningCertificate {
  commonName: string | null;
  teamId: string | null;
  organization: string | null;
  serialNumber: string;
  issuer: string | null;
  notBefore: string;
  notAfter: string;
  sha1: string;
  sha256: string;
}

export interface AppBundle {
  /** e.g. "Payload/Demo.app/" or "Payload/Demo.app/PlugIns/Share.appex/". */
  path: string;
  kind: 'app' | 'extension';
  bundleId: string | null;
  name: string | null;
  version: string | null;
  build: string | null;
  minimumOsVersion: string | null;
  executable: string | null;
  signingCertificate: SigningCertificate | null;
  /** The embedded.mobileprovision decoded by the core; null when absent. */
  profile: ProfileResult | null;
  match: BundleMatch;
  /** Plain-language notes on what could not be read (missing Info.plist, no code signature, …). */
  notes: string[];
  /** Installation file integrity: is the bundle what its code signature sealed? */
  integrity: BundleIntegrity;
  /** Capabilities enforcement: the signed entitlements against the embedded profile's. */
  capabilities: BundleCapabilities;
}

export type IntegrityStatus = 'intact' | 'modified' | 'unsigned' | 'ad-hoc' | 'unverifiable';

export type IntegrityCode =
  | 'file-modified'
  | 'file-missing'
  | 'file-added'
  | 'symlink-modified'
  | 'symlink-escapes'
  | 'nested-code-modified'
  | 'code-modified'
  | 'info-plist-modified'
  | 'requirements-modified'
  | 'resources-seal-modified'
  | 'resources-malformed'
  | 'entitlements-modified'
  | 'signature-invalid'
  | 'signature-malformed'
  | 'untrusted-signer'
  | 'unsigned'
  | 'ad-hoc'
  | 'executable-missing'
  | 'member-unreadable'
  | 'too-many-files'
  | 'entitlements-mismatch'
  | 'nested-too-deep'
  | 'certificate-expired';

export interface IntegrityProblem {
  code: IntegrityCode;
  /** The file at fault, relative to its bundle. */
  path?: string;
  message: string;
}

export interface BundleIntegrity {
  status: IntegrityStatus;
  problems: IntegrityProblem[];
}

export interface BundleCapabilities {
  /** covered: the profile grants every signed entitlement; exceeds: it lacks some; unknown: nothing to compare. */
  status: 'covered' | 'exceeds' | 'unknown';
  notInProfile: string[];
  /** The entitlements the executable was signed with, in full; null when none could be read. */
  entitlements: Record<string, JsonValue> | null;
  /** Why the status is unknown, when something other than missing entitlements or profile makes it so. */
  reason?: string;
}

export interface DecodedApp {
  bundles: AppBundle[];
  notes: string[];
}

// ---- results as the CLI, views and store see them ----

export interface ErrorInfo {
  code: string;
  message: string;
}

export interface ProfileResult {
  kind: 'profile';
  file: string;
  ok: boolean;
  error: ErrorInfo | null;
  profile: Profile | null;
  signature: SignatureReport | null;
  findings: Finding[];
}

export interface AppResult {
  kind: 'app';
  file: string;
  ok: boolean;
  error: ErrorInfo | null;
  app: DecodedApp | null;
  findings: Finding[];
}

export type InspectResult = ProfileResult | AppResult;

// ---- renewal verdict ----

export type VerdictCode =
  | 'ok'
  | 'not-in-house'
  | 'signature-not-valid'
  | 'expired'
  | 'expires-soon'
  | 'bundle-not-covered'
  | 'certificate-not-in-profile'
  | 'certificate-expired'
  | 'certificate-expires-first'
  | 'team-mismatch'
  | 'no-app-certificate'
  | 'app-modified'
  | 'capabilities-not-in-profile'
  | 'not-distribution-certificate';

export interface VerdictReason {
  code: VerdictCode;
  severity: Severity;
  message: string;
  fix: string;
  /** The bundle this reason is about, when it is about one. */
  bundlePath?: string;
  /** capabilities-not-in-profile: the signed entitlement keys the candidate does not grant. */
  entitlements?: string[];
}

export interface RenewalVerdict {
  /** Can pushing this profile through Intune keep the app launching? */
  canKeepAlive: boolean;
  /** When the app stops launching if the profile is pushed: the earlier of profile and certificate expiry. */
  effectiveUntil: string | null;
  profileUuid: string | null;
  reasons: VerdictReason[];
  /** The one thing to do next, in plain language. */
  action: string;
  /** Which candidate profile covers each bundle (several candidates: each bundle gets its best match). */
  bundles?: BundleCoverage[];
}

export interface BundleCoverage {
  bundlePath: string;
  bundleId: string | null;
  /** UUID of the candidate whose App ID covers the bundle; null when none does. */
  profileUuid: string | null;
  /** When this bundle stops launching with that profile: the earlier of profile and signing-certificate expiry. */
  until: string | null;
}

// ---- diff ----

export interface FieldChange {
  field: string;
  before: JsonValue;
  after: JsonValue;
  /** What a reader calls the field ("Expires", "App ID"); entitlement changes carry their raw key here too. */
  label?: string;
  /** For entitlements: core/profile/entitlements.ts explainEntitlement, or null for an uncommon key. */
  explanation?: string | null;
}

export interface CertificateChange {
  sha256: string;
  commonName: string | null;
  /** When the developer certificate itself expires (RFC 5280 notAfter); added in issue 11. */
  notAfter?: string;
}

export interface EntitlementChange {
  key: string;
  value: JsonValue;
  /** core/profile/entitlements.ts explainEntitlement; null for an uncommon key. Added in issue 11. */
  explanation?: string | null;
}

/** The parts of a CMS signature report a renewal review compares. */
export interface SignatureSide {
  status: SignatureStatus;
  signer: string | null;
  signedAt: string | null;
}

export interface SignatureComparison {
  before: SignatureSide | null;
  after: SignatureSide | null;
  /** Fields "status", "signer", "signedAt" that differ, labelled. */
  changes: FieldChange[];
}

export interface ProfileDiff {
  changes: FieldChange[];
  certificatesAdded: CertificateChange[];
  certificatesRemoved: CertificateChange[];
  devicesAdded: string[];
  devicesRemoved: string[];
  entitlementsAdded: EntitlementChange[];
  entitlementsRemoved: EntitlementChange[];
  entitlementsChanged: FieldChange[];
  /** Registered device counts before and after (a profile for all devices lists none). Added in issue 11. */
  deviceCounts?: { before: number; after: number };
  /** Present when diffProfiles was given both sides' signature reports. Added in issue 11. */
  signature?: SignatureComparison;
}
