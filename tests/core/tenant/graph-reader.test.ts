import { describe, expect, it } from 'vitest';
import { isProvlensError } from '../../../core/errors';
import { MAX_RETRY_WAIT_MS, retryWait } from '../../../core/tenant/graph-client';
import { readConfiguration, readTenant } from '../../../core/tenant/graph-reader';
import { readAccessToken } from '../../../core/tenant/token';
import type { GraphConnection, TokenInfo } from '../../../core/tenant/types';
import { FakeGraph, allDevices, exclude, include, on } from './fake-graph';
import { NOW, delegatedToken } from './jwt';

const TOKEN = delegatedToken();
const G = (n: number) => `0b5f2c1e-4d3a-4e8b-9c7d-${String(n).padStart(12, '0')}`;
const CONFIG_A = 'a1a1a1a1-0000-4000-8000-000000000001';
const CONFIG_B = 'b2b2b2b2-0000-4000-8000-000000000002';
const CONFIG_C = 'c3c3c3c3-0000-4000-8000-000000000003';

function tenant(): FakeGraph {
  const graph = new FakeGraph();
  graph.pageSize = 2;
  graph.groups = { [G(1)]: 'Field Users', [G(2)]: 'Pilot Devices', [G(3)]: 'Sales iPads' };
  graph.scopeTags.push({ id: '7', displayName: 'Field Ops' });
  graph.configurations = [
    { id: CONFIG_A, displayName: 'Field 2020', payloadFileName: 'Field_2020.mobileprovision', payload: 'AAEC', expirationDateTime: '2020-07-03T02:02:07Z', roleScopeTagIds: ['0', '7'], assignments: [{ target: include(G(1)) }, { target: exclude(G(2)) }],
      deviceStatuses: [{ status: 'compliant' }, { status: 'compliant' }, { status: 'error' }], userStatuses: [{ status: 'compliant' }, { status: 'notApplicable' }, { status: 'somethingNew' }] },
    { id: CONFIG_B, displayName: 'Sales', payloadFileName: 'Sales.mobileprovision', payload: 'AwQF', expirationDateTime: '2020-12-25T09:55:51-08:00', assignments: [{ target: include(G(3), { id: 'f1', type: 'include' }) }] },
    { id: CONFIG_C, displayName: 'Unassigned', payloadFileName: null, payload: null, expirationDateTime: '0001-01-01T00:00:00Z', assignments: [] },
  ];
  graph.apps = [
    { id: 'app-1', displayName: 'Contoso Field', bundleId: 'com.yitong.field', versionNumber: '2.1', buildNumber: '210', expirationDateTime: '2020-07-03T02:02:07Z', roleScopeTagIds: ['7'], assignments: [{ intent: 'required', target: include(G(1)) }, { intent: 'required', target: exclude(G(2)) }] },
    { id: 'app-2', displayName: 'Sales', bundleId: 'com.yiqi.artchat', versionNumber: '1.0', buildNumber: '1', expirationDateTime: null, assignments: [{ intent: 'available', target: allDevices() }] },
    { id: 'app-3', displayName: 'Stale', bundleId: 'com.example.stale', versionNumber: '1.0', buildNumber: '1', expirationDateTime: null, assignments: [{ intent: 'required', target: include(G(9)) }] },
  ];
  return graph;
}

interface Harness {
  connection: GraphConnection;
  waits: number[];
}

function connect(graph: FakeGraph, extra: Partial<GraphConnection> = {}): Harness {
  const waits: number[] = [];
  return {
    waits,
    connection: {
      cloud: 'global',
      fetch: graph.fetch,
      token: () => TOKEN,
      tokenInfo: readAccessToken(TOKEN, 'global', NOW),
      sleep: async (ms) => void waits.push(ms),
      now: () => NOW,
      ...extra,
    },
  };
}

