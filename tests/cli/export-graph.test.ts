// `provlens export --format graph`: the whole Intune job from the command line, on profiles made by the test factory
// (and the real shared in-house profiles when present). Refusals come from profileVerdict; IDs are checked as GUIDs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProfile, sharedTestPki } from '../fixtures/factory';
import { SHARED_FIXTURES, hasSharedFixtures } from '../shared-fixtures';
import { runCli } from './run-cli';

const CREATED = new Date('2026-01-10T08:00:00Z');
const EXPIRES = new Date('2027-01-10T08:00:00Z');
const MID_LIFE = '2026-06-01T00:00:00Z';
const INCLUDE = '0b5f2c1e-4d3a-4e8b-9c7d-6a5b4c3d2e1f';
const EXCLUDE = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const CONFIG = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const US_GOV_ROOT = 'https://graph.microsoft.us/beta/deviceAppManagement/iosLobAppProvisioningConfigurations';

interface Request {
  step: string;
  method: string;
  url: string;
  body: Record<string, unknown>;
  file: string;
  idFrom?: number;
  notUsable?: { code: string; message: string }[];
}

let dir: string;
let trust: string[];
const path = (name: string) => join(dir, name);

const run = runCli;

const graph = (...argv: string[]) => run('export', '--format', 'graph', '--now', MID_LIFE, ...trust, ...argv);

