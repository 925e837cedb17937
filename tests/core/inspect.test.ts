import { beforeAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { inspect, sniffKind } from '../../core/inspect';
import type { AppResult, ProfileResult } from '../../core/types';
import { codeSigningIdentity, makeApp } from '../fixtures/app-factory';
import { DEFAULTS, makeProfile, sharedTestPki, type TestPki } from '../fixtures/factory';
import { hasSharedFixtures, readShared, warnIfSharedFixturesMissing } from '../shared-fixtures';

const DAY_MS = 86_400_000;
const CREATED = new Date('2026-01-10T08:00:00Z');
const EXPIRES = new Date('2027-01-10T08:00:00Z');

let pki: TestPki;
let inHouse: Uint8Array;

beforeAll(async () => {
  warnIfSharedFixturesMissing();
  pki = await sharedTestPki();
  inHouse = await makeProfile(pki, { type: 'enterprise', createdAt: CREATED, expiresAt: EXPIRES });
}, 60_000);

const codes = (result: { findings: { code: string }[] }) => result.findings.map((finding) => finding.code);

describe('sniffKind', () => {
  it('calls a zip (local header or empty archive) an app and anything else a profile', () => {
    expect(sniffKind(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14))).toBe('app');
    expect(sniffKind(Uint8Array.of(0x50, 0x4b, 0x05, 0x06))).toBe('app');
    expect(sniffKind(Uint8Array.of(0x50, 0x4b))).toBe('profile');
    expect(sniffKind(new Uint8Array())).toBe('profile');
    expect(sniffKind(new TextEncoder().encode('<?xml version="1.0"?>'))).toBe('profile');
  });

  it('calls a signed profile a profile', () => {
    expect(sniffKind(inHouse)).toBe('profile');
  });
});

describe('inspect a profile', () => {
  it('decodes, verifies and judges findings at the given time', async () => {
    const now = new Date(EXPIRES.getTime() - 10 * DAY_MS);
    const result = (await inspect('in-house.mobileprovision', inHouse, { now, trustedCaSha256: pki.trustedCaSha256 })) as ProfileResult;
    expect(result).toMatchObject({ kind: 'profile', file: 'in-house.mobileprovision', ok: true, error: null });
    expect(result.profile?.uuid).toBe(DEFAULTS.uuid);
    expect(result.profile?.expiresAt).toBe('2027-01-10T08:00:00.000Z');
    expect(result.signature?.status).toBe('valid');
    expect(codes(result)).toContain('expires-soon');
    expect(codes(result)).not.toContain('expired');
  });

  it('applies warnDays: 10 days left is not "soon" with a 5-day window', async () => {
    const now = new Date(EXPIRES.getTime() - 10 * DAY_MS);
    const result = await inspect('a.mobileprovision', inHouse, { now, warnDays: 5, trustedCaSha256: pki.trustedCaSha256 });
    expect(result.ok).toBe(true);
    expect(codes(result)).not.toContain('expires-soon');
  });

  it('reports an expired profile as an error finding after its expiry', async () => {
    const result = await inspect('a.mobileprovision', inHouse, { now: new Date(EXPIRES.getTime() + 1), trustedCaSha256: pki.trustedCaSha256 });
    expect(result.findings.find((finding) => finding.code === 'expired')?.severity).toBe('error');
  });

  it('without the test pins the same file is not Apple-signed', async () => {
    const result = (await inspect('a.mobileprovision', inHouse, { now: CREATED })) as ProfileResult;
    expect(result.signature?.status).toBe('untrusted');
    expect(codes(result)).toContain('not-apple-signed');
  });

  it('turns decoder errors into data with the stable code', async () => {
    expect(await inspect('empty.mobileprovision', new Uint8Array())).toEqual({
      kind: 'profile', file: 'empty.mobileprovision', ok: false, error: { code: 'empty', message: expect.any(String) },
      profile: null, signature: null, findings: [],
    });
    const text = await inspect('x.mobileprovision', new TextEncoder().encode('this is not a profile at all'));
    expect(text.ok).toBe(false);
    expect(text.error?.code).toBe('not-a-profile');
  });
});