describe('readTenant: the documented reads', () => {
  it('reads configurations and apps across pages, group names by $batch, scope tags and statuses, with the token only in Authorization', async () => {
    const graph = tenant();
    const { connection, waits } = connect(graph);
    const snapshot = await readTenant(connection);
    expect(graph.sent().slice(0, 6)).toEqual([
      'GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations?$expand=assignments',
      'GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations?$expand=assignments&$skiptoken=2',
      "GET /beta/deviceAppManagement/mobileApps?$filter=isof('microsoft.graph.iosLobApp')&$expand=assignments",
      "GET /beta/deviceAppManagement/mobileApps?$filter=isof('microsoft.graph.iosLobApp')&$expand=assignments&$skiptoken=2",
      'GET /beta/deviceManagement/roleScopeTags?$select=id,displayName',
      'POST /v1.0/$batch',
    ]);
    // Statuses are read a few configurations at a time, so their order varies.
    expect(graph.sent().slice(6).sort()).toEqual([
      `GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG_A}/deviceStatuses`,
      `GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG_A}/deviceStatuses?$skiptoken=2`,
      `GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG_A}/userStatuses`,
      `GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG_A}/userStatuses?$skiptoken=2`,
      `GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG_B}/deviceStatuses`,
      `GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG_B}/userStatuses`,
      `GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG_C}/deviceStatuses`,
      `GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG_C}/userStatuses`,
    ]);
    for (const request of graph.requests) {
      expect(request.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.url).not.toContain(TOKEN);
      expect(JSON.stringify(request.body ?? null)).not.toContain(TOKEN);
    }
    expect(graph.requests[5]?.body).toEqual({
      requests: [
        { id: '1', method: 'GET', url: `/groups/${G(1)}?$select=id,displayName` },
        { id: '2', method: 'GET', url: `/groups/${G(2)}?$select=id,displayName` },
        { id: '3', method: 'GET', url: `/groups/${G(3)}?$select=id,displayName` },
        { id: '4', method: 'GET', url: `/groups/${G(9)}?$select=id,displayName` },
      ],
    });
    expect(waits).toEqual([]);
    expect(snapshot.readAt).toBe(NOW.toISOString());
    expect(snapshot.groups).toEqual({ [G(1)]: 'Field Users', [G(2)]: 'Pilot Devices', [G(3)]: 'Sales iPads' });
    expect(snapshot.scopeTags).toEqual({ 0: 'Default', 7: 'Field Ops' });
    expect(snapshot.failures).toEqual([
      {
        part: 'groups',
        request: `GET https://graph.microsoft.com/v1.0/groups/${G(9)}?$select=id,displayName`,
        status: 404,
        code: 'graph-error',
        message: `Graph found no group ${G(9)} (404 Not Found, Request_ResourceNotFound: Resource '${G(9)}' does not exist or one of its queried reference-property objects are not present.); it may have been deleted.`,
        missingScope: null,
        subject: G(9),
      },
    ]);

    const [a, b, c] = snapshot.configurations;
    expect(a).toEqual({
      id: CONFIG_A,
      displayName: 'Field 2020',
      description: null,
      payloadFileName: 'Field_2020.mobileprovision',
      payload: 'AAEC',
      expirationDateTime: '2020-07-03T02:02:07.000Z',
      roleScopeTagIds: ['0', '7'],
      createdDateTime: '2020-01-02T03:04:05.678Z',
      lastModifiedDateTime: '2020-01-02T03:04:05.678Z',
      version: 1,
      assignments: [
        { id: `${CONFIG_A}-a0`, intent: null, target: { kind: 'include', groupId: G(1), odataType: '#microsoft.graph.groupAssignmentTarget', filterId: null, filterType: 'none' } },
        { id: `${CONFIG_A}-a1`, intent: null, target: { kind: 'exclude', groupId: G(2), odataType: '#microsoft.graph.exclusionGroupAssignmentTarget', filterId: null, filterType: 'none' } },
      ],
      deviceStatuses: { total: 3, byStatus: { compliant: 2, error: 1 } },
      userStatuses: { total: 3, byStatus: { compliant: 1, notApplicable: 1, unknown: 1 } },
    });
    expect(b?.expirationDateTime).toBe('2020-12-25T17:55:51.000Z');
    expect(b?.assignments[0]?.target).toMatchObject({ kind: 'include', filterId: 'f1', filterType: 'include' });
    expect(b?.deviceStatuses).toEqual({ total: 0, byStatus: {} });
    expect(c).toMatchObject({ payload: null, payloadFileName: null, expirationDateTime: null, assignments: [] });

    expect(snapshot.apps.map((app) => [app.id, app.bundleId, app.versionNumber, app.buildNumber, app.publishingState, app.roleScopeTagIds])).toEqual([
      ['app-1', 'com.yitong.field', '2.1', '210', 'published', ['7']],
      ['app-2', 'com.yiqi.artchat', '1.0', '1', 'published', ['0']],
      ['app-3', 'com.example.stale', '1.0', '1', 'published', ['0']],
    ]);
    expect(snapshot.apps[0]?.assignments.map((assignment) => [assignment.intent, assignment.target.kind, assignment.target.groupId])).toEqual([
      ['required', 'include', G(1)],
      ['required', 'exclude', G(2)],
    ]);
    expect(snapshot.apps[1]?.assignments[0]?.target).toMatchObject({ kind: 'all-devices', groupId: null });
  });

  it('reads each configuration on its own when the list leaves payload and assignments out', async () => {
    const graph = tenant();
    graph.listOmitsPayload = true;
    const snapshot = await readTenant(connect(graph).connection, { statuses: false });
    expect(graph.sent().filter((request) => /Configurations\/[^/?]+\?/.test(request))).toEqual([
      `GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG_A}?$expand=assignments`,
      `GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG_B}?$expand=assignments`,
      `GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG_C}?$expand=assignments`,
    ]);
    expect(snapshot.configurations.map((configuration) => [configuration.payload, configuration.assignments.length])).toEqual([['AAEC', 2], ['AwQF', 1], [null, 0]]);
    expect(snapshot.configurations[0]?.deviceStatuses).toBeNull();
  });
});