beforeAll(async () => {
  const pki = await sharedTestPki();
  trust = pki.trustedCaSha256.flatMap((pin) => ['--trust-ca', pin]);
  dir = mkdtempSync(join(tmpdir(), 'provlens-graph-'));
  const base = { createdAt: CREATED, expiresAt: EXPIRES, derCopy: 'consistent' } as const;
  writeFileSync(path('inhouse.mobileprovision'), await makeProfile(pki, { ...base, type: 'enterprise', name: 'Field App In-House' }));
  writeFileSync(path('development.mobileprovision'), await makeProfile(pki, { ...base, type: 'development', devices: ['00008030-000A1B2C3D4E5F60'] }));
  writeFileSync(path('expired.mobileprovision'), await makeProfile(pki, { ...base, type: 'enterprise', createdAt: new Date('2025-01-10T08:00:00Z'), expiresAt: new Date('2026-01-10T08:00:00Z') }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export --format graph', () => {
  it('done-when: an in-house profile for US Government names only graph.microsoft.us, the scope tag, the include and exclusion targets and an assign request', async () => {
    const { code, stdout, stderr } = await graph('--json', '--cloud', 'usgov', '--scope-tag', '5', '--include-group', INCLUDE, '--exclude-group', EXCLUDE, path('inhouse.mobileprovision'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const requests = JSON.parse(stdout) as Request[];
    expect(requests.map((request) => [request.step, request.method, request.url])).toEqual([
      ['create', 'POST', US_GOV_ROOT],
      ['assign', 'POST', `${US_GOV_ROOT}/{id}/assign`],
    ]);
    expect(requests[1]?.idFrom).toBe(0);
    expect(requests[0]?.body).toMatchObject({ displayName: 'Field App In-House', roleScopeTagIds: ['5'], payloadFileName: 'inhouse.mobileprovision' });
    expect(Buffer.from(String(requests[0]?.body.payload), 'base64').equals(readFileSync(path('inhouse.mobileprovision')))).toBe(true);
    expect(requests[1]?.body).toEqual({
      iOSLobAppProvisioningConfigAssignments: [
        { '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfigurationAssignment', target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: INCLUDE } },
        { '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfigurationAssignment', target: { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: EXCLUDE } },
      ],
    });
    const hosts = new Set([...stdout.matchAll(/https:\/\/([a-z0-9.-]+)/g)].map((match) => match[1]));
    expect([...hosts]).toEqual(['graph.microsoft.us']);
  });

  it('done-when: a development profile and an expired in-house one are refused with their reason, exit 2, no request', async () => {
    for (const [file, reason] of [['development.mobileprovision', 'A development profile'], ['expired.mobileprovision', 'stopped launching on 2026-01-10']] as const) {
      const { code, stdout, stderr } = await graph('--json', '--include-group', INCLUDE, path(file));
      expect(code, file).toBe(2);
      expect(stdout, file).toBe('');
      expect(stderr, file).toContain(`${path(file)}: Intune cannot use it`);
      expect(stderr, file).toContain(reason);
    }
  });

  it('--force writes a refused profile anyway, with the reasons in the JSON and as script comments', async () => {
    const json = await graph('--json', '--force', path('expired.mobileprovision'));
    expect(json.code).toBe(0);
    const requests = JSON.parse(json.stdout) as Request[];
    expect(requests.map((request) => request.notUsable?.map((reason) => reason.code))).toEqual([['expired']]);
    const human = await graph('--force', path('expired.mobileprovision'));
    expect(human.stdout).toMatch(/# WARNING \(written anyway with --force\): Apps using it stopped launching on 2026-01-10/);
  });

  it('exports the usable profiles of a batch and still exits 2 for the refused one', async () => {
    const { code, stdout, stderr } = await graph('--json', path('inhouse.mobileprovision'), path('development.mobileprovision'));
    expect(code).toBe(2);
    expect((JSON.parse(stdout) as Request[]).map((request) => request.file)).toEqual([path('inhouse.mobileprovision')]);
    expect(stderr).toContain('development.mobileprovision: Intune cannot use it');
  });

  it('--update renews the configuration in place: one PATCH, no assignment', async () => {
    const { code, stdout } = await graph('--json', '--cloud', 'dod', '--update', CONFIG, path('inhouse.mobileprovision'));
    expect(code).toBe(0);
    const requests = JSON.parse(stdout) as Request[];
    expect(requests.map((request) => [request.method, request.url])).toEqual([
      ['PATCH', `https://dod-graph.microsoft.us/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG}`],
    ]);
    expect(Object.keys(requests[0]?.body ?? {}).sort()).toEqual(['@odata.type', 'expirationDateTime', 'payload', 'payloadFileName']);
  });

  it('the human form shows the HTTP calls and a PowerShell script for the chosen cloud, with no placeholder when all IDs are given', async () => {
    const { code, stdout } = await graph('--cloud', 'china', '--include-group', INCLUDE, path('inhouse.mobileprovision'));
    expect(code).toBe(0);
    expect(stdout).toContain('POST https://microsoftgraph.chinacloudapi.cn/beta/deviceAppManagement/iosLobAppProvisioningConfigurations\n');
    expect(stdout).toContain("$ErrorActionPreference = 'Stop'\n");
    expect(stdout).toContain("Connect-MgGraph -Environment China -Scopes 'DeviceManagementApps.ReadWrite.All'\n");
    expect(stdout).toContain('.Replace(\'{id}\', $created0.id)');
    const script = stdout.slice(stdout.indexOf('# Intune > Apps'));
    expect(script).not.toMatch(/<[A-Z-]+>|TODO|EDIT/);
  });

  it('bad IDs, a bad cloud and misplaced flags are usage errors (64)', async () => {
    const cases = [
      ['--include-group', 'Sales'],
      ['--exclude-group', '1234'],
      ['--scope-tag', 'Default'],
      ['--update', 'abc'],
      ['--update', CONFIG, '--include-group', INCLUDE],
      ['--cloud', 'mars'],
    ];
    for (const flags of cases) {
      const { code, stdout, stderr } = await graph(...flags, path('inhouse.mobileprovision'));
      expect(code, flags.join(' ')).toBe(64);
      expect(stdout, flags.join(' ')).toBe('');
      expect(stderr, flags.join(' ')).not.toBe('');
    }
    expect((await run('export', '--format', 'csv', '--cloud', 'usgov', path('inhouse.mobileprovision'))).code).toBe(64);
    expect((await graph('--update', CONFIG, path('inhouse.mobileprovision'), path('inhouse.mobileprovision'))).code).toBe(64);
  });
});

describe.runIf(hasSharedFixtures)('export --format graph on real in-house profiles', () => {
  const demo = join(SHARED_FIXTURES, 'profiles/appinfo_embedded.ipa_enterprise_2021_Demo_embedded.mobileprovision');

  it('refuses an expired real in-house profile today, and exports it with --now inside its validity window', async () => {
    const today = await run('export', '--format', 'graph', '--json', demo);
    expect(today.code).toBe(2);
    expect(today.stderr).toContain('stopped launching on 2022-01-15');
    const inWindow = await run('export', '--format', 'graph', '--json', '--cloud', 'usgov', '--now', '2021-06-01T00:00:00Z', '--include-group', INCLUDE, demo);
    expect(inWindow.code).toBe(0);
    const requests = JSON.parse(inWindow.stdout) as Request[];
    expect(requests.map((request) => request.step)).toEqual(['create', 'assign']);
    expect(requests[0]?.body.expirationDateTime).toBe('2022-01-15T06:40:53.000Z');
    expect(Buffer.from(String(requests[0]?.body.payload), 'base64').equals(readFileSync(demo))).toBe(true);
  });
});
