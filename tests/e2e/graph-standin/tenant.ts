// What the stand-in tenant holds, and how Graph (beta) writes each thing as JSON. The shapes follow the resource pages
// on Microsoft Learn: iosLobAppProvisioningConfiguration (payload is base64 of the signed file), its assignments
// (iosLobAppProvisioningConfigurationAssignment: target), managedDeviceMobileAppConfigurationDeviceStatus / UserStatus,
// iosLobApp (mobileApp → mobileLobApp → iosLobApp), mobileAppAssignment (intent, target, settings), the assignment
// target types, roleScopeTag and group. Every object written here passes graph-types.ts, which server.ts checks.
import { randomUUID } from 'node:crypto';

export type StoredTarget =
  | { kind: 'include'; groupId: string }
  | { kind: 'exclude'; groupId: string }
  | { kind: 'all-devices' }
  | { kind: 'all-users' };

export type ComplianceStatus = 'compliant' | 'conflict' | 'error' | 'nonCompliant' | 'notApplicable' | 'notAssigned' | 'remediated' | 'unknown';

export interface StoredDeviceStatus {
  deviceDisplayName: string;
  userName: string;
  userPrincipalName: string;
  deviceModel: string;
  status: ComplianceStatus;
  lastReportedDateTime: string;
}

export interface StoredUserStatus {
  userDisplayName: string;
  userPrincipalName: string;
  devicesCount: number;
  status: ComplianceStatus;
  lastReportedDateTime: string;
}

export interface StoredConfiguration {
  id: string;
  displayName: string;
  description: string;
  payloadFileName: string;
  /** Base64 of the whole signed file, as Graph stores `payload`. */
  payload: string;
  expirationDateTime: string;
  roleScopeTagIds: string[];
  createdDateTime: string;
  lastModifiedDateTime: string;
  version: number;
  assignments: { id: string; target: StoredTarget }[];
  deviceStatuses: StoredDeviceStatus[];
  userStatuses: StoredUserStatus[];
}

export interface StoredApp {
  id: string;
  /** Only iosLobApp carries the iOS LOB fields; the others are there so a missing isof filter shows. */
  type: 'iosLobApp' | 'iosStoreApp' | 'androidLobApp';
  displayName: string;
  publisher: string;
  bundleId: string | null;
  versionNumber: string | null;
  buildNumber: string | null;
  /** The expiry of the profile inside the uploaded .ipa, as Intune read it. */
  expirationDateTime: string | null;
  fileName: string | null;
  roleScopeTagIds: string[];
  createdDateTime: string;
  assignments: { id: string; intent: 'required' | 'available' | 'uninstall' | 'availableWithoutEnrollment'; target: StoredTarget }[];
}

export interface StoredScopeTag {
  id: string;
  displayName: string;
  description: string;
  isBuiltIn: boolean;
}

export interface StoredTenant {
  configurations: StoredConfiguration[];
  apps: StoredApp[];
  /** Group id → display name. */
  groups: Record<string, string>;
  scopeTags: StoredScopeTag[];
}

type Json = Record<string, unknown>;

