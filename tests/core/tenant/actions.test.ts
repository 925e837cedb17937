// Push to Intune and Renew in place, built by the same intuneJob as `provlens export --format graph` and sent to the
// fake Graph: the exact requests, the id the create returned in the assign URL, retries only where Graph did not act,
// and an audit trail that holds neither the token nor the file.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { isProvlensError } from '../../../core/errors';
import type { IntuneFile } from '../../../core/export';
import { inspectProfile } from '../../../core/inspect';
import { pushJob, renewJob, sendJob } from '../../../core/tenant/actions';
import { tenantBoard } from '../../../core/tenant/board';
import { readConfiguration } from '../../../core/tenant/graph-reader';
import { decodePayloads } from '../../../core/tenant/payloads';
import type { GraphConnection, TenantAppRow } from '../../../core/tenant/types';
import { NOW, appFixtures, type AppFixtures } from '../app/app-fixtures';
import { FakeGraph, exclude, include, on } from './fake-graph';
import { delegatedToken } from './jwt';

const INCLUDE = '0b5f2c1e-4d3a-4e8b-9c7d-000000000021';
const EXCLUDE = '0b5f2c1e-4d3a-4e8b-9c7d-000000000022';
const CONFIG = 'e0000000-0000-4000-8000-000000000001';
const TOKEN = delegatedToken({ scp: 'DeviceManagementApps.ReadWrite.All', exp: Math.floor(NOW.getTime() / 1000) + 3600 });

let f: AppFixtures;
let renewal: IntuneFile;
let expiring: Uint8Array;

const app: Pick<TenantAppRow, 'targets' | 'scopeTags'> = {
  targets: { include: [{ id: INCLUDE, name: 'Field Users' }], exclude: [{ id: EXCLUDE, name: 'Pilot' }], allDevices: false, allUsers: false, filtered: false },
  scopeTags: [{ id: '7', name: 'Field Ops' }],
};

beforeAll(async () => {
  f = await appFixtures();
  const bytes = await f.profile({ uuid: '30000000-0000-4000-8000-000000000001', name: 'Contoso Field In-House 2027' });
  renewal = { bytes, fileName: 'C:\\Downloads\\Contoso_Field_2027.mobileprovision', result: await inspectProfile('Contoso_Field_2027.mobileprovision', bytes, { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 }) };
  expiring = await f.profile({ uuid: '30000000-0000-4000-8000-000000000002', name: 'Contoso Field 2026', expiresAt: new Date('2026-06-20T00:00:00Z') });
}, 120_000);

function tenant(): FakeGraph {
  const graph = new FakeGraph();
  graph.configurations = [{ id: CONFIG, displayName: 'Field 2026', payloadFileName: 'Contoso_Field_2026.mobileprovision', payload: Buffer.from(expiring).toString('base64'), expirationDateTime: '2026-06-20T00:00:00Z', assignments: [{ target: include(INCLUDE) }, { target: exclude(EXCLUDE) }] }];
  return graph;
}

