// A small invented Intune tenant, "Contoso Ltd" (team A1B2C3D4E5), for pictures of the tenant board that may be
// committed: every profile is made by the fixture factory and signed by the throwaway test CA (so the board honestly
// reads "Not signed by Apple" wherever it judges one), every name and id is made up, nothing comes from ../shared.
// Graph is the unit tests' fake (tests/core/tenant/fake-graph.ts), served at the real host through page.route with the
// CORS answers a browser needs, as tests/e2e/tenant-a11y.e2e.test.ts does. Judged at NOW (the page clock is fixed):
//   - Contoso Field (com.contoso.field): its .ipa's profile and the configuration Intune pushes for it, "Contoso Field
//     2026", end 12 days after NOW; the library holds "Contoso Field 2027" (with Apple's signature, that would be
//     Renew in place; signed by the test CA, Intune cannot use it, so the board asks for a renewal from Apple).
//   - Contoso Sales (com.contoso.sales): its .ipa's profile ended 4 days before NOW; Intune pushes "Contoso Sales
//     (re-signed)", a copy signed by someone other than Apple, which devices refuse → stopped launching.
//   - Contoso Timesheets (com.contoso.timesheets): nothing covers it, its own profile lasts into 2027 → nothing to do.
//   - "Contoso Kiosk (retired)": expired, assigned to no group, covering no app in Intune.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { useWebCrypto } from '../../core/cms/crypto';
import { FakeGraph, allUsers, exclude, include } from '../core/tenant/fake-graph';
import { delegatedToken } from '../core/tenant/jwt';
import { makeDeveloperCertificate, makeProfile, sharedTestPki, type DevCert, type TestPki } from '../fixtures/factory';

export const NOW = new Date('2026-11-16T09:00:00.000Z');
const DAY = 86_400_000;
const TEAM = 'A1B2C3D4E5';

/** Whole days from NOW, as a plist date (no milliseconds). */
const days = (n: number): Date => new Date(NOW.getTime() + n * DAY);
const iso = (n: number): string => days(n).toISOString().replace('.000Z', 'Z');

const GROUP = {
  field: '7c1e2d3f-0a4b-4c5d-8e6f-000000000101',
  pilot: '7c1e2d3f-0a4b-4c5d-8e6f-000000000102',
  salesEmea: '7c1e2d3f-0a4b-4c5d-8e6f-000000000103',
  salesAmericas: '7c1e2d3f-0a4b-4c5d-8e6f-000000000104',
};

const READ = 'DeviceManagementApps.Read.All GroupMember.Read.All DeviceManagementRBAC.Read.All';
/** Read and write, valid an hour after NOW: what Graph Explorer hands an Intune admin. */
export const TOKEN = delegatedToken({ scp: `${READ} DeviceManagementApps.ReadWrite.All openid profile`, exp: Math.floor(NOW.getTime() / 1000) + 3600 });

export interface SyntheticTenant {
  graph: FakeGraph;
  /** Temp dir holding the library files (remove it when done). */
  dir: string;
  /** The profiles to import into the library first: newer in-house profiles for the tenant's apps. */
  libraryFiles: string[];
}

interface Spec {
  uuid: string;
  name: string;
  bundleId: string;
  createdAt: Date;
  expiresAt: Date;
  /** 'wrong-root': signed under another (equally made-up) root, as a re-signing tool would. */
  signWith?: 'wrong-root';
}