export function targetJson(target: StoredTarget): Json {
  const filter = { deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: 'none' };
  switch (target.kind) {
    case 'include':
      return { '@odata.type': '#microsoft.graph.groupAssignmentTarget', ...filter, groupId: target.groupId };
    case 'exclude':
      return { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', ...filter, groupId: target.groupId };
    case 'all-devices':
      return { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget', ...filter };
    case 'all-users':
      return { '@odata.type': '#microsoft.graph.allLicensedUsersAssignmentTarget', ...filter };
  }
}

/** The target a client sent, back into the store; null for a type the stand-in does not model. */
export function storedTarget(json: unknown): StoredTarget | null {
  if (json === null || typeof json !== 'object') return null;
  const record = json as Json;
  const groupId = typeof record.groupId === 'string' ? record.groupId : null;
  switch (record['@odata.type']) {
    case '#microsoft.graph.groupAssignmentTarget':
      return groupId ? { kind: 'include', groupId } : null;
    case '#microsoft.graph.exclusionGroupAssignmentTarget':
      return groupId ? { kind: 'exclude', groupId } : null;
    case '#microsoft.graph.allDevicesAssignmentTarget':
      return { kind: 'all-devices' };
    case '#microsoft.graph.allLicensedUsersAssignmentTarget':
      return { kind: 'all-users' };
    default:
      return null;
  }
}

export function configurationJson(configuration: StoredConfiguration): Json {
  return {
    '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfiguration',
    id: configuration.id,
    expirationDateTime: configuration.expirationDateTime,
    payloadFileName: configuration.payloadFileName,
    payload: configuration.payload,
    roleScopeTagIds: configuration.roleScopeTagIds,
    createdDateTime: configuration.createdDateTime,
    description: configuration.description,
    lastModifiedDateTime: configuration.lastModifiedDateTime,
    displayName: configuration.displayName,
    version: configuration.version,
  };
}

export function configurationAssignmentJson(assignment: StoredConfiguration['assignments'][number]): Json {
  return { '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfigurationAssignment', id: assignment.id, target: targetJson(assignment.target) };
}

export function deviceStatusJson(configurationId: string, status: StoredDeviceStatus, index: number): Json {
  return {
    '@odata.type': '#microsoft.graph.managedDeviceMobileAppConfigurationDeviceStatus',
    id: `${configurationId}_${index}`,
    deviceDisplayName: status.deviceDisplayName,
    userName: status.userName,
    deviceModel: status.deviceModel,
    // "platform: Int32. Platform of the device that is being reported"; 2 is what iOS devices report in the samples.
    platform: 2,
    complianceGracePeriodExpirationDateTime: status.lastReportedDateTime,
    status: status.status,
    lastReportedDateTime: status.lastReportedDateTime,
    userPrincipalName: status.userPrincipalName,
  };
}

export function userStatusJson(configurationId: string, status: StoredUserStatus, index: number): Json {
  return {
    '@odata.type': '#microsoft.graph.managedDeviceMobileAppConfigurationUserStatus',
    id: `${configurationId}_user_${index}`,
    userDisplayName: status.userDisplayName,
    devicesCount: status.devicesCount,
    status: status.status,
    lastReportedDateTime: status.lastReportedDateTime,
    userPrincipalName: status.userPrincipalName,
  };
}

export function appJson(app: StoredApp): Json {
  const base: Json = {
    '@odata.type': `#microsoft.graph.${app.type}`,
    id: app.id,
    displayName: app.displayName,
    description: `${app.displayName}, uploaded by the stand-in tenant`,
    publisher: app.publisher,
    largeIcon: null,
    createdDateTime: app.createdDateTime,
    lastModifiedDateTime: app.createdDateTime,
    isFeatured: false,
    privacyInformationUrl: null,
    informationUrl: null,
    owner: '',
    developer: '',
    notes: '',
    uploadState: 1,
    publishingState: 'published',
    isAssigned: app.assignments.length > 0,
    roleScopeTagIds: app.roleScopeTagIds,
    dependentAppCount: 0,
    supersedingAppCount: 0,
    supersededAppCount: 0,
  };
  if (app.type !== 'iosLobApp') return base;
  return {
    ...base,
    committedContentVersion: '1',
    fileName: app.fileName,
    size: 4_194_304,
    bundleId: app.bundleId,
    applicableDeviceType: { iPad: true, iPhoneAndIPod: true },
    minimumSupportedOperatingSystem: { v8_0: false, v9_0: false, v10_0: false, v11_0: false, v12_0: true, v13_0: false, v14_0: false, v15_0: false, v16_0: false, v17_0: false, v18_0: false, v26_0: false },
    expirationDateTime: app.expirationDateTime,
    versionNumber: app.versionNumber,
    buildNumber: app.buildNumber,
  };
}

export function appAssignmentJson(assignment: StoredApp['assignments'][number]): Json {
  return {
    '@odata.type': '#microsoft.graph.mobileAppAssignment',
    id: assignment.id,
    intent: assignment.intent,
    target: targetJson(assignment.target),
    settings: { '@odata.type': '#microsoft.graph.iosLobAppAssignmentSettings', vpnConfigurationId: null, uninstallOnDeviceRemoval: false, isRemovable: true, preventManagedAppBackup: null },
    source: 'direct',
    sourceId: null,
  };
}

export function scopeTagJson(tag: StoredScopeTag): Json {
  return { '@odata.type': '#microsoft.graph.roleScopeTag', id: tag.id, displayName: tag.displayName, description: tag.description, isBuiltIn: tag.isBuiltIn };
}

/** A group's default properties (Get group, v1.0); $select narrows them. */
export function groupJson(id: string, displayName: string): Json {
  return {
    id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: '2019-03-01T09:00:00Z',
    description: `${displayName} (Entra ID security group)`,
    displayName,
    groupTypes: [],
    mail: null,
    mailEnabled: false,
    mailNickname: displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    securityEnabled: true,
    visibility: null,
  };
}

export function newId(): string {
  return randomUUID();
}

export function cloneTenant(tenant: StoredTenant): StoredTenant {
  return structuredClone(tenant);
}