function connect(graph: FakeGraph, waits: number[] = []): GraphConnection {
  return { cloud: 'global', fetch: graph.fetch, token: () => TOKEN, now: () => NOW, sleep: async (ms) => void waits.push(ms) };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('pushJob and renewJob', () => {
  it('push: creates with the app\'s scope tags and assigns to its include and exclusion groups', () => {
    const job = pushJob(app, renewal, { now: NOW });
    expect(job.refused).toEqual([]);
    expect(job.requests.map((request) => [request.step, request.method, request.url])).toEqual([
      ['create', 'POST', 'https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations'],
      ['assign', 'POST', 'https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/{id}/assign'],
    ]);
    expect(job.requests[0]?.body).toMatchObject({ displayName: 'Contoso Field In-House 2027', payloadFileName: 'Contoso_Field_2027.mobileprovision', expirationDateTime: '2027-03-01T00:00:00.000Z', roleScopeTagIds: ['7'] });
    expect(job.requests[1]?.body).toEqual({
      iOSLobAppProvisioningConfigAssignments: [
        { '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfigurationAssignment', target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: INCLUDE } },
        { '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfigurationAssignment', target: { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: EXCLUDE } },
      ],
    });
  });

  it('push: an app on all devices gets the allDevicesAssignmentTarget, and no scope tag means Default', () => {
    const job = pushJob({ targets: { ...app.targets, include: [], exclude: [], allDevices: true }, scopeTags: [] }, renewal, { now: NOW, cloud: 'usgov' });
    expect(job.requests[0]?.url).toBe('https://graph.microsoft.us/beta/deviceAppManagement/iosLobAppProvisioningConfigurations');
    expect(job.requests[0]?.body).toMatchObject({ roleScopeTagIds: ['0'] });
    expect(JSON.stringify(job.requests[1]?.body)).toBe('{"iOSLobAppProvisioningConfigAssignments":[{"@odata.type":"#microsoft.graph.iosLobAppProvisioningConfigurationAssignment","target":{"@odata.type":"#microsoft.graph.allDevicesAssignmentTarget"}}]}');
  });

  it('renew in place: one PATCH of payload, file name and expiry', () => {
    const job = renewJob(CONFIG, renewal, { now: NOW });
    expect(job.requests).toHaveLength(1);
    expect(job.requests[0]?.method).toBe('PATCH');
    expect(Object.keys(job.requests[0]?.body ?? {}).sort()).toEqual(['@odata.type', 'expirationDateTime', 'payload', 'payloadFileName']);
  });

  it('refuses what Intune cannot use, with profileVerdict\'s reasons, and sendJob will not send it', async () => {
    const bytes = await f.profile({ type: 'development', devices: ['00008030-001A2D3E4F5A6B7C'] });
    const development: IntuneFile = { bytes, fileName: 'dev.mobileprovision', result: await inspectProfile('dev.mobileprovision', bytes, { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 }) };
    const job = renewJob(CONFIG, development, { now: NOW });
    expect(job.requests).toEqual([]);
    expect(job.refused[0]?.reasons.map((reason) => reason.code)).toEqual(['not-in-house']);
    const graph = tenant();
    const error = await sendJob(connect(graph), job, 'renew-in-place', development).catch((caught: unknown) => caught);
    expect(isProvlensError(error) && error.code).toBe('invalid-argument');
    expect(graph.requests).toEqual([]);
  });
});