async function contosoProfile(pki: TestPki, developer: DevCert, spec: Spec): Promise<Uint8Array> {
  return makeProfile(pki, { ...spec, type: 'enterprise', teamId: TEAM, teamName: 'Contoso Ltd', appIdName: spec.name, developerCertificates: [developer], derCopy: 'consistent' });
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export async function syntheticTenant(): Promise<SyntheticTenant> {
  useWebCrypto(globalThis.crypto);
  const pki = await sharedTestPki();
  const developer = await makeDeveloperCertificate(pki, {
    commonName: `iPhone Distribution: Contoso Ltd (${TEAM})`,
    organization: 'Contoso Ltd',
    teamId: TEAM,
    notBefore: days(-400),
    notAfter: days(700),
  });
  const profile = (spec: Spec) => contosoProfile(pki, developer, spec);

  const fieldNow = await profile({ uuid: 'e1000000-0000-4000-8000-000000000001', name: 'Contoso Field 2026', bundleId: 'com.contoso.field', createdAt: days(-353), expiresAt: days(12) });
  const salesResigned = await profile({ uuid: 'e1000000-0000-4000-8000-000000000002', name: 'Contoso Sales 2026', bundleId: 'com.contoso.sales', createdAt: days(-30), expiresAt: days(335), signWith: 'wrong-root' });
  const kiosk = await profile({ uuid: 'e1000000-0000-4000-8000-000000000003', name: 'Contoso Kiosk', bundleId: 'com.contoso.kiosk', createdAt: days(-425), expiresAt: days(-60) });

  const dir = mkdtempSync(join(tmpdir(), 'provlens-tenant-shot-'));
  const library: [string, Uint8Array][] = [
    ['Contoso_Field_2027.mobileprovision', await profile({ uuid: 'e2000000-0000-4000-8000-000000000001', name: 'Contoso Field 2027', bundleId: 'com.contoso.field', createdAt: days(-2), expiresAt: days(363) })],
    ['Contoso_Sales_2027.mobileprovision', await profile({ uuid: 'e2000000-0000-4000-8000-000000000002', name: 'Contoso Sales 2027', bundleId: 'com.contoso.sales', createdAt: days(-1), expiresAt: days(364) })],
  ];
  for (const [name, bytes] of library) writeFileSync(join(dir, name), bytes);

  const graph = new FakeGraph();
  graph.groups = { [GROUP.field]: 'Field engineers', [GROUP.pilot]: 'Pilot devices', [GROUP.salesEmea]: 'Sales EMEA', [GROUP.salesAmericas]: 'Sales Americas' };
  graph.configurations = [
    {
      id: 'f3a1c2d4-0000-4000-8000-000000000001', displayName: 'Contoso Field 2026', payloadFileName: 'Contoso_Field_2026.mobileprovision', payload: base64(fieldNow), expirationDateTime: iso(12),
      assignments: [{ target: include(GROUP.field) }, { target: exclude(GROUP.pilot) }],
      deviceStatuses: [...Array<{ status: string }>(38).fill({ status: 'compliant' }), { status: 'error' }, { status: 'unknown' }, { status: 'unknown' }],
    },
    {
      id: 'f3a1c2d4-0000-4000-8000-000000000002', displayName: 'Contoso Sales (re-signed)', payloadFileName: 'Contoso_Sales_resigned.mobileprovision', payload: base64(salesResigned), expirationDateTime: iso(335),
      assignments: [{ target: include(GROUP.salesEmea) }, { target: include(GROUP.salesAmericas) }],
      deviceStatuses: [...Array<{ status: string }>(6).fill({ status: 'error' }), ...Array<{ status: string }>(17).fill({ status: 'unknown' })],
    },
    { id: 'f3a1c2d4-0000-4000-8000-000000000003', displayName: 'Contoso Kiosk (retired)', payloadFileName: 'Contoso_Kiosk.mobileprovision', payload: base64(kiosk), expirationDateTime: iso(-60), assignments: [] },
  ];
  graph.apps = [
    { id: 'app-field', displayName: 'Contoso Field', bundleId: 'com.contoso.field', versionNumber: '4.2', buildNumber: '420', expirationDateTime: iso(12),
      assignments: [{ intent: 'required', target: include(GROUP.field) }] },
    { id: 'app-sales', displayName: 'Contoso Sales', bundleId: 'com.contoso.sales', versionNumber: '2.8', buildNumber: '281', expirationDateTime: iso(-4),
      assignments: [{ intent: 'required', target: include(GROUP.salesEmea) }, { intent: 'available', target: include(GROUP.salesAmericas) }] },
    { id: 'app-timesheets', displayName: 'Contoso Timesheets', bundleId: 'com.contoso.timesheets', versionNumber: '1.6', buildNumber: '160', expirationDateTime: iso(240),
      assignments: [{ intent: 'available', target: allUsers() }] },
  ];
  return { graph, dir, libraryFiles: library.map(([name]) => join(dir, name)) };
}

/** Answer the page's Graph requests from `graph`, with the CORS headers a browser at `origin` needs. */
export async function serveGraph(page: Page, graph: FakeGraph, origin: string): Promise<void> {
  const cors = { 'access-control-allow-origin': origin, 'access-control-allow-headers': 'authorization, content-type, accept', 'access-control-allow-methods': 'GET, POST, PATCH' };
  await page.route('https://graph.microsoft.com/**', async (route: Route) => {
    const request = route.request();
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    const response = await graph.fetch(request.url(), { method: request.method(), headers: await request.allHeaders(), body: request.postData() ?? undefined });
    return route.fulfill({ status: response.status, headers: { ...cors, 'content-type': 'application/json' }, body: await response.text() });
  });
}
