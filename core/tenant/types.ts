// The tenant board's data contract (issue 18): what ProvLens reads from an Intune tenant through Microsoft Graph, and
// the board the core builds from it. Plain, JSON-safe data (dates are UTC ISO-8601 strings), shared by the web's
// #/tenant view and `provlens tenant`. Reading (graph-reader.ts) is the only part that does I/O, through an injected
// `fetch`; the board (board.ts) is pure.
//
// Sources (Microsoft Learn, Graph beta): iosLobAppProvisioningConfiguration (payload = the signed .mobileprovision,
// base64; expirationDateTime; roleScopeTagIds; relationships assignments, deviceStatuses, userStatuses),
// iosLobAppProvisioningConfigurationAssignment (target), iosLobApp (bundleId, versionNumber, buildNumber,
// expirationDateTime), mobileAppAssignment (intent, target), the assignment target types (groupAssignmentTarget,
// exclusionGroupAssignmentTarget, allDevicesAssignmentTarget, allLicensedUsersAssignmentTarget), complianceStatus,
// roleScopeTag, group. Property names: ../shared/graph/beta-intune-types.json.
import type { AppResult, ErrorInfo, ProfileResult, RenewalVerdict, Severity } from '../types';
import type { CloudName } from '../export/clouds';
import type { ProfileStatus, ProfileVerdict } from '../profile/profile-verdict';

// ---- the token ----

/** The delegated scopes the board reads with; any one of each line's alternatives will do. */
export const READ_SCOPES = ['DeviceManagementApps.Read.All', 'GroupMember.Read.All', 'DeviceManagementRBAC.Read.All'] as const;
/** The one scope Push to Intune and Renew in place need. */
export const WRITE_SCOPE = 'DeviceManagementApps.ReadWrite.All';

/** What an access token's claims say (read, not verified: Graph verifies it, ProvLens does not). */
export interface TokenInfo {
  /** delegated: `scp` (a user signed in); application: `roles` (an app's own token); opaque: not a readable JWT. */
  kind: 'delegated' | 'application' | 'opaque';
  /** The scopes (scp) or app roles (roles) as granted. */
  scopes: string[];
  /** read-write: the board and both actions; read: the board only; partial: some of the board; none: nothing. */
  access: 'read-write' | 'read' | 'partial' | 'none' | 'unknown';
  /** Each READ_SCOPES entry the token lacks (counting wider scopes that include it as present). */
  missingRead: string[];
  /** The claims grant WRITE_SCOPE. false for an opaque token, whose access is 'unknown': Graph decides, so a view may
   *  still offer the actions and let Graph's answer (403) say no. */
  canWrite: boolean;
  /** exp; null when absent or opaque. */
  expiresAt: string | null;
  /** exp has passed at the clock readAccessToken was given. */
  expired: boolean;
  /** aud as written, and which cloud's Graph it names (null when it names none or another resource). */
  audience: string | null;
  audienceCloud: CloudName | null;
  tenantId: string | null;
  /** upn, preferred_username or unique_name, for "signed in as". */
  user: string | null;
  /** app_displayname: which client obtained it (Graph Explorer, …). */
  appName: string | null;
  /** Plain sentences about what will not work: expired, issued for another cloud's Graph or another resource,
   *  missing read scopes, no write scope. Empty when nothing stands out. */
  warnings: string[];
}

// ---- talking to Graph ----

/** How the reader and the actions reach Microsoft Graph (core/tenant/graph-client.ts). Never holds the token itself. */
export interface GraphConnection {
  cloud: CloudName;
  /** The browser's or Node's fetch; a fake in unit tests. */
  fetch: typeof fetch;
  /** MSAL refreshes; a pasted token is returned as is. Asked once per request, never stored. */
  token: () => string | Promise<string>;
  /** What readAccessToken said of the token, so a 403 can name the missing scope or, if the scope is there, the role. */
  tokenInfo?: TokenInfo | null;
  signal?: AbortSignal;
  /** Retry-After waits; tests inject a fast one that records the waits. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Retries of one request after 429/503 (default 4). */
  maxRetries?: number;
  /** The clock for HTTP-date Retry-After values and the snapshot's readAt (default: the real one). */
  now?: () => Date;
  /** Progress (never the token or a header). */
  onRequest?: (request: { method: string; url: string }) => void;
}

