// The stand-in tenant of the tenant-board e2e, as an Intune admin's tenant would have looked on 28 June 2020: its
// iOS app provisioning profiles are real in-house profiles from ../shared/fixtures/profiles, read at test time (never
// copied into the repository), and every one is inside its validity window then — profiles and the certificates in them:
//   - genuine, OK:        iconthemer_enterprise_2019_embedded2   VX3477C4M7.com.yiqi.artchat   2019-12-26 → 2020-12-25 (cert → 2022-12-06)
//   - expiring in 4 days: fireup_enterprise_2019_wildcard        65YG889FGF.com.yitong.*       2019-07-04 → 2020-07-03 (cert → 2022-06-26)
//   - tampered:           proton_FlappyBird…BUNDLEID-MISMATCH    S42D59N3VU.com.jizuo.wireless 2020-06-25 → 2021-06-25 (cert → 2022-06-23),
//                         three bytes of its TeamName changed here, as fastlane's TAMPERED fixture was made
//   - expired, assigned:  ipa-resign_enterprise_2016             XFA9C6XUR7.com.redbird.company.MixProject → 2017-06-23
//   - expired, unassigned and covering no app: DockDoor_enterprise_2013 → 2014-10-25
// The library holds the genuine proton file, which renews the tampered configuration in place. Apps: one per App ID
// (one matched only by the wildcard), one covered by nothing, with include, exclude, all-devices and all-users targets;
// 23 groups, so their names take two $batch requests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_FIXTURES } from '../../shared-fixtures';
import type { ComplianceStatus, StoredApp, StoredConfiguration, StoredDeviceStatus, StoredTarget, StoredTenant, StoredUserStatus } from './tenant';

/** Inside every profile above: the browser's and the stand-in's clock. */
export const TENANT_NOW = new Date('2020-06-28T12:00:00Z');

const PROFILES = join(SHARED_FIXTURES, 'profiles');
export const PROFILE_FILES = {
  artchat: join(PROFILES, 'iconthemer_enterprise_2019_embedded2.mobileprovision'),
  yitong: join(PROFILES, 'fireup_enterprise_2019_wildcard_embedded.mobileprovision'),
  wireless: join(PROFILES, 'proton_FlappyBird.ipa_enterprise_2020_BUNDLEID-MISMATCH_embedded.mobileprovision'),
  mixProject: join(PROFILES, 'ipa-resign_enterprise_2016_resign_embedded.mobileprovision'),
  dockDoor: join(PROFILES, 'DockDoor_enterprise_2013_DockDoor.mobileprovision'),
} as const;

/** A real profile with three content bytes changed: its Apple signature no longer matches (status "Tampered"). */
export function tamperedCopy(bytes: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const text = Buffer.from(copy).toString('latin1');
  const at = text.indexOf('<string>Fujian Xinhexing');
  if (at < 0) throw new Error('the proton profile no longer has the TeamName this tampering expects');
  const start = at + '<string>'.length;
  // "Fujian" → "FUJian": same length, still a well-formed plist, different bytes under the signature.
  copy[start + 1] = 'U'.charCodeAt(0);
  copy[start + 2] = 'J'.charCodeAt(0);
  copy[start + 3] = 'I'.charCodeAt(0);
  return copy;
}

export const IDS = {
  configurations: {
    artchat: '11111111-aaaa-4aaa-8aaa-000000000001',
    yitong: '11111111-aaaa-4aaa-8aaa-000000000002',
    wireless: '11111111-aaaa-4aaa-8aaa-000000000003',
    mixProject: '11111111-aaaa-4aaa-8aaa-000000000004',
    dockDoor: '11111111-aaaa-4aaa-8aaa-000000000005',
  },
  apps: {
    artchat: '22222222-bbbb-4bbb-8bbb-000000000001',
    wireless: '22222222-bbbb-4bbb-8bbb-000000000002',
    yitongBank: '22222222-bbbb-4bbb-8bbb-000000000003',
    mixProject: '22222222-bbbb-4bbb-8bbb-000000000004',
    fieldNotes: '22222222-bbbb-4bbb-8bbb-000000000005',
    outlook: '22222222-bbbb-4bbb-8bbb-000000000006',
    scanner: '22222222-bbbb-4bbb-8bbb-000000000007',
  },
  groups: {
    salesIpads: '33333333-cccc-4ccc-8ccc-000000000001',
    fieldEngineers: '33333333-cccc-4ccc-8ccc-000000000002',
    contractors: '33333333-cccc-4ccc-8ccc-000000000003',
  },
} as const;

