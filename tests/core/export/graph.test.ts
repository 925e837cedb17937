import { describe, expect, it } from 'vitest';
import { isProvlensError } from '../../../core/errors';
import { CLOUDS, CREATED_ID, intuneJob, isGuid, isScopeTagId, toBase64, type IntuneFile, type IntuneJobOptions } from '../../../core/export';
import type { ProfileResult } from '../../../core/types';
import { NOW, buildResult } from '../profile-builder';

const INCLUDE = '0b5f2c1e-4d3a-4e8b-9c7d-6a5b4c3d2e1f';
const EXCLUDE = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const CONFIG = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';

function bytesOf(length: number): Uint8Array {
  // A fixed pseudo-random pattern covering all 256 byte values, so a wrong chunk boundary or sign bug shows.
  return Uint8Array.from({ length }, (_, index) => (index * 131 + (index >> 8) * 7) & 0xff);
}

const file = (result: ProfileResult = buildResult(), fileName = 'C:\\Users\\admin\\Downloads\\Example_InHouse.mobileprovision'): IntuneFile => ({
  result,
  bytes: bytesOf(7_001),
  fileName,
});

const job = (files: IntuneFile[], options: IntuneJobOptions = {}) => intuneJob(files, { now: NOW, ...options });

function codeOf(action: () => unknown): string | null {
  try {
    action();
  } catch (error) {
    return isProvlensError(error) ? error.code : 'not a ProvlensError';
  }
  return null;
}

describe('toBase64', () => {
  it('matches RFC 4648 test vectors, padding included', () => {
    const ascii = (text: string) => new TextEncoder().encode(text);
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((text) => toBase64(ascii(text)))).toEqual([
      '', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy',
    ]);
  });

  it('decodes back to the same bytes across chunk boundaries', () => {
    for (const length of [1, 0x8000 - 1, 0x8000, 0x8000 + 1, 3 * 0x8000 + 2, 200_003]) {
      const bytes = bytesOf(length);
      const encoded = toBase64(bytes);
      expect(encoded, String(length)).toBe(Buffer.from(bytes).toString('base64'));
      expect(Buffer.from(encoded, 'base64').equals(bytes), String(length)).toBe(true);
    }
  });
});

