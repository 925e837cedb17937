// A stand-in tenant whose configurations carry real in-house profiles from ../shared/fixtures, read through the whole
// pipeline (fake Graph → readTenant → decodePayloads → tenantBoard), judged at NOW (2020-06-15). Shared by the board
// and the CLI tests.
import { decodePayloads } from '../../../core/tenant/payloads';
import { readTenant } from '../../../core/tenant/graph-reader';
import { tenantBoard } from '../../../core/tenant/board';
import type { GraphConnection, TenantBoard, TenantBoardInput } from '../../../core/tenant/types';
import { FakeGraph, allDevices, allUsers, exclude, include } from './fake-graph';
import { NOW, delegatedToken } from './jwt';
import { REAL, realBase64, tamperedBase64 } from './real-profiles';

export const GROUP = {
  field: '0b5f2c1e-4d3a-4e8b-9c7d-000000000001',
  pilot: '0b5f2c1e-4d3a-4e8b-9c7d-000000000002',
  sales: '0b5f2c1e-4d3a-4e8b-9c7d-000000000003',
};

export const CONFIG = {
  yitong: 'a0000000-0000-4000-8000-000000000001',
  artchat: 'a0000000-0000-4000-8000-000000000002',
  edited: 'a0000000-0000-4000-8000-000000000003',
  dockDoor: 'a0000000-0000-4000-8000-000000000004',
  mix: 'a0000000-0000-4000-8000-000000000005',
  broken: 'a0000000-0000-4000-8000-000000000006',
};

/** Six configurations (a genuine one within the window, a genuine one for half a year, a tampered copy of it, an
 *  expired one, one for no app, one without a payload) and four iOS LOB apps with include and exclude assignments. */
export function realTenant(): FakeGraph {
  const graph = new FakeGraph();
  graph.pageSize = 2;
  graph.groups = { [GROUP.field]: 'Field Users', [GROUP.pilot]: 'Pilot Devices', [GROUP.sales]: 'Sales iPads' };
  graph.scopeTags.push({ id: '7', displayName: 'Field Ops' });
  graph.configurations = [
    { id: CONFIG.yitong, displayName: 'YT General 2019', payloadFileName: 'pro_Dis_generalYtID.mobileprovision', payload: realBase64(REAL.fireup), expirationDateTime: '2020-07-03T02:02:07Z', roleScopeTagIds: ['7'],
      assignments: [{ target: include(GROUP.field) }, { target: exclude(GROUP.pilot) }], deviceStatuses: [{ status: 'compliant' }, { status: 'compliant' }, { status: 'error' }] },
    { id: CONFIG.artchat, displayName: 'ArtChat 2020', payloadFileName: 'artchat_inhouse.mobileprovision', payload: realBase64(REAL.iconthemer), expirationDateTime: '2020-12-24T16:00:00Z',
      assignments: [{ target: include(GROUP.sales) }] },
    { id: CONFIG.edited, displayName: 'ArtChat (edited)', payloadFileName: 'artchat_edited.mobileprovision', payload: tamperedBase64(REAL.iconthemer), expirationDateTime: '2020-12-25T09:55:51Z',
      assignments: [{ target: allDevices() }] },
    { id: CONFIG.dockDoor, displayName: 'DockDoor', payloadFileName: 'DockDoor.mobileprovision', payload: realBase64(REAL.dockDoor), expirationDateTime: '2014-10-25T13:45:41Z',
      assignments: [{ target: include(GROUP.field) }] },
    { id: CONFIG.mix, displayName: 'MixProject', payloadFileName: 'resign_embedded.mobileprovision', payload: realBase64(REAL.ipaResign), expirationDateTime: '2017-06-23T07:02:48Z', assignments: [] },
    { id: CONFIG.broken, displayName: 'Broken upload', payloadFileName: 'broken.mobileprovision', payload: null, expirationDateTime: null, assignments: [{ target: include(GROUP.sales) }] },
  ];
  graph.apps = [
    { id: 'app-yt', displayName: 'YT General', bundleId: 'com.yitong.general', versionNumber: '3.2', buildNumber: '320', expirationDateTime: '2020-07-03T02:02:07Z', roleScopeTagIds: ['7'],
      assignments: [{ intent: 'required', target: include(GROUP.field) }, { intent: 'required', target: exclude(GROUP.pilot) }] },
    { id: 'app-artchat', displayName: 'ArtChat', bundleId: 'com.yiqi.artchat', versionNumber: '1.4', buildNumber: '14', expirationDateTime: '2020-12-25T09:55:51Z',
      assignments: [{ intent: 'required', target: include(GROUP.sales) }] },
    { id: 'app-dockdoor', displayName: 'DockDoor', bundleId: 'com.mccrearymodern.DockDoor', versionNumber: '1.0', buildNumber: '1', expirationDateTime: '2014-10-25T13:45:41Z',
      assignments: [{ intent: 'required', target: include(GROUP.field) }] },
    { id: 'app-notes', displayName: 'Field Notes', bundleId: 'com.contoso.notes', versionNumber: '2.0', buildNumber: '7', expirationDateTime: '2021-03-01T00:00:00Z',
      assignments: [{ intent: 'available', target: allUsers() }] },
  ];
  return graph;
}

export const TOKEN = delegatedToken();

export function connection(graph: FakeGraph): GraphConnection {
  return { cloud: 'global', fetch: graph.fetch, token: () => TOKEN, sleep: async () => {}, now: () => NOW };
}

export async function boardOf(graph: FakeGraph, library: TenantBoardInput['library'] = { profiles: [], apps: [] }, options: { now?: Date; trustedCaSha256?: readonly string[] } = {}): Promise<TenantBoard> {
  const now = options.now ?? NOW;
  const snapshot = await readTenant({ ...connection(graph), now: () => now });
  const payloads = await decodePayloads(snapshot.configurations, { now, ...(options.trustedCaSha256 ? { trustedCaSha256: options.trustedCaSha256 } : {}) });
  return tenantBoard({ snapshot, payloads, library }, { now, warnDays: 30 });
}
