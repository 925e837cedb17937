// The Intune job for "iOS app provisioning profiles", as Microsoft Graph (beta) requests: create the
// iosLobAppProvisioningConfiguration from the signed file, then assign it to include and exclusion groups; or renew an
// existing configuration in place. ProvLens only writes these out; it never sends them. Pages followed (Microsoft
// Learn, Graph beta): "Create iosLobAppProvisioningConfiguration" (POST …/iosLobAppProvisioningConfigurations → 201
// with the new id), "assign action" (POST …/{id}/assign with iOSLobAppProvisioningConfigAssignments → 204; it sets the
// whole list), "Update iosLobAppProvisioningConfiguration" (PATCH …/{id}), "groupAssignmentTarget" and
// "exclusionGroupAssignmentTarget" (target @odata.type + groupId), "allDevicesAssignmentTarget" and
// "allLicensedUsersAssignmentTarget" (the portal's "Add all devices" / "Add all users": @odata.type only).
// Permission DeviceManagementApps.ReadWrite.All.
// `payload` is the base64 (RFC 4648 §4) of the whole signed file. Whether a file may be pushed at all is decided by
// profileVerdict (core/profile/profile-verdict.ts), the one rule every view shares.
import { toBase64 } from '../base64';
import { formatUtc } from '../dates';
import { ProvlensError } from '../errors';
import { profileVerdict, type NotUsableReason } from '../profile/profile-verdict';
import type { Profile, ProfileResult } from '../types';
import { CLOUDS, type Cloud, type CloudName } from './clouds';

export const GRAPH_PATH = '/beta/deviceAppManagement/iosLobAppProvisioningConfigurations';
export const GRAPH_SCOPE = 'DeviceManagementApps.ReadWrite.All';
/** Intune's built-in "Default" scope tag, which the portal preselects. */
export const DEFAULT_SCOPE_TAG = '0';
/** Where an assign request's URL takes the id returned by the create request named in `idFrom`. */
export const CREATED_ID = '{id}';

const CONFIGURATION_TYPE = '#microsoft.graph.iosLobAppProvisioningConfiguration';

export interface IntuneFile {
  result: ProfileResult;
  /** The whole signed file, exactly as downloaded from Apple. */
  bytes: Uint8Array;
  fileName: string;
}

export interface IntuneJobOptions {
  cloud?: CloudName;
  /** Overrides the profile's Name; with several files each keeps its own name after it. */
  displayName?: string | null;
  description?: string | null;
  /** Intune role scope tag IDs (whole numbers; "0" is Default). Default: ["0"] on create, unchanged on update. */
  scopeTagIds?: readonly string[];
  includeGroupIds?: readonly string[];
  excludeGroupIds?: readonly string[];
  /** Assign to all devices (allDevicesAssignmentTarget), as an app assigned to all devices needs. */
  allDevices?: boolean;
  /** Assign to all licensed users (allLicensedUsersAssignmentTarget). */
  allUsers?: boolean;
  /** Renew this existing configuration in place (its assignments stay) instead of creating one. */
  updateConfigurationId?: string | null;
  /** Write requests for files Intune cannot use too, each carrying its reasons. */
  force?: boolean;
  now?: Date;
  warnDays?: number;
}

export interface ConfigurationBody {
  '@odata.type': typeof CONFIGURATION_TYPE;
  displayName?: string;
  description?: string;
  payloadFileName: string;
  /** Base64 of the whole signed .mobileprovision. */
  payload: string;
  expirationDateTime: string;
  roleScopeTagIds?: string[];
}