describe('readTenant: throttling', () => {
  it('waits Retry-After (seconds or an HTTP date) on 429 and backs off on a bare 503, then reads on', async () => {
    const graph = tenant();
    graph.fail(on('GET', '/beta/deviceAppManagement/iosLobAppProvisioningConfigurations'), { kind: 'status', status: 429, headers: { 'Retry-After': '3' } });
    graph.fail(on('GET', '/beta/deviceAppManagement/mobileApps'), { kind: 'status', status: 429, headers: { 'Retry-After': new Date(NOW.getTime() + 7_000).toUTCString() } });
    graph.fail(on('GET', '/beta/deviceManagement/roleScopeTags'), { kind: 'status', status: 503 }, 2);
    const { connection, waits } = connect(graph);
    const snapshot = await readTenant(connection, { statuses: false });
    expect(waits).toEqual([3_000, 7_000, 1_000, 2_000]);
    expect(snapshot.failures.filter((failure) => failure.part !== 'groups')).toEqual([]);
    expect(snapshot.configurations).toHaveLength(3);
    expect(snapshot.apps).toHaveLength(3);
    expect(snapshot.scopeTags['7']).toBe('Field Ops');
  });

  it('retries throttled batch items alone, after their Retry-After, and resolves every name', async () => {
    const graph = tenant();
    graph.groups = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [G(i + 1), `Group ${i + 1}`]));
    graph.configurations = [{ ...tenant().configurations[0]!, assignments: Array.from({ length: 25 }, (_, i) => ({ target: include(G(i + 1)) })) }];
    graph.apps = [];
    graph.throttledGroups.set(G(4), { times: 1, retryAfter: '2' });
    graph.throttledGroups.set(G(22), { times: 2, retryAfter: '5' });
    const { connection, waits } = connect(graph);
    const snapshot = await readTenant(connection, { statuses: false });
    const batches = graph.requests.filter((request) => request.url.endsWith('/v1.0/$batch')).map((request) => (request.body as { requests: { url: string }[] }).requests.map((item) => item.url.slice(8, 44)));
    expect(batches.map((ids) => ids.length)).toEqual([20, 5, 2, 1]);
    expect(batches[2]).toEqual([G(4), G(22)]);
    expect(batches[3]).toEqual([G(22)]);
    expect(waits).toEqual([5_000, 5_000]);
    expect(Object.keys(snapshot.groups)).toHaveLength(25);
    expect(snapshot.groups[G(22)]).toBe('Group 22');
    expect(snapshot.failures).toEqual([]);
  });

  it('gives up after maxRetries with a throttled failure, and when Retry-After asks for longer than it waits', async () => {
    const graph = tenant();
    graph.fail(on('GET', '/beta/deviceManagement/roleScopeTags'), { kind: 'status', status: 429, headers: { 'Retry-After': '1' } }, 10);
    graph.fail(on('GET', '/beta/deviceAppManagement/mobileApps'), { kind: 'status', status: 503, headers: { 'Retry-After': '300' } });
    const { connection, waits } = connect(graph, { maxRetries: 2 });
    const snapshot = await readTenant(connection, { statuses: false });
    expect(waits).toEqual([1_000, 1_000]);
    expect(snapshot.apps).toEqual([]);
    expect(snapshot.failures.map((failure) => [failure.part, failure.code, failure.status])).toEqual([
      ['apps', 'throttled', 503],
      ['scope-tags', 'throttled', 429],
    ]);
    expect(snapshot.failures[0]?.message).toBe(
      `Graph is throttling requests to read the iOS line-of-business apps (503 Service Unavailable, ServiceUnavailable: Scripted failure.) and asks to wait 300 s, longer than ProvLens waits (${MAX_RETRY_WAIT_MS / 1000} s); try again in 5 minute(s).`,
    );
    expect(snapshot.failures[1]?.message).toBe(
      'Graph is still throttling requests to read scope tags (429 Too Many Requests, TooManyRequests: Scripted failure.) after 3 attempt(s), each after the wait it asked for; try again in a few minutes.',
    );
    expect(snapshot.configurations).toHaveLength(3);
  });

  it('reads Retry-After as seconds, an HTTP date from the clock given, or backs off 1, 2, 4 s', () => {
    expect(retryWait('120', 0, NOW)).toBe(120_000);
    expect(retryWait('Mon, 15 Jun 2020 09:00:30 GMT', 3, NOW)).toBe(30_000);
    expect(retryWait('Mon, 15 Jun 2020 08:00:00 GMT', 0, NOW)).toBe(0);
    expect([null, 'soon', ''].map((value, attempt) => retryWait(value, attempt, NOW))).toEqual([1_000, 2_000, 4_000]);
  });
});