describe('intuneJob: create and assign', () => {
  it('creates the iosLobAppProvisioningConfiguration from the whole file, then assigns include and exclusion groups to its id', () => {
    const { requests, refused, scope } = job([file()], { includeGroupIds: [INCLUDE], excludeGroupIds: [EXCLUDE], scopeTagIds: ['7'] });
    expect(refused).toEqual([]);
    expect(scope).toBe('DeviceManagementApps.ReadWrite.All');
    expect(requests.map((request) => [request.step, request.method, request.url])).toEqual([
      ['create', 'POST', 'https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations'],
      ['assign', 'POST', `https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CREATED_ID}/assign`],
    ]);
    const [create, assign] = requests;
    if (create?.step !== 'create' || assign?.step !== 'assign') throw new Error('create then assign expected');
    const { payload, ...rest } = create.body;
    expect(rest).toEqual({
      '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfiguration',
      displayName: 'Example In-House',
      description:
        'ABCDE12345.com.example.app, Example Corp (ABCDE12345), expires 2027-01-15 09:30 UTC, UUID 0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098. Prepared with ProvLens.',
      payloadFileName: 'Example_InHouse.mobileprovision',
      expirationDateTime: '2027-01-15T09:30:00.000Z',
      roleScopeTagIds: ['7'],
    });
    expect(new Uint8Array(Buffer.from(payload, 'base64'))).toEqual(bytesOf(7_001));
    expect(assign.idFrom).toBe(0);
    expect(assign.body).toEqual({
      iOSLobAppProvisioningConfigAssignments: [
        { '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfigurationAssignment', target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: INCLUDE } },
        { '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfigurationAssignment', target: { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: EXCLUDE } },
      ],
    });
    // The bodies are what gets sent: they must survive JSON unchanged.
    expect(JSON.parse(JSON.stringify(requests)) as unknown).toEqual(requests);
  });

  it('assigns to all devices and all users with the documented targets, before the groups', () => {
    const { requests } = job([file()], { allDevices: true, allUsers: true, excludeGroupIds: [EXCLUDE] });
    const assign = requests[1];
    if (assign?.step !== 'assign') throw new Error('an assign request expected');
    expect(assign.body.iOSLobAppProvisioningConfigAssignments.map((item) => item.target)).toEqual([
      { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' },
      { '@odata.type': '#microsoft.graph.allLicensedUsersAssignmentTarget' },
      { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: EXCLUDE },
    ]);
    expect(job([file()], { allUsers: true }).requests.map((request) => request.step)).toEqual(['create', 'assign']);
  });

  it('defaults to the Default scope tag, the profile name, and no assign request without groups', () => {
    const { requests } = job([file(buildResult({ name: null }), 'renewal/2027.mobileprovision')]);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toMatchObject({ displayName: '2027.mobileprovision', roleScopeTagIds: ['0'] });
  });

  it('with several files, one create (and assign) per file, each assign naming its own create', () => {
    const other = buildResult({ name: 'Widget', uuid: '99999999-2222-4333-8444-555555555555' }, {}, 'Widget.mobileprovision');
    const { requests } = job([file(), file(other, 'Widget.mobileprovision')], { displayName: 'Demo app', includeGroupIds: [INCLUDE] });
    expect(requests.map((request) => `${request.step}:${request.step === 'assign' ? request.idFrom : '-'}`)).toEqual(['create:-', 'assign:0', 'create:-', 'assign:2']);
    expect(requests.filter((request) => request.step === 'create').map((request) => request.body.displayName)).toEqual(['Demo app (Example In-House)', 'Demo app (Widget)']);
  });

  it('uses each cloud\'s own Graph host and nothing else', () => {
    const hosts = { global: 'graph.microsoft.com', usgov: 'graph.microsoft.us', dod: 'dod-graph.microsoft.us', china: 'microsoftgraph.chinacloudapi.cn' } as const;
    for (const [cloud, host] of Object.entries(hosts) as [keyof typeof hosts, string][]) {
      const result = job([file()], { cloud, includeGroupIds: [INCLUDE] });
      expect(result.cloud).toBe(CLOUDS[cloud]);
      expect(result.requests.map((request) => new URL(request.url.replace(CREATED_ID, 'x')).host)).toEqual([host, host]);
    }
    expect(Object.values(CLOUDS).map((cloud) => cloud.powerShellEnvironment)).toEqual(['Global', 'USGov', 'USGovDoD', 'China']);
    // Sign-in hosts (Microsoft Entra "National clouds"): both US Government clouds sign in at .us.
    expect(Object.values(CLOUDS).map((cloud) => cloud.signInRoot)).toEqual([
      'https://login.microsoftonline.com',
      'https://login.microsoftonline.us',
      'https://login.microsoftonline.us',
      'https://login.partner.microsoftonline.cn',
    ]);
    // 21Vianet's older sign-in name is still documented (Graph's national cloud page); the CSP allows it too.
    expect(Object.values(CLOUDS).map((cloud) => cloud.signInAliases)).toEqual([[], [], [], ['https://login.chinacloudapi.cn']]);
  });
});

describe('intuneJob: renew in place', () => {
  it('PATCHes payload, file name and expiry of the existing configuration and leaves its assignments alone', () => {
    const { requests } = job([file()], { updateConfigurationId: CONFIG, cloud: 'usgov' });
    expect(requests).toHaveLength(1);
    const [update] = requests;
    expect(update?.method).toBe('PATCH');
    expect(update?.url).toBe(`https://graph.microsoft.us/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG}`);
    expect(Object.keys(update?.body ?? {}).sort()).toEqual(['@odata.type', 'expirationDateTime', 'payload', 'payloadFileName']);
  });

  it('changes name, description and scope tags only when asked', () => {
    const { requests } = job([file()], { updateConfigurationId: CONFIG, displayName: 'Renamed', description: 'Renewed 2027', scopeTagIds: ['3', '3'] });
    expect(requests[0]?.body).toMatchObject({ displayName: 'Renamed', description: 'Renewed 2027', roleScopeTagIds: ['3'] });
  });
});

