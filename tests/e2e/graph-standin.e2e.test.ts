// The Graph stand-in itself, from Node over real HTTPS under Graph's host name: that it pages, batches, throttles,
// refuses tokens and scopes, answers CORS and writes as Microsoft Learn documents, and that it refuses what Graph would
// not understand. The tenant-board e2e leans on all of this, so each behaviour is proven here first.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { useWebCrypto } from '../../core/cms/crypto';
import { inspectProfile } from '../../core/inspect';
import { decodePayloads, pushJob, readAccessToken, readConfiguration, readTenant, renewJob, sendJob, tenantBoard, type GraphConnection } from '../../core/tenant';
import { hasSharedFixtures, warnIfSharedFixturesMissing } from '../shared-fixtures';
import { GROUP_NAMES, IDS, PROFILE_FILES, STORE_GROUPS, TENANT_NOW, june2020Tenant } from './graph-standin/june-2020-tenant';
import { standInFetch, type StandInFetch } from './graph-standin/node-fetch';
import { startGraphStandIn, type GraphStandIn } from './graph-standin/server';
import { READ_ONLY_SCOPES, READ_WRITE_SCOPES, makeToken } from './graph-standin/tokens';

const GRAPH = 'https://graph.microsoft.com';
const CONFIGURATIONS = `${GRAPH}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations`;
const IOS_APPS = `${GRAPH}/beta/deviceAppManagement/mobileApps?$filter=isof('microsoft.graph.iosLobApp')&$expand=assignments`;
const HOUR = 3_600_000;

let standIn: GraphStandIn;
let node: StandInFetch;
let readOnly: string;
let readWrite: string;
warnIfSharedFixturesMissing();

type Json = Record<string, unknown>;

async function get(url: string, token: string): Promise<{ status: number; body: Json; headers: Headers }> {
  const response = await node.fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: response.status === 204 ? {} : ((await response.json()) as Json), headers: response.headers };
}

async function send(method: string, url: string, token: string, body: unknown): Promise<{ status: number; body: Json | null }> {
  const response = await node.fetch(url, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as Json) };
}

/** Every item of a collection, following @odata.nextLink; the page sizes seen. */
async function all(url: string, token: string): Promise<{ items: Json[]; pages: number[] }> {
  const items: Json[] = [];
  const pages: number[] = [];
  for (let next: string | undefined = url; next; ) {
    const { status, body } = await get(next, token);
    expect(status, next).toBe(200);
    const value = body.value as Json[];
    pages.push(value.length);
    items.push(...value);
    next = body['@odata.nextLink'] as string | undefined;
  }
  return { items, pages };
}