export interface ReadTenantOptions {
  /** Read each configuration's deviceStatuses and userStatuses (default true; two paged requests per configuration). */
  statuses?: boolean;
}

// ---- what Graph returned ----

export type TargetKind = 'include' | 'exclude' | 'all-devices' | 'all-users' | 'other';

export interface AssignmentTarget {
  kind: TargetKind;
  /** groupAssignmentTarget / exclusionGroupAssignmentTarget only. */
  groupId: string | null;
  /** The target's @odata.type as Graph wrote it. */
  odataType: string;
  /** An assignment filter narrows the target: ProvLens cannot evaluate it, so it says so. */
  filterId: string | null;
  filterType: 'include' | 'exclude' | 'none' | null;
}

export interface Assignment {
  id: string | null;
  target: AssignmentTarget;
  /** mobileAppAssignment only: required, available, uninstall, availableWithoutEnrollment. */
  intent: string | null;
}

/** complianceStatus values Graph documents, counted. */
export type DeploymentStatus = 'compliant' | 'conflict' | 'error' | 'nonCompliant' | 'notApplicable' | 'notAssigned' | 'remediated' | 'unknown';

export interface StatusCounts {
  total: number;
  byStatus: Partial<Record<DeploymentStatus, number>>;
}

export interface GraphConfiguration {
  id: string;
  displayName: string | null;
  description: string | null;
  payloadFileName: string | null;
  /** Base64 of the signed file Intune pushes; null when Graph sent none. */
  payload: string | null;
  /** What Intune stored (the portal fills it from the file). */
  expirationDateTime: string | null;
  roleScopeTagIds: string[];
  createdDateTime: string | null;
  lastModifiedDateTime: string | null;
  version: number | null;
  assignments: Assignment[];
  /** Counted from deviceStatuses / userStatuses; null when they could not be read (see failures). */
  deviceStatuses: StatusCounts | null;
  userStatuses: StatusCounts | null;
}

export interface GraphIosApp {
  id: string;
  displayName: string | null;
  bundleId: string | null;
  versionNumber: string | null;
  buildNumber: string | null;
  /** The expiry of the profile inside the uploaded .ipa, as Intune read it. */
  expirationDateTime: string | null;
  roleScopeTagIds: string[];
  publishingState: string | null;
  assignments: Assignment[];
}

export type ReadPart = 'configurations' | 'apps' | 'groups' | 'scope-tags' | 'statuses' | 'configuration';

/** A request that failed: named, the rest still shown. */
export interface ReadFailure {
  part: ReadPart;
  /** The request (method and URL, never a header). */
  request: string;
  /** HTTP status; null for a network failure. */
  status: number | null;
  code: TenantErrorCode;
  /** One clear sentence (for 403: the scope or Intune role that is missing). */
  message: string;
  /** The scope that would allow it, for 403. */
  missingScope: string | null;
  /** The configuration or group it was about, when it was about one. */
  subject: string | null;
}

export type TenantErrorCode =
  | 'unauthorized' // 401: the token expired or was revoked; reconnect
  | 'forbidden' // 403: a scope or an Intune role is missing
  | 'throttled' // 429/503 still after the retries Retry-After allowed
  | 'unavailable' // 5xx
  | 'network' // fetch itself failed (offline, DNS, CORS, CSP)
  | 'bad-response' // not the documented JSON
  | 'graph-error'; // any other 4xx, with Graph's own error code in the message

