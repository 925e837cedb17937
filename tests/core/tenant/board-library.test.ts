// The board's actions, with a library of synthetic profiles and .ipa files (tests/fixtures: a test CA, trusted here by
// passing its pins, as no real file could show a renewal, a certificate ending or an app's own certificate).
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectApp, inspectProfile } from '../../../core/inspect';
import { tenantBoard } from '../../../core/tenant/board';
import { decodePayloads } from '../../../core/tenant/payloads';
import { readTenant } from '../../../core/tenant/graph-reader';
import type { LibraryApp, LibraryProfile, TenantBoard, TenantAppRow } from '../../../core/tenant/types';
import { makeApp } from '../../fixtures/app-factory';
import { makeDeveloperCertificate, type DevCert, type ProfileSpec } from '../../fixtures/factory';
import { NOW, TEAM, appFixtures, type AppFixtures } from '../app/app-fixtures';
import { FakeGraph, allDevices, exclude, include } from './fake-graph';
import { delegatedToken } from './jwt';

const G1 = '0b5f2c1e-4d3a-4e8b-9c7d-000000000011';
const G2 = '0b5f2c1e-4d3a-4e8b-9c7d-000000000012';
const G3 = '0b5f2c1e-4d3a-4e8b-9c7d-000000000013';
const CF_FIELD = 'f0000000-0000-4000-8000-000000000001';
const CF_SCAN = 'f0000000-0000-4000-8000-000000000002';
const CF_MAPS = 'f0000000-0000-4000-8000-000000000003';

let f: AppFixtures;
let scanCert: DevCert;
let board: TenantBoard;
let library: { profiles: LibraryProfile[]; apps: LibraryApp[] };

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const judged = { now: NOW };

async function libraryProfile(id: string, spec: ProfileSpec): Promise<LibraryProfile> {
  const fileName = `${id}.mobileprovision`;
  return { id, fileName, result: await inspectProfile(fileName, await f.profile(spec), { ...judged, trustedCaSha256: f.pki.trustedCaSha256 }) };
}

async function libraryApp(id: string, bundleId: string, signer: DevCert, shipped: Uint8Array): Promise<LibraryApp> {
  const ipa = await makeApp({ bundles: [{ path: `Payload/${id}.app/`, bundleId, version: '1.0', build: '1', profile: shipped, executableContent: { slices: ['arm64'], signature: f.signedBy(signer, { identifier: bundleId }) } }] });
  const fileName = `${id}.ipa`;
  const result = await inspectApp(fileName, ipa, { ...judged, trustedCaSha256: f.pki.trustedCaSha256 });
  if (result.kind !== 'app') throw new Error('not an app');
  return { id, fileName, result };
}