describe('intuneJob: refusal', () => {
  it('refuses, with profileVerdict\'s reasons, a development profile and an expired in-house one', () => {
    const development = buildResult({ type: 'development', provisionsAllDevices: false, devices: ['00008030-000A1B2C3D4E5F60'] }, {}, 'dev.mobileprovision');
    const expired = buildResult({ expiresAt: '2026-05-01T00:00:00.000Z' }, {}, 'old.mobileprovision');
    const result = job([file(development), file(expired), file()], { includeGroupIds: [INCLUDE] });
    expect(result.refused.map(({ file: name, reasons }) => [name, reasons.map((reason) => reason.code)])).toEqual([
      ['dev.mobileprovision', ['not-in-house']],
      ['old.mobileprovision', ['expired']],
    ]);
    expect(result.requests.map((request) => request.file)).toEqual(['Example_InHouse.mobileprovision', 'Example_InHouse.mobileprovision']);
  });

  it('refuses macOS, non-Apple and tampered files', () => {
    const cases: [ProfileResult, string][] = [
      [buildResult({ platforms: ['OSX'], type: 'developer-id' }), 'not-ios'],
      [buildResult({}, { status: 'untrusted', reason: 'test CA' }), 'not-apple-signed'],
      [buildResult({}, { status: 'invalid' }), 'signature-invalid'],
    ];
    for (const [result, code] of cases) expect(job([file(result)]).refused[0]?.reasons.map((reason) => reason.code)).toContain(code);
  });

  it('--force writes it anyway, each request carrying the reasons', () => {
    const expired = buildResult({ expiresAt: '2026-05-01T00:00:00.000Z' });
    const { requests, refused } = job([file(expired)], { force: true, includeGroupIds: [INCLUDE] });
    expect(refused).toEqual([]);
    expect(requests.map((request) => request.notUsable?.map((reason) => reason.code))).toEqual([['expired'], ['expired']]);
  });
});

describe('intuneJob: arguments', () => {
  it('accepts GUIDs and whole-number scope tags only', () => {
    expect(isGuid(INCLUDE)).toBe(true);
    expect(isGuid(INCLUDE.toUpperCase())).toBe(true);
    expect(isGuid('{0b5f2c1e-4d3a-4e8b-9c7d-6a5b4c3d2e1f}')).toBe(false);
    expect(isGuid('0b5f2c1e4d3a4e8b9c7d6a5b4c3d2e1f')).toBe(false);
    expect(isScopeTagId('0')).toBe(true);
    expect(isScopeTagId('Default')).toBe(false);
  });

  it('rejects bad IDs and combinations with invalid-argument', () => {
    const bad: IntuneJobOptions[] = [
      { includeGroupIds: ['Sales team'] },
      { excludeGroupIds: ['1234'] },
      { scopeTagIds: ['Default'] },
      { includeGroupIds: [INCLUDE], excludeGroupIds: [INCLUDE.toUpperCase()] },
      { updateConfigurationId: 'not-a-guid' },
      { updateConfigurationId: CONFIG, includeGroupIds: [INCLUDE] },
      { updateConfigurationId: CONFIG, allDevices: true },
    ];
    for (const options of bad) expect(codeOf(() => job([file()], options)), JSON.stringify(options)).toBe('invalid-argument');
    expect(codeOf(() => job([file(), file()], { updateConfigurationId: CONFIG }))).toBe('invalid-argument');
  });

  it('refuses a result with no readable profile or no expiry with not-a-profile', () => {
    const failed: ProfileResult = { ...buildResult(), ok: false, profile: null, signature: null, error: { code: 'malformed-cms', message: 'x' } };
    expect(codeOf(() => job([file(failed)]))).toBe('not-a-profile');
    expect(codeOf(() => job([file(buildResult({ expiresAt: null }))]))).toBe('not-a-profile');
  });
});