export type AssignmentTarget =
  | { '@odata.type': '#microsoft.graph.groupAssignmentTarget' | '#microsoft.graph.exclusionGroupAssignmentTarget'; groupId: string }
  | { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' | '#microsoft.graph.allLicensedUsersAssignmentTarget' };

export interface AssignBody {
  iOSLobAppProvisioningConfigAssignments: {
    '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfigurationAssignment';
    target: AssignmentTarget;
  }[];
}

export type GraphRequest =
  | (RequestBase & { step: 'create'; method: 'POST'; body: ConfigurationBody })
  | (RequestBase & { step: 'update'; method: 'PATCH'; body: ConfigurationBody })
  | (RequestBase & { step: 'assign'; method: 'POST'; body: AssignBody; idFrom: number });

interface RequestBase {
  url: string;
  /** The profile file the request is about. */
  file: string;
  /** Only with `force`: why Intune's push cannot use this file. */
  notUsable?: NotUsableReason[];
}

export interface Refusal {
  file: string;
  reasons: NotUsableReason[];
}

export interface IntuneJob {
  cloud: Cloud;
  scope: typeof GRAPH_SCOPE;
  updateConfigurationId: string | null;
  /** In order; an assign request's `idFrom` is the index of the create request whose response id it needs. */
  requests: GraphRequest[];
  /** Files left out because Intune cannot use them (empty with `force`). */
  refused: Refusal[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entra ID group and Intune configuration IDs are GUIDs. */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** Intune's role scope tag IDs are small whole numbers as strings ("0" is the built-in Default); Graph documents only
 *  "String", so a GUID is let through too rather than refusing an ID Intune might hand out. A tag's name is not. */
export function isScopeTagId(value: string): boolean {
  return /^\d{1,10}$/.test(value) || isGuid(value);
}

/** The ordered requests that do the admin's whole job; throws `invalid-argument` for a malformed ID or combination. */
export function intuneJob(files: readonly IntuneFile[], options: IntuneJobOptions = {}): IntuneJob {
  checkOptions(files, options);
  const cloud = CLOUDS[options.cloud ?? 'global'];
  const root = `${cloud.graphRoot}${GRAPH_PATH}`;
  const requests: GraphRequest[] = [];
  const refused: Refusal[] = [];
  for (const file of files) {
    const profile = readableProfile(file.result);
    const reasons = notUsable(file.result, profile, options);
    if (reasons.length > 0 && !options.force) {
      refused.push({ file: file.result.file, reasons });
      continue;
    }
    const extra = { file: file.result.file, ...(reasons.length > 0 ? { notUsable: reasons } : {}) };
    const body = configurationBody(file, profile, options, files.length > 1);
    if (options.updateConfigurationId) {
      requests.push({ step: 'update', method: 'PATCH', url: `${root}/${options.updateConfigurationId}`, body, ...extra });
      continue;
    }
    requests.push({ step: 'create', method: 'POST', url: root, body, ...extra });
    const assignments = assignBody(options);
    if (assignments) requests.push({ step: 'assign', method: 'POST', url: `${root}/${CREATED_ID}/assign`, body: assignments, idFrom: requests.length - 1, ...extra });
  }
  return { cloud, scope: GRAPH_SCOPE, updateConfigurationId: options.updateConfigurationId ?? null, requests, refused };
}

function checkOptions(files: readonly IntuneFile[], options: IntuneJobOptions): void {
  const include = options.includeGroupIds ?? [];
  const exclude = options.excludeGroupIds ?? [];
  const invalid = (message: string) => new ProvlensError('invalid-argument', message);
  for (const id of [...include, ...exclude]) if (!isGuid(id)) throw invalid(`"${id}" is not a group ID (a GUID such as 0b5f2c1e-4d3a-4e8b-9c7d-6a5b4c3d2e1f)`);
  for (const id of options.scopeTagIds ?? []) if (!isScopeTagId(id)) throw invalid(`"${id}" is not an Intune scope tag ID (its number, e.g. 0 for Default, not its name)`);
  const both = include.find((id) => exclude.some((other) => other.toLowerCase() === id.toLowerCase()));
  if (both) throw invalid(`group ${both} is both included and excluded`);
  const update = options.updateConfigurationId;
  if (update === undefined || update === null) return;
  if (!isGuid(update)) throw invalid(`"${update}" is not a configuration ID (a GUID)`);
  if (include.length + exclude.length > 0 || options.allDevices || options.allUsers) throw invalid('renewing in place keeps the configuration\'s assignments: leave out the groups');
  if (files.length !== 1) throw invalid(`one configuration is renewed with one profile, got ${files.length}`);
}

function readableProfile(result: ProfileResult): Profile & { expiresAt: string } {
  const profile = result.profile;
  if (!result.ok || !profile) {
    throw new ProvlensError('not-a-profile', `${result.file} could not be read as a provisioning profile, so there is nothing to upload`);
  }
  if (!profile.expiresAt) throw new ProvlensError('not-a-profile', `${result.file} has no ExpirationDate, which Intune requires`);
  return { ...profile, expiresAt: profile.expiresAt };
}

function notUsable(result: ProfileResult, profile: Profile, options: IntuneJobOptions): NotUsableReason[] {
  if (!result.signature) throw new ProvlensError('not-a-profile', `${result.file} has no signature report`);
  const judged = { ...(options.now ? { now: options.now } : {}), ...(options.warnDays !== undefined ? { warnDays: options.warnDays } : {}) };
  return profileVerdict({ profile, signature: result.signature }, judged).reasonsNotUsable;
}

function configurationBody(file: IntuneFile, profile: Profile & { expiresAt: string }, options: IntuneJobOptions, several: boolean): ConfigurationBody {
  const updating = Boolean(options.updateConfigurationId);
  const ownName = profile.name ?? baseName(file.fileName);
  const name = options.displayName ? (several ? `${options.displayName} (${ownName})` : options.displayName) : updating ? null : ownName;
  const description = options.description ?? (updating ? null : describeProfile(profile));
  const tags = options.scopeTagIds?.length ? [...new Set(options.scopeTagIds)] : updating ? null : [DEFAULT_SCOPE_TAG];
  return {
    '@odata.type': CONFIGURATION_TYPE,
    ...(name !== null ? { displayName: name } : {}),
    ...(description !== null ? { description } : {}),
    payloadFileName: baseName(file.fileName),
    payload: toBase64(file.bytes),
    expirationDateTime: profile.expiresAt,
    ...(tags ? { roleScopeTagIds: tags } : {}),
  };
}

function assignBody(options: IntuneJobOptions): AssignBody | null {
  const item = (target: AssignmentTarget) => ({ '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfigurationAssignment' as const, target });
  const group = (type: '#microsoft.graph.groupAssignmentTarget' | '#microsoft.graph.exclusionGroupAssignmentTarget') => (groupId: string) => item({ '@odata.type': type, groupId });
  const list = [
    ...(options.allDevices ? [item({ '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' })] : []),
    ...(options.allUsers ? [item({ '@odata.type': '#microsoft.graph.allLicensedUsersAssignmentTarget' })] : []),
    ...unique(options.includeGroupIds).map(group('#microsoft.graph.groupAssignmentTarget')),
    ...unique(options.excludeGroupIds).map(group('#microsoft.graph.exclusionGroupAssignmentTarget')),
  ];
  return list.length > 0 ? { iOSLobAppProvisioningConfigAssignments: list } : null;
}

function unique(ids: readonly string[] | undefined): string[] {
  return [...new Set(ids ?? [])];
}

/** The last path segment: a browser File name is bare, a CLI path is not, and Graph wants the bare name. */
export function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() || fileName;
}

function describeProfile(profile: Profile): string {
  const team = profile.teamName ? `${profile.teamName} (${profile.teamId ?? '?'})` : (profile.teamId ?? 'unknown team');
  return `${profile.applicationIdentifier ?? 'unknown app ID'}, ${team}, expires ${formatUtc(profile.expiresAt ?? '')}, UUID ${profile.uuid ?? 'unknown'}. Prepared with ProvLens.`;
}