beforeAll(async () => {
  f = await appFixtures();
  scanCert = await makeDeveloperCertificate(f.pki, { commonName: `iPhone Distribution: Contoso Ltd (${TEAM})`, teamId: TEAM, notBefore: new Date('2023-06-20T00:00:00Z'), notAfter: new Date('2026-06-20T00:00:00Z') });
  const fieldShipped = await f.profile({ uuid: '10000000-0000-4000-8000-000000000001', name: 'Contoso Field 2026', expiresAt: new Date('2026-06-20T00:00:00Z'), createdAt: new Date('2025-06-20T00:00:00Z') });
  const scanProfile = await f.profile({ uuid: '10000000-0000-4000-8000-000000000002', name: 'Contoso Scan 2027', bundleId: 'com.contoso.scan', developerCertificates: [scanCert] });
  const mapsProfile = await f.profile({ uuid: '10000000-0000-4000-8000-000000000003', name: 'Contoso Maps 2027', bundleId: 'com.contoso.maps' });
  library = {
    profiles: [
      await libraryProfile('field-2027', { uuid: '20000000-0000-4000-8000-000000000001', name: 'Contoso Field In-House 2027' }),
      await libraryProfile('contoso-wildcard', { uuid: '20000000-0000-4000-8000-000000000002', name: 'Contoso Wildcard 2027', bundleId: 'com.contoso.*', expiresAt: new Date('2027-05-01T00:00:00Z') }),
      await libraryProfile('field-expired', { uuid: '20000000-0000-4000-8000-000000000003', name: 'Contoso Field 2025', createdAt: new Date('2024-05-01T00:00:00Z'), expiresAt: new Date('2025-05-01T00:00:00Z') }),
    ],
    apps: [
      await libraryApp('Field', 'com.contoso.field', f.developer, fieldShipped),
      await libraryApp('Scan', 'com.contoso.scan', scanCert, scanProfile),
    ],
  };
  const graph = new FakeGraph();
  graph.groups = { [G1]: 'Field Users', [G2]: 'Pilot Devices', [G3]: 'Warehouse' };
  graph.scopeTags.push({ id: '5', displayName: 'Sales' });
  graph.configurations = [
    { id: CF_FIELD, displayName: 'Field 2026', payloadFileName: 'Contoso_Field_2026.mobileprovision', payload: b64(fieldShipped), expirationDateTime: '2026-06-20T00:00:00Z', assignments: [{ target: include(G1) }] },
    { id: CF_SCAN, displayName: 'Scan 2027', payloadFileName: 'Contoso_Scan_2027.mobileprovision', payload: b64(scanProfile), expirationDateTime: '2027-03-01T00:00:00Z', assignments: [{ target: include(G1) }] },
    { id: CF_MAPS, displayName: 'Maps 2027', payloadFileName: 'Contoso_Maps_2027.mobileprovision', payload: b64(mapsProfile), expirationDateTime: '2027-03-01T00:00:00Z', assignments: [{ target: include(G3, { id: 'filter-ipads', type: 'include' }) }] },
  ];
  const app = (id: string, bundleId: string, expires: string, assignments: FakeGraph['apps'][number]['assignments'], roleScopeTagIds = ['0']) =>
    ({ id, displayName: `Contoso ${id}`, bundleId, versionNumber: '1.0', buildNumber: '1', expirationDateTime: expires, roleScopeTagIds, assignments });
  graph.apps = [
    app('Field', 'com.contoso.field', '2026-06-20T00:00:00Z', [{ intent: 'required', target: include(G1) }]),
    app('Scan', 'com.contoso.scan', '2027-01-01T00:00:00Z', [{ intent: 'required', target: include(G1) }]),
    app('Sales', 'com.contoso.sales', '2026-06-10T00:00:00Z', [{ intent: 'required', target: include(G1) }, { intent: 'required', target: exclude(G2) }], ['5']),
    app('Maps', 'com.contoso.maps', '2026-06-15T00:00:00Z', [{ intent: 'required', target: include(G1) }, { intent: 'available', target: include(G3) }, { intent: 'uninstall', target: include(G2) }]),
    app('Kiosk', 'com.contoso.kiosk', '2026-06-25T00:00:00Z', [{ intent: 'required', target: allDevices() }]),
  ];
  const token = delegatedToken({ exp: Math.floor(NOW.getTime() / 1000) + 3600 });
  const snapshot = await readTenant({ cloud: 'global', fetch: graph.fetch, token: () => token, now: () => NOW, sleep: async () => {} });
  const payloads = await decodePayloads(snapshot.configurations, { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });
  board = tenantBoard({ snapshot, payloads, library }, { now: NOW, warnDays: 30 });
}, 180_000);

const row = (name: string): TenantAppRow => {
  const found = board.rows.find((candidate) => candidate.name === `Contoso ${name}`);
  if (!found) throw new Error(`no row ${name}`);
  return found;
};

