// `provlens tenant` in-process, against the fake Graph at the real host names with real in-house profiles as the
// payloads (../shared/fixtures), the token handed in through the environment or standard input as a job would.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/provlens';
import type { TenantBoard, TokenInfo } from '../../core/tenant/types';
import { SHARED_FIXTURES, hasSharedFixtures, warnIfSharedFixturesMissing } from '../shared-fixtures';
import { FakeGraph, include, on } from '../core/tenant/fake-graph';
import { NOW, delegatedToken, makeJwt } from '../core/tenant/jwt';
import { CONFIG, TOKEN, realTenant } from '../core/tenant/tenant-fixture';

warnIfSharedFixturesMissing();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function tenant(graph: FakeGraph, argv: string[], source: { env?: string; stdin?: string | null } = { env: TOKEN }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(['tenant', '--now', NOW.toISOString(), ...argv], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    colour: false,
    env: source.env === undefined ? {} : { PROVLENS_GRAPH_TOKEN: source.env },
    readStdin: async () => source.stdin ?? null,
    fetch: graph.fetch,
  });
  return { code, stdout, stderr };
}

// The CLI checks the token's own expiry against the real clock, so its tokens last an hour from now.
const liveToken = (claims: Record<string, unknown> = {}) => delegatedToken({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims });

describe.runIf(hasSharedFixtures)('provlens tenant', () => {
  it('prints the board most urgent first, with what to do, and exits 2 for a stopped app and a tampered profile still assigned', async () => {
    const graph = realTenant();
    const token = liveToken();
    const { code, stdout, stderr } = await tenant(graph, [], { env: token });
    expect(stderr).toBe('');
    expect(code).toBe(2);
    const heads = stdout.split('\n').filter((line) => /^[✗!?✓] /.test(line));
    expect(heads).toEqual([
      '✗ DockDoor  com.mccrearymodern.DockDoor 1.0 (1)',
      '! YT General  com.yitong.general 3.2 (320)',
      '✓ ArtChat  com.yiqi.artchat 1.4 (14)',
      '✓ Field Notes  com.contoso.notes 2.0 (7)',
    ]);
    // When it was read is the real clock; --now judges the profiles.
    expect(stdout).toMatch(/^Intune tenant, Microsoft global \(commercial, including GCC\): read \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    expect(stdout).toContain('  Apps          4 iOS line-of-business apps: 1 stopped, 1 within 30 days, 2 OK');
    expect(stdout).toContain('  Token         delegated, admin@contoso.onmicrosoft.com via Graph Explorer: read only, expires ');
    expect(stdout).toContain('  Stops         on 2020-07-03 02:02 UTC (17 days left) — the pushed profile');
    expect(stdout).toContain('  What to do    Create a new in-house profile for 65YG889FGF.com.yitong.* in Apple Developer, download it and add it to the library: YT General stops launching on 2020-07-03 02:02 UTC (17 days left), and the library holds no newer profile Intune can use for it.');
    expect(stdout).toContain('  Profiles      "ArtChat 2020": OK, reaches all of its groups, until 2020-12-25 09:55 UTC (193 days left)');
    expect(stdout).toContain('                "ArtChat (edited)": Tampered, reaches all of its groups, until 2020-12-25 09:55 UTC (193 days left)');
    expect(stdout).toContain('    error   "ArtChat (edited)" is tampered and still assigned to all devices: The file was changed after Apple signed it, so devices refuse it.');
    expect(stdout).toContain('"Broken upload": Unreadable — Graph returned no payload for this configuration, so the file Intune pushes cannot be checked; assigned to Sales iPads');
    expect(stdout).toContain('"YT General 2019": Expiring soon — 65YG889FGF.com.yitong.*, expires 2020-07-03 02:02 UTC; assigned to Field Users; excluding Pilot Devices; 3 devices (2 compliant, 1 error)');
    expect(stdout).not.toContain(token);
    expect(graph.requests.every((request) => request.authorization === `Bearer ${token}`)).toBe(true);
  });

  it('--json gives the board and what the token allows, never the token', async () => {
    const graph = realTenant();
    const token = liveToken();
    const { code, stdout } = await tenant(graph, ['--json'], { env: token });
    expect(code).toBe(2);
    expect(stdout).not.toContain(token);
    expect(stdout).not.toContain(token.split('.')[1] ?? 'x');
    const { token: info, board } = JSON.parse(stdout) as { token: TokenInfo; board: TenantBoard };
    expect(info).toMatchObject({ kind: 'delegated', access: 'read', user: 'admin@contoso.onmicrosoft.com', audienceCloud: 'global' });
    expect(board.rows.map((row) => [row.name, row.state, row.action.kind])).toEqual([
      ['DockDoor', 'stopped', 'get-renewal'],
      ['YT General', 'within', 'get-renewal'],
      ['ArtChat', 'ok', 'none'],
      ['Field Notes', 'ok', 'none'],
    ]);
    expect(board.exitCode).toBe(2);
    expect(board.problems.find((problem) => problem.configurationId === CONFIG.edited)?.code).toBe('configuration-not-usable-but-assigned');
  });

  it('reads the token from standard input, and exits 1 when the worst is an app within the window', async () => {
    const graph = realTenant();
    graph.configurations = graph.configurations.filter((c) => c.id === CONFIG.yitong || c.id === CONFIG.artchat);
    graph.apps = graph.apps.filter((app) => app.id === 'app-yt' || app.id === 'app-artchat');
    const { code, stdout } = await tenant(graph, ['--json'], { stdin: `Bearer ${liveToken()}\n` });
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { board: TenantBoard }).board.counts).toMatchObject({ apps: 2, within: 1, ok: 1 });
    const wide = await tenant(graph, ['--json', '--warn-days', '10'], { stdin: liveToken() });
    expect(wide.code).toBe(0);
  });

  it('takes library files: an app\'s .ipa makes its certificate known, and an ended certificate means re-sign', async () => {
    const graph = realTenant();
    graph.apps.push({ id: 'app-demo', displayName: 'AppInfo Demo', bundleId: 'com.icyleaf.AppInfoDemo', versionNumber: '1.2.3', buildNumber: '5', expirationDateTime: '2021-01-01T00:00:00Z', assignments: [{ intent: 'required', target: include('0b5f2c1e-4d3a-4e8b-9c7d-000000000001') }] });
    const { stdout } = await tenant(graph, ['--json', join(SHARED_FIXTURES, 'ipa/appinfo_iphone.ipa')], { env: liveToken() });
    const demo = (JSON.parse(stdout) as { board: TenantBoard }).board.rows.find((row) => row.id === 'app-demo');
    expect(demo?.certificate).toMatchObject({ known: true, commonName: 'iPhone Developer: Yi Xiao (54P9L43M84)' });
    expect(demo?.libraryApp?.fileName).toBe(join(SHARED_FIXTURES, 'ipa/appinfo_iphone.ipa'));
    expect(demo?.libraryApp?.check.canKeepAlive).toBe(false);
    expect(demo).toMatchObject({ state: 'stopped', stopsLaunchingBecause: 'certificate', action: { kind: 're-sign' } });
    expect(demo?.problems.map((problem) => problem.code)).toContain('certificate-ends');
  });
});