describe.runIf(hasSharedFixtures)('the Graph stand-in (Node, HTTPS under graph.microsoft.com)', () => {
  beforeAll(async () => {
    standIn = await startGraphStandIn({ tenant: june2020Tenant().tenant, now: () => TENANT_NOW });
    node = standInFetch(standIn.port);
  });
  afterAll(async () => {
    await node?.close();
    await standIn?.close();
  });
  afterEach(() => standIn.reset());

  function tokens(): void {
    readOnly = makeToken({ scopes: READ_ONLY_SCOPES, expiresAt: new Date(TENANT_NOW.getTime() + HOUR) });
    readWrite = makeToken({ scopes: READ_WRITE_SCOPES, expiresAt: new Date(TENANT_NOW.getTime() + HOUR) });
    standIn.accept(readOnly);
    standIn.accept(readWrite);
  }

  it('pages the configurations with their assignments and the real profiles as payload', async () => {
    tokens();
    const { items, pages } = await all(`${CONFIGURATIONS}?$expand=assignments`, readOnly);
    expect(pages).toEqual([2, 2, 1]);
    expect(items.map((item) => item.id)).toEqual(Object.values(IDS.configurations));
    const { tampered } = june2020Tenant();
    const wireless = items.find((item) => item.id === IDS.configurations.wireless);
    expect(Buffer.from(String(wireless?.payload), 'base64').equals(Buffer.from(tampered))).toBe(true);
    expect(wireless?.assignments).toEqual([
      expect.objectContaining({ target: expect.objectContaining({ '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: IDS.groups.fieldEngineers }) }),
      expect.objectContaining({ target: expect.objectContaining({ '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: IDS.groups.contractors }) }),
    ]);
    const first = await get(`${CONFIGURATIONS}?$expand=assignments`, readOnly);
    expect(first.body['@odata.context']).toBe(`${GRAPH}/beta/$metadata#deviceAppManagement/iosLobAppProvisioningConfigurations(assignments())`);
    expect(String(first.body['@odata.nextLink'])).toMatch(/^https:\/\/graph\.microsoft\.com\/beta\/deviceAppManagement\/iosLobAppProvisioningConfigurations\?\$expand=assignments&\$skiptoken=/);
    expect(standIn.violations).toEqual([]);
  });

  it('filters mobileApps to iOS LOB apps only with isof, and lists every app without it', async () => {
    tokens();
    const filtered = await all(IOS_APPS, readOnly);
    expect(filtered.items.map((app) => app['@odata.type'])).toEqual(Array(5).fill('#microsoft.graph.iosLobApp'));
    expect(filtered.items.map((app) => app.bundleId)).toEqual(['com.yiqi.artchat', 'com.jizuo.wireless', 'com.yitong.mobilebank', 'com.redbird.company.MixProject', 'com.contoso.fieldnotes']);
    const mix = filtered.items.find((app) => app.id === IDS.apps.mixProject);
    expect((mix?.assignments as Json[]).length).toBe(21);
    const everything = await all(`${GRAPH}/beta/deviceAppManagement/mobileApps`, readOnly);
    expect(everything.items.length).toBe(7);
    expect(standIn.violations).toEqual([]);
  });

  it('refuses what Graph would not understand, and says so in violations', async () => {
    tokens();
    const select = await get(`${GRAPH}/beta/deviceAppManagement/mobileApps?$select=id,bundleId`, readOnly);
    expect(select.status).toBe(400);
    expect(JSON.stringify(select.body)).toContain("Could not find a property named 'bundleId' on type 'microsoft.graph.mobileApp'");
    const cast = await get(`${GRAPH}/beta/deviceAppManagement/mobileApps/microsoft.graph.iosLobApp?$select=id,bundleId`, readOnly);
    expect(cast.status).toBe(200);
    const v1 = await get(`${GRAPH}/v1.0/deviceAppManagement/iosLobAppProvisioningConfigurations`, readOnly);
    expect(v1.status).toBe(400);
    const patch = await send('PATCH', `${CONFIGURATIONS}/${IDS.configurations.wireless}`, readWrite, { payload: 'AAAA', expiresOn: '2021-06-25T08:23:09Z' });
    expect(patch.status).toBe(400);
    expect(JSON.stringify(patch.body)).toContain("The property 'expiresOn' does not exist on type 'microsoft.graph.iosLobAppProvisioningConfiguration'");
    const assign = await send('POST', `${CONFIGURATIONS}/${IDS.configurations.wireless}/assign`, readWrite, {
      iOSLobAppProvisioningConfigAssignments: [{ target: { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: IDS.groups.contractors, group: 'x' } }],
    });
    expect(assign.status).toBe(400);
    expect(standIn.violations).toEqual([
      'GET /beta/deviceAppManagement/mobileApps: $select=bundleId is not a property of mobileApp',
      'GET /v1.0/deviceAppManagement/iosLobAppProvisioningConfigurations: no such Graph route in the stand-in',
      `PATCH /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${IDS.configurations.wireless} body $.expiresOn: not a property of iosLobAppProvisioningConfiguration`,
      `POST /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${IDS.configurations.wireless}/assign body $.iOSLobAppProvisioningConfigAssignments[0].target.group: not a property of exclusionGroupAssignmentTarget`,
    ]);
  });

  it('batches at most 20 group reads, answers each with its own status, and throttles one item with Retry-After', async () => {
    tokens();
    const ids = [...STORE_GROUPS.map((group) => group.id), IDS.groups.salesIpads, IDS.groups.fieldEngineers, IDS.groups.contractors];
    const request = (slice: string[]) => ({ requests: slice.map((id, index) => ({ id: String(index + 1), method: 'GET', url: `/groups/${id}?$select=id,displayName` })) });
    const tooMany = await send('POST', `${GRAPH}/v1.0/$batch`, readOnly, request(ids));
    expect(tooMany.status).toBe(400);
    expect(standIn.violations).toEqual(['POST /v1.0/$batch: 23 requests in one batch (at most 20)']);
    standIn.violations.length = 0;

    standIn.throttleOnce({ via: 'batch', url: new RegExp(STORE_GROUPS[6]?.id ?? ''), retryAfterSeconds: 1 });
    const first = await send('POST', `${GRAPH}/v1.0/$batch`, readOnly, request(ids.slice(0, 20)));
    const responses = first.body?.responses as { id: string; status: number; headers: Record<string, string>; body: Json }[];
    expect(responses.map((item) => item.status)).toEqual(ids.slice(0, 20).map((_, index) => (index === 6 ? 429 : 200)));
    expect(responses[6]?.headers['Retry-After']).toBe('1');
    expect(responses[0]?.body).toEqual({ '@odata.context': `${GRAPH}/v1.0/$metadata#groups(id,displayName)/$entity`, id: STORE_GROUPS[0]?.id, displayName: 'Store 01 iPads' });
    const again = await send('POST', `${GRAPH}/v1.0/$batch`, readOnly, request([ids[6] ?? '']));
    expect((again.body?.responses as { status: number }[])[0]?.status).toBe(200);
    expect(standIn.calls.filter((call) => call.via === 'batch').length).toBe(21);
    expect(standIn.violations).toEqual([]);
  });

  it('throttles a list request once with a Retry-After header, then answers it', async () => {
    tokens();
    standIn.throttleOnce({ via: 'http', url: /mobileApps.*\$skiptoken/, retryAfterSeconds: 2 });
    const firstPage = await get(IOS_APPS, readOnly);
    const next = String(firstPage.body['@odata.nextLink']);
    const throttled = await get(next, readOnly);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('Retry-After')).toBe('2');
    expect((throttled.body.error as Json).code).toBe('TooManyRequests');
    expect((await get(next, readOnly)).status).toBe(200);
  });

  it('refuses tokens it did not issue, expired ones and ones for another audience with 401, and missing scopes with 403', async () => {
    tokens();
    const url = `${CONFIGURATIONS}?$expand=assignments`;
    const later = new Date(TENANT_NOW.getTime() + HOUR);
    const notIssued = await get(url, makeToken({ scopes: READ_ONLY_SCOPES, expiresAt: later }));
    expect([notIssued.status, (notIssued.body.error as Json).code]).toEqual([401, 'InvalidAuthenticationToken']);
    const expired = makeToken({ scopes: READ_ONLY_SCOPES, expiresAt: new Date(TENANT_NOW.getTime() - 1000) });
    standIn.accept(expired);
    expect((await get(url, expired)).body.error).toMatchObject({ message: 'Lifetime validation failed, the token is expired.' });
    const vault = makeToken({ scopes: READ_ONLY_SCOPES, expiresAt: later, audience: 'https://vault.azure.net' });
    standIn.accept(vault);
    expect((await get(url, vault)).status).toBe(401);
    standIn.revoke(readOnly);
    expect((await get(url, readOnly)).status).toBe(401);

    const tags = await get(`${GRAPH}/beta/deviceManagement/roleScopeTags`, readWrite);
    expect(tags.status).toBe(200);
    const noRbac = makeToken({ scopes: READ_ONLY_SCOPES, expiresAt: later });
    standIn.accept(noRbac);
    const forbidden = await get(`${GRAPH}/beta/deviceManagement/roleScopeTags`, noRbac);
    expect(forbidden.status).toBe(403);
    expect(String((forbidden.body.error as Json).message)).toContain('Application must have one of the following scopes: DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All, DeviceManagementRBAC.Read.All, DeviceManagementRBAC.ReadWrite.All');
    const write = await send('PATCH', `${CONFIGURATIONS}/${IDS.configurations.wireless}`, noRbac, { displayName: 'x' });
    expect(write.status).toBe(403);
    expect(standIn.violations).toEqual([]);
  });

  it('answers CORS preflights for Authorization and Content-Type, and hides Retry-After from pages as Graph does', async () => {
    const preflight = await node.fetch(`${CONFIGURATIONS}/x`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:5173', 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
    tokens();
    const answer = await node.fetch(CONFIGURATIONS, { headers: { Authorization: `Bearer ${readOnly}`, Origin: 'http://127.0.0.1:5173' } });
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(answer.headers.get('access-control-expose-headers')).not.toMatch(/retry-after/i);
  });

  it('writes as documented: PATCH 204 that a re-read shows, create 201 with the new id, assign 204 that sets the whole list', async () => {
    tokens();
    const { genuineWireless } = june2020Tenant();
    const payload = Buffer.from(genuineWireless).toString('base64');
    const patch = await send('PATCH', `${CONFIGURATIONS}/${IDS.configurations.wireless}`, readWrite, {
      '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfiguration',
      payloadFileName: 'JiZuoVersion.mobileprovision',
      payload,
      expirationDateTime: '2021-06-25T08:23:09.000Z',
    });
    expect(patch).toEqual({ status: 204, body: null });
    const reread = await get(`${CONFIGURATIONS}/${IDS.configurations.wireless}?$expand=assignments`, readWrite);
    expect(reread.body).toMatchObject({ payload, version: 3, lastModifiedDateTime: '2020-06-28T12:00:00Z' });
    expect((reread.body.assignments as Json[]).length).toBe(2);

    const created = await send('POST', CONFIGURATIONS, readWrite, {
      '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfiguration',
      displayName: 'JiZuo Wireless (pushed)',
      payloadFileName: 'JiZuoVersion.mobileprovision',
      payload,
      expirationDateTime: '2021-06-25T08:23:09.000Z',
      roleScopeTagIds: ['0'],
    });
    expect(created.status).toBe(201);
    const id = String(created.body?.id);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const assign = await send('POST', `${CONFIGURATIONS}/${id}/assign`, readWrite, {
      iOSLobAppProvisioningConfigAssignments: [
        { '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfigurationAssignment', target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: IDS.groups.fieldEngineers } },
      ],
    });
    expect(assign).toEqual({ status: 204, body: null });
    const assignments = await all(`${CONFIGURATIONS}/${id}/assignments`, readWrite);
    expect(assignments.items.map((item) => (item.target as Json).groupId)).toEqual([IDS.groups.fieldEngineers]);
    expect(standIn.requests.map((request) => `${request.method} ${request.status}`)).toEqual(['PATCH 204', 'GET 200', 'POST 201', 'POST 204', 'GET 200']);
    expect(standIn.requests[0]?.headers.authorization).toBe(`Bearer ${readWrite}`);
    expect(standIn.violations).toEqual([]);
  });

  describe('and the core (reader, board, actions) agree on it', () => {
    function connection(token: string): GraphConnection {
      return { cloud: 'global', fetch: node.fetch, token: () => token, tokenInfo: readAccessToken(token, 'global', TENANT_NOW), now: () => TENANT_NOW };
    }

    it('reads every configuration, app, group and status through paging, a throttled list and a throttled $batch item', async () => {
      tokens();
      standIn.throttleOnce({ via: 'http', url: /mobileApps.*\$skiptoken/, retryAfterSeconds: 1 });
      standIn.throttleOnce({ via: 'batch', url: new RegExp(STORE_GROUPS[6]?.id ?? ''), retryAfterSeconds: 1 });
      const snapshot = await readTenant(connection(readOnly));
      const stored = standIn.tenant;

      expect(snapshot.configurations.map((c) => [c.id, c.payload, c.expirationDateTime])).toEqual(
        stored.configurations.map((c) => [c.id, c.payload, new Date(c.expirationDateTime).toISOString()]),
      );
      expect(snapshot.configurations.map((c) => c.assignments.map((a) => [a.target.kind, a.target.groupId]))).toEqual(
        stored.configurations.map((c) => c.assignments.map((a) => [a.target.kind, 'groupId' in a.target ? a.target.groupId : null])),
      );
      const iosApps = stored.apps.filter((app) => app.type === 'iosLobApp');
      expect(snapshot.apps.map((app) => [app.id, app.bundleId, app.versionNumber, app.buildNumber, app.expirationDateTime])).toEqual(
        iosApps.map((app) => [app.id, app.bundleId, app.versionNumber, app.buildNumber, new Date(app.expirationDateTime ?? '').toISOString()]),
      );
      expect(snapshot.apps.map((app) => app.assignments.length)).toEqual(iosApps.map((app) => app.assignments.length));
      expect(snapshot.groups).toEqual(GROUP_NAMES);
      expect(snapshot.configurations.find((c) => c.id === IDS.configurations.artchat)?.deviceStatuses).toEqual({ total: 4, byStatus: { compliant: 3, error: 1 } });
      expect(snapshot.configurations.find((c) => c.id === IDS.configurations.mixProject)?.userStatuses).toEqual({ total: 3, byStatus: { error: 3 } });

      // The read-only token has no DeviceManagementRBAC.Read.All: the scope tags are the one part named as failed.
      expect(snapshot.scopeTags).toEqual({});
      expect(snapshot.failures.map((f) => [f.part, f.status, f.code, f.missingScope])).toEqual([['scope-tags', 403, 'forbidden', 'DeviceManagementRBAC.Read.All']]);

      // Both throttled requests were sent again, each no sooner than the second Graph asked for.
      const retried = (pattern: RegExp) => standIn.calls.filter((call) => pattern.test(call.url));
      const appsPage2 = retried(/mobileApps.*\$skiptoken=eyJvIjoyfQ/);
      expect(appsPage2.map((call) => call.status)).toEqual([429, 200]);
      expect((appsPage2[1]?.at ?? 0) - (appsPage2[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
      const store07 = retried(new RegExp(STORE_GROUPS[6]?.id ?? ''));
      expect(store07.map((call) => [call.via, call.status])).toEqual([['batch', 429], ['batch', 200]]);
      expect((store07[1]?.at ?? 0) - (store07[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
      const batches = standIn.requests.filter((request) => request.url.endsWith('/$batch'));
      expect(batches.map((request) => (JSON.parse(request.body) as { requests: unknown[] }).requests.length)).toEqual([20, 3, 1]);
      expect(standIn.violations).toEqual([]);
    });

    it('re-reads one configuration after a PATCH, with its assignments and statuses', async () => {
      tokens();
      const { genuineWireless } = june2020Tenant();
      const payload = Buffer.from(genuineWireless).toString('base64');
      await send('PATCH', `${CONFIGURATIONS}/${IDS.configurations.wireless}`, readWrite, { payload });
      const configuration = await readConfiguration(connection(readWrite), IDS.configurations.wireless);
      expect(configuration.payload).toBe(payload);
      expect(configuration.assignments.map((a) => a.target.groupId)).toEqual([IDS.groups.fieldEngineers, IDS.groups.contractors]);
      expect(configuration.deviceStatuses).toEqual({ total: 3, byStatus: { error: 2, compliant: 1 } });
      expect(standIn.violations).toEqual([]);
    });

    it('gives the board what it needs to judge every app of the June 2020 tenant right', async () => {
      tokens();
      useWebCrypto(globalThis.crypto);
      const snapshot = await readTenant({ ...connection(readOnly), sleep: async () => {} });
      const payloads = await decodePayloads(snapshot.configurations, { now: TENANT_NOW });
      const genuine = await inspectProfile('JiZuoVersion.mobileprovision', new Uint8Array(readFileSync(PROFILE_FILES.wireless)), { now: TENANT_NOW });
      const library = { profiles: [{ id: genuine.profile?.uuid ?? '', fileName: 'JiZuoVersion.mobileprovision', result: genuine }], apps: [] };
      const board = tenantBoard({ snapshot, payloads, library }, { now: TENANT_NOW });

      expect(board.configurations.map((view) => [view.displayName, view.verdict?.status, view.assigned, view.covers])).toEqual([
        ['ArtChat in-house 2019', 'ok', true, [IDS.apps.artchat]],
        ['Yitong wildcard 2019', 'expiring', true, [IDS.apps.yitongBank]],
        ['JiZuo Wireless 2020', 'tampered', true, [IDS.apps.wireless]],
        ['MixProject 2016', 'expired', true, [IDS.apps.mixProject]],
        ['DockDoor (old)', 'expired', false, []],
      ]);
      expect(board.rows.map((row) => [row.name, row.state, row.daysLeft, row.stopsLaunchingOn, row.action.kind])).toEqual([
        ['MixProject', 'stopped', -1101, '2017-06-23T07:02:48.000Z', 'get-renewal'],
        ['Yitong Mobile Bank', 'within', 4, '2020-07-03T02:02:07.000Z', 'get-renewal'],
        // The tampered configuration is renewed in place with the library's genuine copy of the same profile.
        ['JiZuo Wireless', 'within', 13, '2020-07-12T00:00:00.000Z', 'renew-in-place'],
        ['Field Notes', 'ok', 93, '2020-09-30T00:00:00.000Z', 'none'],
        ['ArtChat', 'ok', 179, '2020-12-25T09:55:51.000Z', 'none'],
      ]);
      const wireless = board.rows.find((row) => row.id === IDS.apps.wireless);
      expect(wireless?.action).toMatchObject({ profileId: genuine.profile?.uuid, configurationId: IDS.configurations.wireless });
      expect(board.rows.find((row) => row.id === IDS.apps.fieldNotes)?.problems.map((problem) => problem.code)).toContain('app-not-covered');
      expect(board.problems.map((problem) => [problem.code, problem.configurationId])).toEqual(expect.arrayContaining([
        ['configuration-not-usable-but-assigned', IDS.configurations.wireless],
        ['configuration-not-usable-but-assigned', IDS.configurations.mixProject],
        ['configuration-covers-no-app', IDS.configurations.dockDoor],
      ]));
      expect([board.counts, board.exitCode]).toEqual([{ apps: 5, stopped: 1, within: 2, ok: 2, unknown: 0, configurations: 5 }, 2]);
    });

    it('sends Renew in place as one PATCH the stand-in accepts, whether Graph answers 204 or 200 with the entity', async () => {
      useWebCrypto(globalThis.crypto);
      const bytes = new Uint8Array(readFileSync(PROFILE_FILES.wireless));
      const file = { result: await inspectProfile('JiZuoVersion.mobileprovision', bytes, { now: TENANT_NOW }), bytes, fileName: 'JiZuoVersion.mobileprovision' };
      for (const answer of ['no-content', 'entity'] as const) {
        standIn.reset();
        standIn.patchAnswer = answer;
        tokens();
        const result = await sendJob(connection(readWrite), renewJob(IDS.configurations.wireless, file, { now: TENANT_NOW }), 'renew-in-place', file);
        expect([answer, result.complete, result.configurationId]).toEqual([answer, true, IDS.configurations.wireless]);
        expect(result.entries.map((entry) => [entry.method, entry.url, entry.status, entry.ok])).toEqual([['PATCH', `${CONFIGURATIONS}/${IDS.configurations.wireless}`, answer === 'entity' ? 200 : 204, true]]);
        expect(standIn.tenant.configurations.find((c) => c.id === IDS.configurations.wireless)?.payload).toBe(Buffer.from(bytes).toString('base64'));
        expect(JSON.stringify(result.entries)).not.toContain(readWrite);
        expect(standIn.violations).toEqual([]);
      }
    });

    it('sends Push to Intune as a create and an assign to the app\'s groups, both bodies Graph\'s own names', async () => {
      tokens();
      useWebCrypto(globalThis.crypto);
      const bytes = new Uint8Array(readFileSync(PROFILE_FILES.wireless));
      const file = { result: await inspectProfile('JiZuoVersion.mobileprovision', bytes, { now: TENANT_NOW }), bytes, fileName: 'JiZuoVersion.mobileprovision' };
      const targets = { include: [{ id: IDS.groups.fieldEngineers, name: 'Field Engineers' }], exclude: [{ id: IDS.groups.contractors, name: null }], allDevices: false, allUsers: false, filtered: false };
      const result = await sendJob(connection(readWrite), pushJob({ targets, scopeTags: [{ id: '1', name: 'Retail' }] }, file, { now: TENANT_NOW }), 'push', file);
      expect(result.complete).toBe(true);
      expect(result.entries.map((entry) => [entry.method, entry.status])).toEqual([['POST', 201], ['POST', 204]]);
      const created = standIn.tenant.configurations.find((c) => c.id === result.configurationId);
      expect(created?.roleScopeTagIds).toEqual(['1']);
      expect(created?.assignments.map((a) => a.target)).toEqual([{ kind: 'include', groupId: IDS.groups.fieldEngineers }, { kind: 'exclude', groupId: IDS.groups.contractors }]);
      expect(standIn.violations).toEqual([]);
    });

    it('stops at a 401 with the graph-unauthorized code', async () => {
      const stranger = makeToken({ scopes: READ_ONLY_SCOPES, expiresAt: new Date(TENANT_NOW.getTime() + HOUR) });
      await expect(readTenant(connection(stranger))).rejects.toMatchObject({ code: 'graph-unauthorized' });
      expect(standIn.requests.map((request) => request.status)).toEqual([401]);
    });
  });
});