/** Store 01 … Store 20: the MixProject app's 20 include groups. */
export const STORE_GROUPS: readonly { id: string; name: string }[] = Array.from({ length: 20 }, (_, index) => ({
  id: `44444444-dddd-4ddd-8ddd-${String(index + 1).padStart(12, '0')}`,
  name: `Store ${String(index + 1).padStart(2, '0')} iPads`,
}));

export const GROUP_NAMES: Readonly<Record<string, string>> = {
  [IDS.groups.salesIpads]: 'Sales iPads',
  [IDS.groups.fieldEngineers]: 'Field Engineers',
  [IDS.groups.contractors]: 'Contractors (no company apps)',
  ...Object.fromEntries(STORE_GROUPS.map((group) => [group.id, group.name])),
};

const include = (groupId: string): StoredTarget => ({ kind: 'include', groupId });
const exclude = (groupId: string): StoredTarget => ({ kind: 'exclude', groupId });

function devices(prefix: string, statuses: readonly ComplianceStatus[]): StoredDeviceStatus[] {
  return statuses.map((status, index) => ({
    deviceDisplayName: `${prefix}-iPad-${index + 1}`,
    userName: `User ${index + 1}`,
    userPrincipalName: `user${index + 1}@contoso.example`,
    deviceModel: 'iPad (7th generation)',
    status,
    lastReportedDateTime: '2020-06-27T08:00:00Z',
  }));
}

function users(statuses: readonly ComplianceStatus[]): StoredUserStatus[] {
  return statuses.map((status, index) => ({
    userDisplayName: `User ${index + 1}`,
    userPrincipalName: `user${index + 1}@contoso.example`,
    devicesCount: 1,
    status,
    lastReportedDateTime: '2020-06-27T08:00:00Z',
  }));
}

let assignmentCounter = 0;
const assignmentId = () => `aaaaaaaa-0000-4000-8000-${String(++assignmentCounter).padStart(12, '0')}`;

function configuration(
  id: string,
  displayName: string,
  file: string,
  bytes: Uint8Array,
  expirationDateTime: string,
  targets: StoredTarget[],
  statuses: { devices: ComplianceStatus[]; users: ComplianceStatus[] },
  roleScopeTagIds: string[] = ['0'],
): StoredConfiguration {
  return {
    id,
    displayName,
    description: `Uploaded from ${file}`,
    payloadFileName: file,
    payload: Buffer.from(bytes).toString('base64'),
    expirationDateTime,
    roleScopeTagIds,
    createdDateTime: '2020-01-06T10:00:00Z',
    lastModifiedDateTime: '2020-06-26T10:00:00Z',
    version: 2,
    assignments: targets.map((target) => ({ id: assignmentId(), target })),
    deviceStatuses: devices(displayName.split(' ')[0] ?? 'device', statuses.devices),
    userStatuses: users(statuses.users),
  };
}

function iosApp(id: string, displayName: string, bundleId: string, version: string, build: string, expirationDateTime: string, targets: StoredTarget[]): StoredApp {
  return {
    id,
    type: 'iosLobApp',
    displayName,
    publisher: 'Contoso IT',
    bundleId,
    versionNumber: version,
    buildNumber: build,
    expirationDateTime,
    fileName: `${displayName.replace(/\s+/g, '')}.ipa`,
    roleScopeTagIds: ['0'],
    createdDateTime: '2019-12-01T09:00:00Z',
    assignments: targets.map((target) => ({ id: assignmentId(), intent: 'required', target })),
  };
}

export interface June2020Tenant {
  tenant: StoredTenant;
  /** The tampered copy's bytes (what Intune holds for the JiZuo Wireless configuration). */
  tampered: Uint8Array;
  /** The genuine file the library imports and Renew in place sends. */
  genuineWireless: Uint8Array;
}