describe('provlens tenant: the token', () => {
  it('asks for a token when none is given (usage, 64), and never takes one as an argument or echoes it', async () => {
    const graph = new FakeGraph();
    const none = await tenant(graph, [], {});
    expect(none.code).toBe(64);
    expect(none.stderr).toContain('no access token: set PROVLENS_GRAPH_TOKEN or pipe the token on standard input');
    const token = liveToken();
    const argument = await tenant(graph, [token], { env: token });
    expect(argument.code).toBe(64);
    expect(argument.stderr).toContain('an access token is never taken as an argument');
    expect(argument.stderr + argument.stdout).not.toContain(token);
    expect(graph.requests).toEqual([]);
  });

  it('refuses garbage, an expired token and one for another cloud with one sentence, exit 2, before any request', async () => {
    const graph = new FakeGraph();
    const garbage = await tenant(graph, [], { env: 'hello' });
    expect(garbage).toMatchObject({ code: 2, stdout: '' });
    expect(garbage.stderr).toBe('provlens: PROVLENS_GRAPH_TOKEN does not hold a usable access token. That is not an access token: tokens are long strings of letters, digits and - _ . characters (most start with "eyJ").\n');
    const expired = await tenant(graph, [], { env: delegatedToken({ exp: 1_592_200_000 }) });
    expect(expired.code).toBe(2);
    expect(expired.stderr).toBe('provlens: This token expired on 2020-06-15 05:46 UTC; get a new one (Graph Explorer issues tokens that last about an hour).\n');
    const usgov = await tenant(graph, [], { env: liveToken({ aud: 'https://graph.microsoft.us' }) });
    expect(usgov.code).toBe(2);
    expect(usgov.stderr).toMatch(/^provlens: This token is for US Government L4 \(GCC High\) \(graph\.microsoft\.us\), not Microsoft global/);
    expect(graph.requests).toEqual([]);
  });

  it('says in one sentence that Graph refused the token (401), exit 2', async () => {
    const graph = realTenant();
    graph.fail(on('GET', '/beta/'), { kind: 'status', status: 401, message: 'Access token has expired or is not yet valid.' });
    const token = makeJwt({ aud: 'https://graph.microsoft.com', scp: 'DeviceManagementApps.Read.All', exp: Math.floor(Date.now() / 1000) + 600 });
    const { code, stdout, stderr } = await tenant(graph, [], { env: token });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('provlens: Microsoft Graph no longer accepts the token (401, InvalidAuthenticationToken: Access token has expired or is not yet valid.): it has expired or was revoked. Connect again.\n');
  });

  it('rejects an unknown cloud as usage', async () => {
    const { code, stderr } = await tenant(new FakeGraph(), ['--cloud', 'mars']);
    expect(code).toBe(64);
    expect(stderr).toContain('--cloud must be one of global, usgov, dod, china, got "mars"');
  });
});