describe('inspect an app', () => {
  it('treats a non-zip named .ipa as a broken app, not a broken profile', async () => {
    const result = await inspect('broken.ipa', new TextEncoder().encode('not a zip file!'));
    expect(result).toMatchObject({ kind: 'app', ok: false, app: null, error: { code: 'not-a-zip' } });
  });

  it('sniffs a zip by content whatever its name; one without Payload/*.app is no-app', async () => {
    const result = await inspect('download.bin', zipSync({ 'readme.txt': new TextEncoder().encode('hello') }));
    expect(result).toMatchObject({ kind: 'app', ok: false, error: { code: 'no-app' } });
  });

  it('summarises every bundle\'s findings at app level, worst first, each naming its bundle', async () => {
    const signed = (identifier: string) => ({
      slices: ['arm64'] as const,
      signature: { signer: codeSigningIdentity(pki, pki.developerCertificate), identifier, teamId: 'TESTTEAM01' },
    });
    const base = { type: 'enterprise', createdAt: CREATED, derCopy: 'consistent' } as const;
    const app = await makeApp({
      bundles: [
        { path: 'Payload/Demo.app/', bundleId: 'com.example.provlens', executableContent: signed('com.example.provlens'), profile: await makeProfile(pki, { ...base, expiresAt: EXPIRES }) },
        {
          path: 'Payload/Demo.app/PlugIns/Share.appex/', bundleId: 'com.example.provlens.share', executable: 'Share', executableContent: signed('com.example.provlens.share'),
          profile: await makeProfile(pki, { ...base, bundleId: 'com.example.provlens.share', expiresAt: new Date(EXPIRES.getTime() - 20 * DAY_MS) }),
        },
      ],
    });
    const now = new Date(EXPIRES.getTime() - 10 * DAY_MS);
    const result = (await inspect('Demo.ipa', app, { now, trustedCaSha256: pki.trustedCaSha256 })) as AppResult;
    expect(result.app?.bundles.map((bundle) => codes(bundle.profile ?? { findings: [] }))).toEqual([['expires-soon'], ['expired']]);
    expect(result.findings.map((finding) => [finding.severity, finding.code, finding.message.split(':')[0]])).toEqual([
      ['error', 'expired', 'Share.appex'],
      ['warning', 'expires-soon', 'Demo.app'],
    ]);
  });

  it.runIf(hasSharedFixtures)('decodes a real .ipa and re-judges its embedded profile with the caller\'s clock', async () => {
    const bytes = readShared('ipa/appinfo_iphone.ipa');
    // The embedded development profile expires 2017-08-04 (see expectations); judge it a week before and after.
    const embedded = (await inspect('x.ipa', bytes)) as AppResult;
    const bundle = embedded.app?.bundles[0];
    expect(bundle?.path).toBe('Payload/AppInfoDemo.app/');
    expect(bundle?.profile?.profile?.uuid).toBe('3e5c38a0-3031-4624-9c2d-c508df973b15');
    const expiresAt = new Date(bundle?.profile?.profile?.expiresAt ?? NaN);
    const before = (await inspect('x.ipa', bytes, { now: new Date(expiresAt.getTime() - 7 * DAY_MS) })) as AppResult;
    expect(codes(before.app?.bundles[0]?.profile ?? { findings: [] })).toContain('expires-soon');
    expect(codes(before)).toContain('expires-soon');
    expect(before.findings.find((finding) => finding.code === 'expires-soon')?.message).toMatch(/^AppInfoDemo\.app: /);
    const after = (await inspect('x.ipa', bytes, { now: new Date(expiresAt.getTime() + DAY_MS) })) as AppResult;
    expect(codes(after)).toContain('expired');
    expect(codes(after)).not.toContain('expires-soon');
  });
});