export interface TenantSnapshot {
  cloud: CloudName;
  /** When the read finished. */
  readAt: string;
  configurations: GraphConfiguration[];
  apps: GraphIosApp[];
  /** Group id → display name; a group that could not be read is absent (its id is shown instead). */
  groups: Record<string, string>;
  /** Scope tag id → display name. */
  scopeTags: Record<string, string>;
  failures: ReadFailure[];
}

// ---- the library the board may draw on ----

/** A stored profile (ProfileSummary fits). Its bytes are fetched only for an action. */
export interface LibraryProfile {
  id: string;
  fileName: string;
  result: ProfileResult;
}

/** A stored .ipa's decoded result (StoredApp fits). */
export interface LibraryApp {
  id: string;
  fileName: string;
  result: AppResult;
}

export interface TenantBoardInput {
  snapshot: TenantSnapshot;
  /** Each configuration's payload decoded by the core, by configuration id (decodePayloads). */
  payloads: Readonly<Record<string, ProfileResult>>;
  library: { profiles: readonly LibraryProfile[]; apps: readonly LibraryApp[] };
}

// ---- the board ----

export interface GroupRef {
  id: string;
  /** null when the group's name could not be read. */
  name: string | null;
}

/** Where an assignment list points, resolved. */
export interface Targets {
  include: GroupRef[];
  exclude: GroupRef[];
  allDevices: boolean;
  allUsers: boolean;
  /** Some target carries an assignment filter ProvLens cannot evaluate. */
  filtered: boolean;
}

export interface ConfigurationView {
  id: string;
  displayName: string;
  payloadFileName: string | null;
  /** Decoded from the payload; null when it could not be. */
  profile: { name: string | null; uuid: string | null; applicationIdentifier: string | null; bundleId: string | null; teamId: string | null; type: string; expiresAt: string | null } | null;
  /** The one live verdict on the pushed file; null when the payload could not be decoded. */
  verdict: ProfileVerdict | null;
  /** Why the payload could not be decoded (or was absent). */
  payloadError: ErrorInfo | null;
  /** Intune's stored expirationDateTime against the file's ExpirationDate. */
  expiry: { intune: string | null; file: string | null; agrees: boolean | null };
  targets: Targets;
  assigned: boolean;
  scopeTags: { id: string; name: string | null }[];
  deviceStatuses: StatusCounts | null;
  userStatuses: StatusCounts | null;
  /** Intune app ids whose bundle id this configuration's App ID covers (same team where known). */
  covers: string[];
}

export type LaunchState = 'stopped' | 'within' | 'ok' | 'unknown';

export type ActionKind = 'none' | 'push' | 'renew-in-place' | 're-sign' | 'get-renewal' | 'assign';

export interface TenantAction {
  kind: ActionKind;
  /** One sentence: what to do, in the verdicts' words. */
  message: string;
  /** push / renew-in-place: the library profile to send. */
  profileId: string | null;
  /** renew-in-place / assign: the configuration to change. */
  configurationId: string | null;
}

/** One configuration as it bears on one app. */
export interface CoveringConfiguration {
  configurationId: string;
  status: ProfileStatus | 'unreadable';
  usable: boolean;
  /** When it stops the app launching (profileVerdict's stopsLaunchingOn, with the app's certificate when known). */
  stopsLaunchingOn: string | null;
  /** all: assigned to every group (or all devices/users) that has the app and excludes none of them; some; none. */
  reaches: 'all' | 'some' | 'none';
  /** The app's include groups this configuration does not reach. */
  missingGroups: GroupRef[];
  /** The app's include groups this configuration excludes. */
  excludedGroups: GroupRef[];
}

export interface TenantProblem {
  code: TenantProblemCode;
  severity: Severity;
  message: string;
  fix: string;
  /** The configuration or app it is about. */
  configurationId?: string;
  appId?: string;
}