describe('readTenant: failures are named and the rest is read', () => {
  it('throws graph-unauthorized on 401 with Graph\'s code, so the view asks to connect again', async () => {
    const graph = tenant();
    graph.fail(on('GET', '/beta/deviceAppManagement/mobileApps'), { kind: 'status', status: 401, message: 'Lifetime validation failed, the token is expired.' });
    const error = await readTenant(connect(graph).connection).catch((caught: unknown) => caught);
    expect(isProvlensError(error) && error.code).toBe('graph-unauthorized');
    expect((error as Error).message).toBe('Microsoft Graph no longer accepts the token (401, InvalidAuthenticationToken: Lifetime validation failed, the token is expired.): it has expired or was revoked. Connect again.');
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('names the missing scope on 403 when the token lacks it, and the Intune role when it has it', async () => {
    const graph = tenant();
    graph.fail(on('GET', '/beta/deviceManagement/roleScopeTags'), { kind: 'status', status: 403, code: 'Forbidden', message: 'Application is not authorized to perform this operation.' });
    graph.fail(on('GET', '/beta/deviceAppManagement/mobileApps'), { kind: 'status', status: 403, message: 'Forbidden.' });
    const token = delegatedToken({ scp: 'DeviceManagementApps.Read.All GroupMember.Read.All' });
    const tokenInfo: TokenInfo = readAccessToken(token, 'global', NOW);
    const snapshot = await readTenant(connect(graph, { tokenInfo }).connection, { statuses: false });
    expect(snapshot.failures.map((failure) => [failure.part, failure.code, failure.status, failure.missingScope])).toEqual([
      ['apps', 'forbidden', 403, 'DeviceManagementApps.Read.All'],
      ['scope-tags', 'forbidden', 403, 'DeviceManagementRBAC.Read.All'],
    ]);
    expect(snapshot.failures[0]?.message).toBe(
      'Graph refused to read the iOS line-of-business apps (403 Forbidden, Forbidden: Forbidden.) although the token has DeviceManagementApps.Read.All: the signed-in user (admin@contoso.onmicrosoft.com) has no Intune role that allows reading apps (e.g. Intune Administrator, Application Manager or Read Only Operator).',
    );
    expect(snapshot.failures[1]?.message).toBe(
      'Graph refused to read scope tags (403 Forbidden, Forbidden: Application is not authorized to perform this operation.): the token lacks DeviceManagementRBAC.Read.All. Sign in again granting it (an administrator must consent to it once), or get a token that has it.',
    );
    // The apps could not be read, so only the configurations' groups are named (G(9) is an app's).
    expect(snapshot.configurations).toHaveLength(3);
    expect(snapshot.groups).toEqual({ [G(1)]: 'Field Users', [G(2)]: 'Pilot Devices', [G(3)]: 'Sales iPads' });
  });

  it('says what a 403 needs when the token cannot be read, and says it once for every group', async () => {
    const graph = tenant();
    const forbidden = { status: 403, headers: {}, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } };
    const batchFetch: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.endsWith('/v1.0/$batch')) {
        const { requests } = JSON.parse(String(init?.body)) as { requests: { id: string }[] };
        return new Response(JSON.stringify({ responses: requests.map((request) => ({ id: request.id, ...forbidden })) }), { status: 200 });
      }
      return graph.fetch(input, init);
    };
    const snapshot = await readTenant(connect(graph, { fetch: batchFetch, tokenInfo: null }).connection, { statuses: false });
    expect(snapshot.groups).toEqual({});
    expect(snapshot.failures).toHaveLength(1);
    expect(snapshot.failures[0]).toMatchObject({ part: 'groups', code: 'forbidden', subject: null, missingScope: 'GroupMember.Read.All' });
    expect(snapshot.failures[0]?.message).toBe(
      'Graph refused to read group names (403 Forbidden, Authorization_RequestDenied: Insufficient privileges to complete the operation.): it needs GroupMember.Read.All in the token and, for a signed-in user, permission to read groups in Microsoft Entra ID (members can by default; guests need e.g. Directory Readers).',
    );
  });

  it('names the host when the network fails, never retries it, and still reads the rest', async () => {
    const graph = tenant();
    graph.fail(on('POST', '/v1.0/$batch'), { kind: 'network', message: 'fetch failed' });
    const { connection, waits } = connect(graph);
    const snapshot = await readTenant(connection, { statuses: false });
    expect(graph.sent().filter((request) => request === 'POST /v1.0/$batch')).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(snapshot.failures).toEqual([
      {
        part: 'groups',
        request: 'POST https://graph.microsoft.com/v1.0/$batch',
        status: null,
        code: 'network',
        message: "Could not reach graph.microsoft.com to read group names (TypeError: fetch failed): the device is offline, a proxy or firewall blocks graph.microsoft.com, or the page's Content-Security-Policy does.",
        missingScope: null,
        subject: null,
      },
    ]);
    expect(snapshot.configurations).toHaveLength(3);
    expect(snapshot.apps).toHaveLength(3);
  });

  it('reads statuses until one is forbidden, then says so once', async () => {
    const graph = tenant();
    graph.fail((method, url) => url.pathname.endsWith('/deviceStatuses'), { kind: 'status', status: 403 }, 10);
    const snapshot = await readTenant(connect(graph, { tokenInfo: null }).connection);
    expect(snapshot.failures.filter((failure) => failure.part === 'statuses').map((failure) => failure.code)).toEqual(['forbidden']);
    expect(snapshot.configurations.every((configuration) => configuration.deviceStatuses === null)).toBe(true);
  });

  it('puts Graph\'s own error code in the sentence for any other 4xx and a 5xx', async () => {
    const graph = tenant();
    graph.fail(on('GET', '/beta/deviceAppManagement/iosLobAppProvisioningConfigurations'), { kind: 'status', status: 400, code: 'BadRequest', message: "Invalid filter clause" });
    graph.fail(on('GET', '/beta/deviceAppManagement/mobileApps'), { kind: 'status', status: 500, code: 'InternalServerError', message: 'An internal server error occurred.' });
    const snapshot = await readTenant(connect(graph).connection, { statuses: false });
    expect(snapshot.failures.slice(0, 2).map((failure) => [failure.code, failure.message])).toEqual([
      ['graph-error', 'Graph refused to read the iOS app provisioning profiles (400 Bad Request, BadRequest: Invalid filter clause).'],
      ['unavailable', 'Graph could not read the iOS line-of-business apps (500 Internal Server Error, InternalServerError: An internal server error occurred.); the service had a problem, try again later.'],
    ]);
  });

  it('never follows an @odata.nextLink off the Graph host', async () => {
    const graph = tenant();
    const hostile: typeof fetch = async (input, init) => {
      const response = await graph.fetch(input, init);
      if (!String(input).includes('roleScopeTags')) return response;
      return new Response(JSON.stringify({ value: [{ id: '0', displayName: 'Default' }], '@odata.nextLink': 'https://evil.example/steal?$skiptoken=1' }), { status: 200 });
    };
    const snapshot = await readTenant(connect(graph, { fetch: hostile }).connection, { statuses: false });
    expect(graph.requests.some((request) => request.url.includes('evil.example'))).toBe(false);
    expect(snapshot.scopeTags).toEqual({ 0: 'Default' });
    expect(snapshot.failures[0]).toMatchObject({ part: 'scope-tags', code: 'bad-response' });
    expect(snapshot.failures[0]?.message).toContain('points away from graph.microsoft.com; it was not followed, so the token stays with Graph');
  });

  it('stops when the read is aborted', async () => {
    const graph = tenant();
    const controller = new AbortController();
    controller.abort(new DOMException('The admin closed the page', 'AbortError'));
    await expect(readTenant(connect(graph, { signal: controller.signal }).connection)).rejects.toThrow('The admin closed the page');
    expect(graph.requests).toEqual([]);
  });
});

describe('readConfiguration', () => {
  it('reads one configuration with its assignments and statuses', async () => {
    const graph = tenant();
    const configuration = await readConfiguration(connect(graph).connection, CONFIG_A);
    expect(graph.sent()[0]).toBe(`GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG_A}?$expand=assignments`);
    expect(configuration).toMatchObject({ id: CONFIG_A, payload: 'AAEC', deviceStatuses: { total: 3 } });
    expect(configuration.assignments).toHaveLength(2);
  });

  it('throws graph-failed with the ReadFailure as its cause', async () => {
    const graph = tenant();
    const error = await readConfiguration(connect(graph).connection, 'deadbeef-0000-4000-8000-000000000000').catch((caught: unknown) => caught);
    expect(isProvlensError(error) && error.code).toBe('graph-failed');
    expect((error as Error).cause).toMatchObject({ part: 'configuration', status: 404, code: 'graph-error', subject: 'deadbeef-0000-4000-8000-000000000000' });
  });
});
