// The CLI through its testable main(argv, io) on synthetic files written to a temp dir (and the real fixtures when
// present); one test spawns the real process to prove the wiring (argv, stdout, exit code) end to end.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/provlens';
import { wantsColour } from '../../cli/style';
import { codeSigningIdentity, makeApp } from '../fixtures/app-factory';
import { makeProfile, sharedTestPki, type TestPki } from '../fixtures/factory';
import { SHARED_FIXTURES, hasSharedFixtures, readSharedJson, warnIfSharedFixturesMissing } from '../shared-fixtures';
import { runCli } from './run-cli';

const CREATED = new Date('2026-01-10T08:00:00Z');
const EXPIRES = new Date('2027-01-10T08:00:00Z');
const MID_LIFE = '2026-06-01T00:00:00Z';
const TEN_DAYS_LEFT = '2026-12-31T08:00:00Z';
const AFTER_EXPIRY = '2027-01-10T08:00:01Z';
const UUID_HEALTHY = '11111111-2222-4333-8444-555555555555';
const UUID_RENEWED = '66666666-7777-4888-9999-aaaaaaaaaaaa';

let pki: TestPki;
let dir: string;
let trust: string[];
const path = (name: string) => join(dir, name);

const run = runCli;

async function runJson<T = Record<string, unknown>[]>(...argv: string[]): Promise<{ code: number; json: T }> {
  const { code, stdout } = await run(...argv);
  return { code, json: JSON.parse(stdout) as T };
}