export type TenantProblemCode =
  | 'configuration-covers-no-app'
  | 'configuration-not-usable-but-assigned' // tampered / not Apple-signed / unsigned / expired / not in-house, still assigned
  | 'configuration-unreadable'
  | 'configuration-not-assigned'
  | 'configuration-expiry-disagrees'
  | 'several-configurations' // several configurations for one App ID
  | 'app-not-covered'
  | 'app-groups-not-reached'
  | 'app-check-failed' // the library's .ipa fails the full app check with every covering configuration
  | 'certificate-unknown'
  | 'certificate-ends'
  | 'stops-launching'
  | 'assignment-filtered'; // an assignment filter narrows a target: which devices it reaches is not known

export interface TenantAppRow {
  /** Intune's app id. */
  id: string;
  name: string;
  bundleId: string | null;
  version: string | null;
  build: string | null;
  /** Intune's expirationDateTime for the app (its embedded profile's expiry). */
  intuneExpiry: string | null;
  targets: Targets;
  /** The configurations whose App ID covers the bundle id, best first. */
  configurations: CoveringConfiguration[];
  /** The library's .ipa for this app, when it holds one, and the full app check against the covering configurations. */
  libraryApp: { id: string; fileName: string; check: RenewalVerdict } | null;
  /** Intune's roleScopeTagIds for the app, named where the tag could be read: Push to Intune's default scope tags. */
  scopeTags: { id: string; name: string | null }[];
  /** The app's signing certificate: known only from the library's .ipa. */
  certificate: { known: true; commonName: string | null; notAfter: string; teamId: string | null } | { known: false };
  /** When the app stops launching on devices that have it, given what Intune pushes today. */
  stopsLaunchingOn: string | null;
  stopsLaunchingBecause: 'embedded-profile' | 'pushed-profile' | 'certificate' | null;
  daysLeft: number | null;
  state: LaunchState;
  action: TenantAction;
  problems: TenantProblem[];
}

export interface TenantBoard {
  cloud: CloudName;
  readAt: string;
  /** Most urgent first: stopped, then within the window (fewest days first), then unknown, then ok. */
  rows: TenantAppRow[];
  configurations: ConfigurationView[];
  /** Problems about configurations rather than one app (covers no app, several for one App ID, …). */
  problems: TenantProblem[];
  failures: ReadFailure[];
  counts: { apps: number; stopped: number; within: number; ok: number; unknown: number; configurations: number };
  /** As `provlens inspect`: 2 when an app has stopped launching, an assigned configuration is tampered, not signed by
   *  Apple (or unsigned) or expired, or the configurations or apps could not be read at all (the board cannot vouch
   *  for anything then, as inspect's exit 2 for a file that failed to decode); 1 when an app stops launching within
   *  the window; else 0. */
  exitCode: 0 | 1 | 2;
}

// ---- acting ----

/** One request sent and what Graph answered: the audit trail. Never holds a token or a header. */
export interface AuditEntry {
  at: string;
  cloud: CloudName;
  action: 'push' | 'renew-in-place';
  method: string;
  url: string;
  /** The body as sent, with `payload` replaced by `{ bytes, sha256 }` of the file, to keep the trail readable. */
  body: unknown;
  /** The profile sent (UUID, file name, SHA-256 of the file). */
  profile: { uuid: string | null; fileName: string; sha256: string } | null;
  status: number | null;
  ok: boolean;
  /** Graph's answer: the created id, or its error code and message (a network failure: code 'network'). */
  response: { id?: string; error?: { code: string; message: string } } | null;
}

/** What sendJob did: every request sent, in order, and the configuration it created or renewed. */
export interface SendResult {
  entries: AuditEntry[];
  /** The created (push) or renewed (renew-in-place) configuration; null when the create itself failed. */
  configurationId: string | null;
  /** Every request of the job succeeded. A failed request stops the job; the entries say where. */
  complete: boolean;
}
