// The tenant the board's view tests read through a fake Graph at the real host (tests/core/tenant/fake-graph.ts), judged
// at 2020-06-15 09:00 UTC with real in-house profiles from ../shared/fixtures:
//   - YT General (com.yitong.general, its own profile ending 2020-06-30): Intune pushes "YT 2020 (re-signed)", a copy
//     signed by a test CA (not by Apple) for 65YG889FGF.com.yitong.*; the library holds Apple's genuine fireup
//     profile for that App ID, expiring 2020-07-03 → Renew in place.
//   - ArtChat (com.yiqi.artchat): no configuration covers it; the library holds Apple's iconthemer profile → Push.
//   - DockDoor: its configuration and its own profile expired in 2014 → stopped, get a renewal.
//   - Field Notes: nothing covers it, its own profile lasts to 2021 → nothing to do.
//   - MixProject: a configuration that covers no app and is not assigned.
import { inspectProfile } from '../../core/inspect';
import type { Library } from '../../core/store';
import { FakeGraph, exclude, include, allUsers } from '../core/tenant/fake-graph';
import { NOW, delegatedToken } from '../core/tenant/jwt';
import { REAL, realBase64 } from '../core/tenant/real-profiles';
import { makeProfile, sharedTestPki } from '../fixtures/factory';
import { readShared } from '../shared-fixtures';

export { NOW };

export const GROUP = {
  field: '0b5f2c1e-4d3a-4e8b-9c7d-000000000001',
  pilot: '0b5f2c1e-4d3a-4e8b-9c7d-000000000002',
  sales: '0b5f2c1e-4d3a-4e8b-9c7d-000000000003',
};

export const CONFIG = {
  resigned: 'b0000000-0000-4000-8000-000000000001',
  dockDoor: 'b0000000-0000-4000-8000-000000000002',
  mix: 'b0000000-0000-4000-8000-000000000003',
};

/** The genuine fireup profile's library id (its UUID, lowercased, as the store keys it). */
export const FIREUP_ID = '5d032766-4146-44db-8d26-60a593452977';
export const ICONTHEMER_ID = 'cf4ee639-8bef-43c6-8eb1-8e326275d295';

const READ = 'DeviceManagementApps.Read.All GroupMember.Read.All DeviceManagementRBAC.Read.All';
export const READ_TOKEN = delegatedToken({ scp: READ });
export const WRITE_TOKEN = delegatedToken({ scp: `${READ} DeviceManagementApps.ReadWrite.All` });

/** A profile for the fireup App ID signed by the factory's test CA: what a re-signing tool leaves behind. */
async function resignedYitong(): Promise<string> {
  const bytes = await makeProfile(await sharedTestPki(), {
    type: 'enterprise',
    name: 'YT General re-signed',
    uuid: 'c0000000-0000-4000-8000-00000000000a',
    teamId: '65YG889FGF',
    bundleId: 'com.yitong.*',
    createdAt: new Date('2019-06-01T00:00:00Z'),
    expiresAt: new Date('2020-06-30T00:00:00Z'),
  });
  return Buffer.from(bytes).toString('base64');
}

export async function fixtureTenant(): Promise<FakeGraph> {
  const graph = new FakeGraph();
  graph.pageSize = 2;
  graph.groups = { [GROUP.field]: 'Field Users', [GROUP.pilot]: 'Pilot Devices', [GROUP.sales]: 'Sales iPads' };
  graph.configurations = [
    {
      id: CONFIG.resigned, displayName: 'YT 2020 (re-signed)', payloadFileName: 'yt_resigned.mobileprovision', payload: await resignedYitong(), expirationDateTime: '2020-06-30T00:00:00Z',
      assignments: [{ target: include(GROUP.field) }, { target: exclude(GROUP.pilot) }],
      deviceStatuses: [{ status: 'compliant' }, { status: 'compliant' }, { status: 'error' }, { status: 'unknown' }],
    },
    { id: CONFIG.dockDoor, displayName: 'DockDoor', payloadFileName: 'DockDoor.mobileprovision', payload: realBase64(REAL.dockDoor), expirationDateTime: '2014-10-25T13:45:41Z', assignments: [{ target: include(GROUP.field) }] },
    { id: CONFIG.mix, displayName: 'MixProject', payloadFileName: 'resign_embedded.mobileprovision', payload: realBase64(REAL.ipaResign), expirationDateTime: '2017-06-23T07:02:48Z', assignments: [] },
  ];
  graph.apps = [
    { id: 'app-yt', displayName: 'YT General', bundleId: 'com.yitong.general', versionNumber: '3.2', buildNumber: '320', expirationDateTime: '2020-06-30T00:00:00Z',
      assignments: [{ intent: 'required', target: include(GROUP.field) }, { intent: 'required', target: exclude(GROUP.pilot) }] },
    { id: 'app-artchat', displayName: 'ArtChat', bundleId: 'com.yiqi.artchat', versionNumber: '1.4', buildNumber: '14', expirationDateTime: '2020-07-01T00:00:00Z',
      assignments: [{ intent: 'required', target: include(GROUP.sales) }] },
    { id: 'app-dockdoor', displayName: 'DockDoor', bundleId: 'com.mccrearymodern.DockDoor', versionNumber: '1.0', buildNumber: '1', expirationDateTime: '2014-10-25T13:45:41Z',
      assignments: [{ intent: 'required', target: include(GROUP.field) }] },
    { id: 'app-notes', displayName: 'Field Notes', bundleId: 'com.contoso.notes', versionNumber: '2.0', buildNumber: '7', expirationDateTime: '2021-03-01T00:00:00Z',
      assignments: [{ intent: 'available', target: allUsers() }] },
  ];
  return graph;
}

/** The library holds Apple's genuine fireup and iconthemer profiles, as an import would store them. */
export async function stockLibrary(library: Library): Promise<void> {
  for (const path of [REAL.fireup, REAL.iconthemer]) {
    const bytes = readShared(path);
    const fileName = path.split('/').pop() ?? path;
    await library.putProfile({ fileName, bytes, result: await inspectProfile(fileName, bytes, { now: NOW }) });
  }
}