beforeAll(async () => {
  warnIfSharedFixturesMissing();
  pki = await sharedTestPki();
  trust = pki.trustedCaSha256.flatMap((pin) => ['--trust-ca', pin]);
  dir = mkdtempSync(join(tmpdir(), 'provlens-cli-'));
  const base = { type: 'enterprise', createdAt: CREATED, expiresAt: EXPIRES, derCopy: 'consistent' } as const;
  writeFileSync(path('healthy.mobileprovision'), await makeProfile(pki, { ...base, uuid: UUID_HEALTHY }));
  writeFileSync(path('broken.mobileprovision'), new TextEncoder().encode('not a profile'));
  mkdirSync(path('folder/nested'), { recursive: true });
  writeFileSync(path('folder/b.mobileprovision'), await makeProfile(pki, { ...base, uuid: UUID_HEALTHY }));
  writeFileSync(path('folder/nested/a.provisionprofile'), await makeProfile(pki, { ...base, uuid: UUID_RENEWED }));
  writeFileSync(path('folder/notes.txt'), 'ignored');
  writeFileSync(path('renewed.mobileprovision'), await makeProfile(pki, {
    ...base, uuid: UUID_RENEWED, createdAt: new Date('2026-12-01T00:00:00Z'), expiresAt: new Date('2027-12-01T00:00:00Z'),
    entitlements: { 'com.apple.security.application-groups': ['group.com.example.provlens'] },
  }));
  const app = (profile: Uint8Array) => makeApp({
    bundles: [{
      path: 'Payload/Demo.app/', bundleId: 'com.example.provlens', profile,
      executableContent: {
        slices: ['arm64'],
        signature: { signer: codeSigningIdentity(pki, pki.developerCertificate), identifier: 'com.example.provlens', teamId: 'TESTTEAM01' },
      },
    }],
  });
  writeFileSync(path('Demo.ipa'), await app(await makeProfile(pki, { ...base, uuid: UUID_HEALTHY })));
  const share = { path: 'Payload/Demo.app/PlugIns/Share.appex/', bundleId: 'com.example.provlens.share', executable: 'Share' };
  const signed = (identifier: string) => ({
    slices: ['arm64'] as const,
    signature: { signer: codeSigningIdentity(pki, pki.developerCertificate), identifier, teamId: 'TESTTEAM01' },
  });
  writeFileSync(path('WithExtension.ipa'), await makeApp({
    bundles: [
      { path: 'Payload/Demo.app/', bundleId: 'com.example.provlens', profile: await makeProfile(pki, base), executableContent: signed('com.example.provlens') },
      { ...share, profile: await makeProfile(pki, { ...base, bundleId: share.bundleId }), executableContent: signed(share.bundleId) },
    ],
  }));
  const renewal = { ...base, createdAt: new Date('2026-12-01T00:00:00Z'), expiresAt: new Date('2027-12-01T00:00:00Z') };
  writeFileSync(path('renew-app.mobileprovision'), await makeProfile(pki, renewal));
  writeFileSync(path('renew-share.mobileprovision'), await makeProfile(pki, { ...renewal, bundleId: share.bundleId }));
  writeFileSync(path('development.mobileprovision'), await makeProfile(pki, { ...base, type: 'development', devices: ['00008030-001A2D3E4F5A6B7C'] }));
  writeFileSync(path('Capable.ipa'), await makeApp({
    bundles: [{
      path: 'Payload/Demo.app/', bundleId: 'com.example.provlens', profile: await makeProfile(pki, { ...base, uuid: UUID_HEALTHY }),
      resources: { 'Assets.car': new TextEncoder().encode('assets') },
      executableContent: {
        slices: ['arm64'],
        signature: {
          signer: codeSigningIdentity(pki, pki.developerCertificate), identifier: 'com.example.provlens', teamId: 'TESTTEAM01',
          entitlements: { 'get-task-allow': false, 'com.apple.developer.healthkit': true },
        },
      },
    }],
  }));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROFILE_KEYS = [
  'name', 'uuid', 'appIdName', 'teamId', 'teamName', 'applicationIdentifier', 'bundleId', 'wildcard', 'platforms', 'type',
  'createdAt', 'expiresAt', 'timeToLive', 'provisionsAllDevices', 'devices', 'getTaskAllow', 'apsEnvironment',
  'entitlements', 'certificates', 'derProfile',
];
const CERTIFICATE_KEYS = ['commonName', 'teamId', 'serialNumber', 'issuer', 'notBefore', 'notAfter', 'sha1', 'sha256'];
const SIGNATURE_KEYS = ['status', 'signer', 'chain', 'signedAt', 'signerValidNow', 'reason'];
const DER_KEYS = ['present', 'signature', 'distributionType', 'consistent', 'mismatches'];
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('provlens inspect --json', () => {
  it('prints one object per file with every key of the contract', async () => {
    const { code, json } = await runJson('inspect', '--json', '--now', MID_LIFE, ...trust, path('healthy.mobileprovision'));
    expect(code).toBe(0);
    expect(json).toHaveLength(1);
    const [result] = json as { profile: Record<string, unknown> & { certificates: Record<string, unknown>[]; derProfile: object }; signature: object }[];
    expect(Object.keys(result ?? {})).toEqual(expect.arrayContaining(['file', 'kind', 'ok', 'error', 'profile', 'signature', 'findings']));
    expect(result).toMatchObject({ file: path('healthy.mobileprovision'), kind: 'profile', ok: true, error: null, findings: [] });
    expect(Object.keys(result?.profile ?? {})).toEqual(expect.arrayContaining(PROFILE_KEYS));
    expect(Object.keys(result?.profile.certificates[0] ?? {})).toEqual(expect.arrayContaining(CERTIFICATE_KEYS));
    expect(Object.keys(result?.profile.derProfile ?? {})).toEqual(expect.arrayContaining(DER_KEYS));
    expect(Object.keys(result?.signature ?? {})).toEqual(expect.arrayContaining(SIGNATURE_KEYS));
    expect(result?.profile).toMatchObject({ uuid: UUID_HEALTHY, type: 'enterprise', expiresAt: '2027-01-10T08:00:00.000Z' });
    expect(result?.profile.createdAt).toMatch(ISO_MS);
    expect(result?.profile.certificates[0]?.sha256).toBe(pki.developerCertificate.sha256);
    expect(result?.signature).toMatchObject({ status: 'valid', signer: 'Apple iPhone OS Provisioning Profile Signing' });
  });

  it('--now moves a profile from healthy (0) to expiring (1) to expired (2)', async () => {
    const at = async (now: string) => runJson<{ findings: { code: string; severity: string }[] }[]>('inspect', '--json', '--now', now, ...trust, path('healthy.mobileprovision'));
    const healthy = await at(MID_LIFE);
    const expiring = await at(TEN_DAYS_LEFT);
    const expired = await at(AFTER_EXPIRY);
    expect([healthy.code, expiring.code, expired.code]).toEqual([0, 1, 2]);
    expect(expiring.json[0]?.findings.map((f) => f.code)).toEqual(['expires-soon']);
    expect(expired.json[0]?.findings.find((f) => f.code === 'expired')?.severity).toBe('error');
  });

  it('--warn-days narrows the window: 10 days left is fine with --warn-days 5, a warning with 10', async () => {
    const base = ['inspect', '--json', '--now', TEN_DAYS_LEFT, ...trust, path('healthy.mobileprovision')];
    expect((await run(...base, '--warn-days', '5')).code).toBe(0);
    expect((await run(...base, '--warn-days', '10')).code).toBe(1);
  });

  it('without the test pins the synthetic profile is not Apple-signed: an error', async () => {
    const { code, json } = await runJson<{ signature: { status: string } }[]>('inspect', '--json', '--now', MID_LIFE, path('healthy.mobileprovision'));
    expect(code).toBe(2);
    expect(json[0]?.signature.status).toBe('untrusted');
  });

  it('a file that fails to decode is ok:false with the core code and exit 2; the batch continues', async () => {
    const { code, json } = await runJson('inspect', '--json', '--now', MID_LIFE, ...trust, path('broken.mobileprovision'), path('healthy.mobileprovision'), path('missing.mobileprovision'));
    expect(code).toBe(2);
    expect(json.map((r) => [r.ok, (r.error as { code: string } | null)?.code ?? null])).toEqual([
      [false, 'not-a-profile'], [true, null], [false, 'unreadable'],
    ]);
    expect(json[0]).toMatchObject({ kind: 'profile', profile: null, signature: null, findings: [] });
  });

  it('expands a directory recursively to its profiles and apps, in sorted order', async () => {
    const { json } = await runJson('inspect', '--json', '--now', MID_LIFE, ...trust, path('folder'));
    expect(json.map((r) => r.file)).toEqual([path('folder/b.mobileprovision'), path('folder/nested/a.provisionprofile')]);
    expect(json.map((r) => (r.profile as { uuid: string }).uuid)).toEqual([UUID_HEALTHY, UUID_RENEWED]);
  });

  it('accepts an .ipa: kind app with its bundles, each carrying its embedded profile result', async () => {
    const { code, json } = await runJson<{ kind: string; app: { bundles: Record<string, unknown>[] } }[]>('inspect', '--json', '--now', TEN_DAYS_LEFT, ...trust, path('Demo.ipa'));
    const bundle = json[0]?.app.bundles[0] as { path: string; bundleId: string; signingCertificate: { sha256: string }; profile: { kind: string; profile: { uuid: string }; findings: { code: string }[] }; match: object };
    expect(json[0]?.kind).toBe('app');
    expect(Object.keys(bundle)).toEqual(expect.arrayContaining(['path', 'bundleId', 'version', 'build', 'executable', 'signingCertificate', 'profile', 'match']));
    expect(bundle).toMatchObject({ path: 'Payload/Demo.app/', bundleId: 'com.example.provlens' });
    expect(bundle.signingCertificate.sha256).toBe(pki.developerCertificate.sha256);
    expect(bundle.profile.profile.uuid).toBe(UUID_HEALTHY);
    expect(bundle.match).toEqual({ bundleIdMatchesAppId: true, certificateInProfile: true, teamMatches: true });
    expect(bundle.profile.findings.map((f) => f.code)).toEqual(['expires-soon']);
    expect(code).toBe(1);
  });
});

describe('provlens inspect (human)', () => {
  it('prints an aligned summary without colour when not asked', async () => {
    const { code, stdout } = await run('inspect', '--now', TEN_DAYS_LEFT, ...trust, path('healthy.mobileprovision'));
    expect(code).toBe(1);
    expect(stdout).toContain(`  UUID          ${UUID_HEALTHY}\n`);
    expect(stdout).toContain('  Expires       2027-01-10T08:00:00.000Z  (10 days left)\n');
    expect(stdout).toMatch(/ {4}warning expires-soon {2}Expires on 2027-01-10 08:00 UTC: 10 days left\./);
    expect(stdout).not.toContain('\u001b[');
  });
});

describe('colour', () => {
  it('is on only for a terminal without NO_COLOR, and then marks severities', async () => {
    expect(wantsColour(true, {})).toBe(true);
    expect(wantsColour(true, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour(false, {})).toBe(false);
    expect(wantsColour(undefined, {})).toBe(false);
    let stdout = '';
    await main(['inspect', '--now', TEN_DAYS_LEFT, ...trust, path('healthy.mobileprovision')], { stdout: (text) => void (stdout += text), stderr: () => undefined, colour: true });
    expect(stdout).toContain('\u001b[33mwarning \u001b[0m');
  });
});

describe('usage', () => {
  it('prints help with exit 0 and refuses unknown flags, commands and bad values with 64', async () => {
    expect((await run('--help')).stdout).toContain('provlens inspect [--json]');
    expect((await run('inspect', '--help')).stdout).toContain('--warn-days N');
    expect((await run('help', 'check')).stdout).toContain('--app APP.ipa');
    const unknownFlag = await run('inspect', '--jsno', path('healthy.mobileprovision'));
    expect(unknownFlag).toMatchObject({ code: 64, stdout: '' });
    expect(unknownFlag.stderr).toContain("'--jsno'");
    expect((await run('frobnicate')).code).toBe(64);
    expect((await run()).code).toBe(64);
    expect((await run('inspect', '--now', 'yesterday', path('healthy.mobileprovision'))).code).toBe(64);
    expect((await run('inspect', '--warn-days', '-3', path('healthy.mobileprovision'))).code).toBe(64);
    expect((await run('inspect')).code).toBe(64);
    expect((await run('diff', path('healthy.mobileprovision'))).code).toBe(64);
    expect((await run('export', '--format', 'xml', path('healthy.mobileprovision'))).code).toBe(64);
    expect((await run('check', path('healthy.mobileprovision'))).code).toBe(64);
  });
});

describe('provlens check', () => {
  type Report = { candidates: { profile: string; ok: boolean; verdict: Verdict | null }[]; combined: Verdict };
  type Verdict = { canKeepAlive: boolean; effectiveUntil: string; profileUuid: string | null; reasons: { code: string; bundlePath?: string }[] };

  it('says an in-house profile listing the app\'s certificate keeps it alive, until the profile expires', async () => {
    const { code, json } = await runJson<Report>('check', '--json', '--now', MID_LIFE, ...trust, '--app', path('Demo.ipa'), path('renewed.mobileprovision'));
    expect(code).toBe(0);
    expect(json.candidates.map((c) => [c.profile, c.ok])).toEqual([[path('renewed.mobileprovision'), true]]);
    expect(json.candidates[0]?.verdict).toMatchObject({ canKeepAlive: true, effectiveUntil: '2027-12-01T00:00:00.000Z', profileUuid: UUID_RENEWED });
    expect(json.combined).toMatchObject({ canKeepAlive: true, effectiveUntil: '2027-12-01T00:00:00.000Z' });
  });

  it('says a development profile cannot, with exit 2 and the reason in the human form', async () => {
    const { code, stdout } = await run('check', '--now', MID_LIFE, ...trust, '--app', path('Demo.ipa'), path('development.mobileprovision'));
    expect(code).toBe(2);
    expect(stdout).toMatch(/Keeps alive +no/);
    expect(stdout).toMatch(/not-in-house|in-house/i);
    expect(stdout).toMatch(/Next step/);
    // A date beside "no" would read as a promise.
    expect(stdout).not.toMatch(/^ *Until/m);
    const kept = await run('check', '--now', MID_LIFE, ...trust, '--app', path('Demo.ipa'), path('renewed.mobileprovision'));
    expect(kept.stdout).toMatch(/^ {2}Until {9}2027-12-01T00:00:00\.000Z$/m);
  });

  it('an app with an extension: neither profile alone covers both bundles, the two together do', async () => {
    const argv = ['check', '--json', '--now', MID_LIFE, ...trust, '--app', path('WithExtension.ipa'), path('renew-app.mobileprovision'), path('renew-share.mobileprovision')];
    const { code, json } = await runJson<Report>(...argv);
    expect(json.candidates.map((c) => c.verdict?.canKeepAlive)).toEqual([false, false]);
    expect(json.candidates[0]?.verdict?.reasons.find((r) => r.code === 'bundle-not-covered')?.bundlePath).toBe('Payload/Demo.app/PlugIns/Share.appex/');
    expect(json.combined.canKeepAlive).toBe(true);
    expect(code).toBe(0);
    const human = await run(...argv.filter((arg) => arg !== '--json'));
    expect(human.stdout).toContain('All 2 profiles pushed together');
  });
});

describe("Intune's two app checks in the CLI", () => {
  type Bundle = { integrity: { status: string; problems: unknown[] }; capabilities: { status: string; notInProfile: string[]; entitlements: Record<string, unknown> } };

  it('inspect --json reports integrity and capabilities per bundle', async () => {
    const { json } = await runJson<{ app: { bundles: Bundle[] } }[]>('inspect', '--json', '--now', MID_LIFE, ...trust, path('Capable.ipa'));
    expect(json[0]?.app.bundles[0]).toMatchObject({
      integrity: { status: 'intact', problems: [] },
      capabilities: { status: 'exceeds', notInProfile: ['com.apple.developer.healthkit'], entitlements: { 'get-task-allow': false, 'com.apple.developer.healthkit': true } },
    });
    const human = await run('inspect', '--now', MID_LIFE, ...trust, path('Capable.ipa'));
    expect(human.stdout).toMatch(/Integrity +intact/);
    expect(human.stdout).toMatch(/Capabilities +NOT in the embedded profile: com\.apple\.developer\.healthkit/);
  });

  it('check --json names the capability the candidate does not grant, first, with its fix', async () => {
    const { code, json } = await runJson<{ combined: { reasons: { code: string; entitlements?: string[]; bundlePath?: string; fix: string }[] } }>(
      'check', '--json', '--now', MID_LIFE, ...trust, '--app', path('Capable.ipa'), path('renewed.mobileprovision'),
    );
    expect(code).toBe(2);
    expect(json.combined.reasons[0]).toMatchObject({ code: 'capabilities-not-in-profile', entitlements: ['com.apple.developer.healthkit'], bundlePath: 'Payload/Demo.app/' });
    expect(json.combined.reasons[0]?.fix).toMatch(/^Add this capability to the App ID/);
  });
});

describe('provlens diff', () => {
  it('reports what a renewal changed', async () => {
    const { code, json } = await runJson<{ diff: { changes: { field: string; before: unknown; after: unknown }[]; entitlementsAdded: { key: string }[] } }>(
      'diff', '--json', path('healthy.mobileprovision'), path('renewed.mobileprovision'),
    );
    expect(code).toBe(0);
    const fields = Object.fromEntries(json.diff.changes.map((change) => [change.field, change]));
    expect(fields.expiresAt).toMatchObject({ before: '2027-01-10T08:00:00.000Z', after: '2027-12-01T00:00:00.000Z' });
    expect(json.diff.entitlementsAdded.map((e) => e.key)).toContain('com.apple.security.application-groups');
    const human = await run('diff', path('healthy.mobileprovision'), path('renewed.mobileprovision'));
    expect(human.stdout).toContain('+ entitlement com.apple.security.application-groups');
  });

  it('exits 2 when a side does not decode', async () => {
    expect((await run('diff', path('healthy.mobileprovision'), path('broken.mobileprovision'))).code).toBe(2);
  });
});

describe('provlens export', () => {
  const file = () => path('healthy.mobileprovision');

  it('csv: a header and one row per profile', async () => {
    const { code, stdout } = await run('export', '--format', 'csv', '--now', MID_LIFE, ...trust, file(), path('folder'));
    expect(code).toBe(0);
    const lines = stdout.trim().split(/\r?\n/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(UUID_HEALTHY);
  });

  it('ics: one reminder per offset, and exit 2 (with the others exported) when a file fails', async () => {
    const { code, stdout, stderr } = await run('export', '--format', 'ics', '--offsets', '30,7', '--now', MID_LIFE, ...trust, file(), path('broken.mobileprovision'));
    expect(code).toBe(2);
    expect(stderr).toContain('not-a-profile');
    expect(stdout.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(stdout.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(stdout).toContain(UUID_HEALTHY);
  });

  it('graph --json: a create request per profile (apps skipped) whose body carries the whole file; the human form adds PowerShell', async () => {
    const { json } = await runJson<{ method: string; url: string; body: Record<string, string> }[]>('export', '--format', 'graph', '--json', '--now', MID_LIFE, ...trust, file(), path('Demo.ipa'));
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ method: 'POST', url: 'https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations' });
    const body = json[0]?.body ?? {};
    expect(body['@odata.type']).toBe('#microsoft.graph.iosLobAppProvisioningConfiguration');
    expect(body.payloadFileName).toBe('healthy.mobileprovision');
    const { readFileSync } = await import('node:fs');
    expect(Buffer.from(body.payload ?? '', 'base64').equals(readFileSync(file()))).toBe(true);
    const human = await run('export', '--format', 'graph', '--now', MID_LIFE, ...trust, file());
    expect(human.stdout).toContain('Invoke-MgGraphRequest -Method POST');
    expect(human.stdout).toContain('POST https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations\n');
  });

  it('json: the inspect results as one document', async () => {
    const { code, stdout } = await run('export', '--format', 'json', '--now', MID_LIFE, ...trust, file());
    expect(code).toBe(0);
    expect(stdout).toContain(UUID_HEALTHY);
    expect(() => JSON.parse(stdout) as unknown).not.toThrow();
  });
});

interface Expectation {
  uuid?: string;
  expiresAt?: string;
  signature: string[];
}

describe.runIf(hasSharedFixtures)('real fixtures', () => {
  it('inspects the folder of real profiles: every UUID, expiry and signature as expected, exit 2 (they expired)', async () => {
    const expectations = readSharedJson<Record<string, Expectation>>('expectations.json');
    const folder = join(SHARED_FIXTURES, 'profiles');
    const { code, json } = await runJson<{ file: string; ok: boolean; profile: { uuid: string; expiresAt: string } | null; signature: { status: string } | null }[]>(
      'inspect', '--json', '--now', '2026-11-01T00:00:00Z', folder,
    );
    expect(code).toBe(2);
    const inspectable = Object.keys(expectations).filter((key) => /^profiles\/.*\.(mobileprovision|provisionprofile)$/.test(key));
    expect(json.map((result) => result.file.slice(SHARED_FIXTURES.length + 1)).sort()).toEqual(inspectable.sort());
    for (const result of json) {
      const expected = expectations[result.file.slice(SHARED_FIXTURES.length + 1)];
      if (!expected) throw new Error(`no expectation for ${result.file}`);
      expect(expected.signature, result.file).toContain(result.ok ? result.signature?.status : 'error');
      if (!result.ok) continue;
      if (expected.uuid !== undefined) expect(result.profile?.uuid, result.file).toBe(expected.uuid);
      if (expected.expiresAt !== undefined) expect(result.profile?.expiresAt, result.file).toBe(expected.expiresAt);
    }
  });
});

describe('the real process', () => {
  it('runs through tsx with argv, stdout and the exit code wired', async () => {
    const cli = resolve(import.meta.dirname, '../../cli/provlens.ts');
    const tsx = resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    const child = await promisify(execFile)(tsx, [cli, 'inspect', '--json', '--now', TEN_DAYS_LEFT, ...trust, path('healthy.mobileprovision')], { env: { ...process.env, NO_COLOR: '1' } })
      .then(({ stdout }) => ({ code: 0, stdout }))
      .catch((error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }));
    expect(child.code).toBe(1);
    expect((JSON.parse(child.stdout) as { profile: { uuid: string } }[])[0]?.profile.uuid).toBe(UUID_HEALTHY);
  });
});