export function june2020Tenant(): June2020Tenant {
  assignmentCounter = 0;
  const read = (path: string) => new Uint8Array(readFileSync(path));
  const genuineWireless = read(PROFILE_FILES.wireless);
  const tampered = tamperedCopy(genuineWireless);
  const { configurations: c, apps: a, groups: g } = IDS;
  const stores = STORE_GROUPS.map((group) => include(group.id));
  const tenant: StoredTenant = {
    configurations: [
      configuration(c.artchat, 'ArtChat in-house 2019', 'com.yiqi.artchat_inhouse_20191226.mobileprovision', read(PROFILE_FILES.artchat), '2020-12-25T09:55:51Z',
        [include(g.salesIpads), exclude(g.contractors)], { devices: ['compliant', 'compliant', 'compliant', 'error'], users: ['compliant', 'compliant', 'error'] }),
      configuration(c.yitong, 'Yitong wildcard 2019', 'pro_Dis_generalYtID.mobileprovision', read(PROFILE_FILES.yitong), '2020-07-03T02:02:07Z',
        [{ kind: 'all-devices' }], { devices: ['compliant', 'compliant', 'notApplicable'], users: ['compliant', 'notApplicable'] }, ['0', '1']),
      configuration(c.wireless, 'JiZuo Wireless 2020', 'JiZuoVersion.mobileprovision', tampered, '2021-06-25T08:23:09Z',
        [include(g.fieldEngineers), exclude(g.contractors)], { devices: ['error', 'error', 'compliant'], users: ['error', 'compliant'] }),
      configuration(c.mixProject, 'MixProject 2016', 'MixProject_inhouse.mobileprovision', read(PROFILE_FILES.mixProject), '2017-06-23T07:02:48Z',
        stores, { devices: ['error', 'error', 'error', 'error', 'error'], users: ['error', 'error', 'error'] }),
      configuration(c.dockDoor, 'DockDoor (old)', 'DockDoor.mobileprovision', read(PROFILE_FILES.dockDoor), '2014-10-25T13:45:41Z', [], { devices: [], users: [] }),
    ],
    apps: [
      iosApp(a.artchat, 'ArtChat', 'com.yiqi.artchat', '2.3.1', '231', '2020-12-25T09:55:51Z', [include(g.salesIpads), exclude(g.contractors)]),
      iosApp(a.wireless, 'JiZuo Wireless', 'com.jizuo.wireless', '1.0.4', '7', '2020-07-12T00:00:00Z', [include(g.fieldEngineers), exclude(g.contractors)]),
      iosApp(a.yitongBank, 'Yitong Mobile Bank', 'com.yitong.mobilebank', '5.1.0', '510', '2020-07-03T02:02:07Z', [include(g.salesIpads), include(g.fieldEngineers)]),
      iosApp(a.mixProject, 'MixProject', 'com.redbird.company.MixProject', '3.0', '30', '2017-06-23T07:02:48Z', [...stores, exclude(g.contractors)]),
      iosApp(a.fieldNotes, 'Field Notes', 'com.contoso.fieldnotes', '1.2', '12', '2020-09-30T00:00:00Z', [{ kind: 'all-devices' }]),
      {
        id: a.outlook, type: 'iosStoreApp', displayName: 'Microsoft Outlook', publisher: 'Microsoft Corporation', bundleId: null, versionNumber: null, buildNumber: null,
        expirationDateTime: null, fileName: null, roleScopeTagIds: ['0'], createdDateTime: '2019-01-01T00:00:00Z', assignments: [{ id: assignmentId(), intent: 'available', target: { kind: 'all-users' } }],
      },
      {
        id: a.scanner, type: 'androidLobApp', displayName: 'Contoso Scanner (Android)', publisher: 'Contoso IT', bundleId: null, versionNumber: null, buildNumber: null,
        expirationDateTime: null, fileName: null, roleScopeTagIds: ['0'], createdDateTime: '2019-01-01T00:00:00Z', assignments: [{ id: assignmentId(), intent: 'required', target: include(g.salesIpads) }],
      },
    ],
    groups: { ...GROUP_NAMES },
    scopeTags: [
      { id: '0', displayName: 'Default', description: 'Built-in default scope tag', isBuiltIn: true },
      { id: '1', displayName: 'Retail', description: 'Stores and sales', isBuiltIn: false },
    ],
  };
  return { tenant, tampered, genuineWireless };
}