describe('sendJob', () => {
  it('pushes: create, then assign to the id Graph returned; an audit trail with neither token nor file', async () => {
    const graph = tenant();
    const result = await sendJob(connect(graph), pushJob(app, renewal, { now: NOW }), 'push', renewal);
    const created = graph.configurations[1];
    expect(created?.id).toBe('c0ffee00-0000-4000-8000-000000000001');
    expect(graph.sent()).toEqual([
      'POST /beta/deviceAppManagement/iosLobAppProvisioningConfigurations',
      `POST /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${created?.id}/assign`,
    ]);
    expect(created?.payload).toBe(Buffer.from(renewal.bytes).toString('base64'));
    expect(created?.assignments.map((assignment) => assignment.target)).toEqual([
      { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: INCLUDE },
      { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: EXCLUDE },
    ]);
    expect(result.complete).toBe(true);
    expect(result.configurationId).toBe(created?.id);
    expect(result.entries.map((entry) => [entry.method, entry.url, entry.status, entry.ok, entry.response])).toEqual([
      ['POST', 'https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations', 201, true, { id: created?.id }],
      ['POST', `https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${created?.id}/assign`, 204, true, null],
    ]);
    const [create] = result.entries;
    expect(create).toMatchObject({ at: NOW.toISOString(), cloud: 'global', action: 'push', profile: { uuid: '30000000-0000-4000-8000-000000000001', fileName: 'Contoso_Field_2027.mobileprovision', sha256: sha256(renewal.bytes) } });
    expect((create?.body as { payload: unknown }).payload).toEqual({ bytes: renewal.bytes.length, sha256: sha256(renewal.bytes) });
    const trail = JSON.stringify(result.entries);
    expect(trail).not.toContain(TOKEN);
    expect(trail).not.toMatch(/bearer|authorization/i);
    expect(trail).not.toContain(Buffer.from(renewal.bytes).toString('base64').slice(0, 64));
  });

  it('renews in place with one PATCH; re-read, the configuration carries the new file and verdict', async () => {
    const graph = tenant();
    const connection = connect(graph);
    const result = await sendJob(connection, renewJob(CONFIG, renewal, { now: NOW }), 'renew-in-place', renewal);
    expect(graph.sent()).toEqual([`PATCH /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG}`]);
    expect(graph.requests[0]?.body).toEqual({
      '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfiguration',
      payloadFileName: 'Contoso_Field_2027.mobileprovision',
      payload: Buffer.from(renewal.bytes).toString('base64'),
      expirationDateTime: '2027-03-01T00:00:00.000Z',
    });
    expect(result).toMatchObject({ configurationId: CONFIG, complete: true });
    expect(result.entries[0]).toMatchObject({ status: 204, ok: true, response: null, action: 'renew-in-place' });
    const configuration = await readConfiguration(connection, CONFIG);
    expect(configuration.assignments).toHaveLength(2);
    const payloads = await decodePayloads([configuration], { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });
    const board = tenantBoard({ snapshot: { cloud: 'global', readAt: NOW.toISOString(), configurations: [configuration], apps: [], groups: {}, scopeTags: {}, failures: [] }, payloads, library: { profiles: [], apps: [] } }, { now: NOW });
    expect(board.configurations[0]).toMatchObject({ verdict: { status: 'ok', usableByIntune: true }, expiry: { intune: '2027-03-01T00:00:00.000Z', file: '2027-03-01T00:00:00.000Z', agrees: true }, profile: { uuid: '30000000-0000-4000-8000-000000000001' } });
  });

  it('retries a throttled create after Retry-After (Graph did not act on it)', async () => {
    const graph = tenant();
    graph.fail(on('POST', '/beta/deviceAppManagement/iosLobAppProvisioningConfigurations'), { kind: 'status', status: 429, headers: { 'Retry-After': '4' } });
    const waits: number[] = [];
    const result = await sendJob(connect(graph, waits), pushJob(app, renewal, { now: NOW }), 'push', renewal);
    expect(waits).toEqual([4_000]);
    expect(graph.sent().filter((request) => request.endsWith('Configurations'))).toHaveLength(2);
    expect(graph.configurations).toHaveLength(2);
    expect(result.complete).toBe(true);
  });

  it('never repeats a create after a network failure, and stops', async () => {
    const graph = tenant();
    graph.fail(on('POST', '/beta/deviceAppManagement/iosLobAppProvisioningConfigurations'), { kind: 'network', message: 'fetch failed' });
    const waits: number[] = [];
    const result = await sendJob(connect(graph, waits), pushJob(app, renewal, { now: NOW }), 'push', renewal);
    expect(graph.requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(result).toMatchObject({ complete: false, configurationId: null });
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]).toMatchObject({ status: null, ok: false, response: { error: { code: 'network' } } });
    expect((result.entries[0]?.response?.error?.message ?? '')).toContain('Could not reach graph.microsoft.com to change the iOS app provisioning profile');
  });

  it('keeps the created id when the assign fails, names the write scope on 403, and records a 401 instead of losing the trail', async () => {
    const graph = tenant();
    graph.fail((method, url) => method === 'POST' && url.pathname.endsWith('/assign'), { kind: 'status', status: 403, code: 'Forbidden', message: 'Forbidden.' });
    const result = await sendJob(connect(graph), pushJob(app, renewal, { now: NOW }), 'push', renewal);
    expect(result).toMatchObject({ complete: false, configurationId: 'c0ffee00-0000-4000-8000-000000000001' });
    expect(result.entries.map((entry) => [entry.status, entry.ok])).toEqual([[201, true], [403, false]]);
    expect(result.entries[1]?.response?.error).toEqual({
      code: 'Forbidden',
      message: 'Graph refused to change the iOS app provisioning profile (403 Forbidden, Forbidden: Forbidden.): it needs DeviceManagementApps.ReadWrite.All in the token and, for a signed-in user, an Intune role that allows changing apps (e.g. Intune Administrator or Application Manager).',
    });

    const expired = tenant();
    expired.fail(on('PATCH', '/beta/'), { kind: 'status', status: 401 });
    const renewed = await sendJob(connect(expired), renewJob(CONFIG, renewal, { now: NOW }), 'renew-in-place', renewal);
    expect(renewed.complete).toBe(false);
    expect(renewed.entries[0]).toMatchObject({ status: 401, ok: false, response: { error: { code: 'unauthorized' } } });
    expect(renewed.entries[0]?.response?.error?.message).toMatch(/Connect again\.$/);
  });
});