describe('tenantBoard: what to do, with a library', () => {
  it('orders the apps by days left and picks one action each', () => {
    expect(board.rows.map((r) => [r.name, r.state, r.daysLeft, r.stopsLaunchingBecause, r.action.kind, r.action.profileId, r.action.configurationId])).toEqual([
      ['Contoso Sales', 'within', 9, 'embedded-profile', 'push', 'contoso-wildcard', null],
      ['Contoso Maps', 'within', 14, 'embedded-profile', 'assign', null, CF_MAPS],
      ['Contoso Field', 'within', 19, 'pushed-profile', 'renew-in-place', 'field-2027', CF_FIELD],
      ['Contoso Scan', 'within', 19, 'certificate', 're-sign', null, null],
      ['Contoso Kiosk', 'within', 24, 'embedded-profile', 'push', 'contoso-wildcard', null],
    ]);
    expect(board.exitCode).toBe(1);
    expect(board.counts).toEqual({ apps: 5, stopped: 0, within: 5, ok: 0, unknown: 0, configurations: 3 });
  });

  it('renews the expiring configuration in place with the library\'s newer profile for the same App ID, after the full app check', () => {
    const field = row('Field');
    expect(field.action.message).toBe(
      'Renew "Field 2026" in place with "Contoso Field In-House 2027" (field-2027.mobileprovision, expires 2027-03-01 00:00 UTC (273 days left)) from the library: Intune replaces its file and expiry and keeps its assignments to "Field Users", so Contoso Field launches until 2027-03-01 00:00 UTC (273 days left).',
    );
    expect(field.certificate).toEqual({ known: true, commonName: `iPhone Distribution: Contoso Ltd (${TEAM})`, notAfter: '2028-01-01T00:00:00.000Z', teamId: TEAM });
    expect(field.libraryApp?.fileName).toBe('Field.ipa');
    expect(field.libraryApp?.check.canKeepAlive).toBe(true);
    expect(field.libraryApp?.check.reasons.map((reason) => reason.code)).toEqual(['expires-soon', 'ok']);
    expect(field.problems.map((p) => p.code)).toEqual(['stops-launching']);
    expect(field.problems[0]?.message).toBe('Contoso Field stops launching on 2026-06-20 00:00 UTC (19 days left): "Field 2026" ends then.');
  });

  it('says to re-sign an app whose own certificate ends within the window, whatever profile is pushed', () => {
    const scan = row('Scan');
    expect(scan.stopsLaunchingOn).toBe('2026-06-20T00:00:00.000Z');
    expect(scan.configurations[0]).toMatchObject({ status: 'expiring', usable: true, stopsLaunchingOn: '2026-06-20T00:00:00.000Z', reaches: 'all' });
    expect(scan.action.message).toBe(
      `Re-sign Contoso Scan with a current in-house distribution certificate and upload the new .ipa to Intune: its certificate "iPhone Distribution: Contoso Ltd (${TEAM})" ends on 2026-06-20 00:00 UTC (19 days left), and no pushed profile keeps an app launching past its certificate.`,
    );
    expect(scan.problems.map((p) => [p.code, p.severity])).toEqual([['stops-launching', 'warning'], ['certificate-ends', 'warning']]);
    expect(scan.problems[0]?.message).toBe(`Contoso Scan stops launching on 2026-06-20 00:00 UTC (19 days left): its signing certificate "iPhone Distribution: Contoso Ltd (${TEAM})" ends then.`);
  });

  it('pushes a covering library profile to the app\'s own groups when no configuration covers it', () => {
    const sales = row('Sales');
    expect(sales.configurations).toEqual([]);
    expect(sales.scopeTags).toEqual([{ id: '5', name: 'Sales' }]);
    expect(sales.action.message).toBe(
      'Push "Contoso Wildcard 2027" (contoso-wildcard.mobileprovision, expires 2027-05-01 00:00 UTC (334 days left)) from the library to Intune and assign it to "Field Users" (excluding "Pilot Devices"): no configuration in Intune covers com.contoso.sales, and with it Contoso Sales launches until 2027-05-01 00:00 UTC (334 days left).',
    );
    expect(row('Kiosk').action.message).toContain('and assign it to all devices: no configuration in Intune covers com.contoso.kiosk');
  });

  it('assigns a usable configuration to the groups it misses, and names the filter it cannot evaluate', () => {
    const maps = row('Maps');
    expect(maps.targets.include.map((group) => group.name)).toEqual(['Field Users', 'Warehouse']);
    expect(maps.configurations).toEqual([
      { configurationId: CF_MAPS, status: 'ok', usable: true, stopsLaunchingOn: '2027-03-01T00:00:00.000Z', reaches: 'some', missingGroups: [{ id: G1, name: 'Field Users' }], excludedGroups: [] },
    ]);
    expect(maps.action.message).toBe('Assign "Maps 2027" to "Field Users" too: it keeps Contoso Maps launching until 2027-03-01 00:00 UTC (273 days left), but not on every device that has the app.');
    expect(maps.problems.map((p) => [p.code, p.severity])).toEqual([['stops-launching', 'warning'], ['app-groups-not-reached', 'warning'], ['certificate-unknown', 'info'], ['assignment-filtered', 'info']]);
    expect(maps.problems[1]?.message).toBe(
      '"Maps 2027" does not reach "Field Users", but Contoso Maps is assigned to "Field Users" and "Warehouse": devices it does not reach keep only the profile inside the .ipa. (Groups are compared by ID; a group nested in another is not counted.)',
    );
    expect(maps.problems[3]?.message).toBe('An assignment filter narrows "Maps 2027"\'s assignment; ProvLens cannot evaluate filters, so which devices it reaches is not known.');
  });

  it('keeps the configurations quiet when nothing is wrong with them', () => {
    expect(board.problems).toEqual([]);
    expect(board.configurations.map((c) => [c.displayName, c.verdict?.status, c.covers])).toEqual([
      ['Field 2026', 'expiring', ['Field']],
      // Its only certificate ends 2026-06-20: the one live verdict says so on the configuration itself too.
      ['Scan 2027', 'expiring', ['Scan']],
      ['Maps 2027', 'ok', ['Maps']],
    ]);
  });
});
