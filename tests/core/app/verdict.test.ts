import { beforeAll, describe, expect, it } from 'vitest';
import { decodeApp } from '../../../core/app/app';
import { renewalVerdict } from '../../../core/app/verdict';
import { inspectProfile } from '../../../core/inspect';
import type { DecodedApp, ProfileResult, RenewalVerdict } from '../../../core/types';
import { alterApp, makeApp, type BundleSpec } from '../../fixtures/app-factory';
import { makeDeveloperCertificate, type DevCert, type ProfileSpec } from '../../fixtures/factory';
import { APP_ID, EXTENSION_ID, NOW, appFixtures, type AppFixtures } from './app-fixtures';

let f: AppFixtures;
let fieldApp: DecodedApp;

const MAIN_UUID = '11111111-aaaa-4aaa-8aaa-111111111111';
const SHARE_UUID = '22222222-bbbb-4bbb-8bbb-222222222222';
const WILDCARD_UUID = '33333333-cccc-4ccc-8ccc-333333333333';

beforeAll(async () => {
  f = await appFixtures();
  fieldApp = await app(f.developer);
}, 120_000);

/** "Contoso Field" as shipped: app + share extension, each with its own (older) in-house profile. */
async function app(signer: DevCert | null, extension = true): Promise<DecodedApp> {
  const executableContent = signer ? f.machO(signer) : { slices: ['arm64' as const], signature: null };
  const shipped = { createdAt: new Date('2025-06-01T00:00:00Z'), expiresAt: new Date('2026-06-20T00:00:00Z') };
  const bundles: BundleSpec[] = [
    { path: 'Payload/Field.app/', bundleId: APP_ID, profile: await f.profile(shipped), executableContent },
  ];
  if (extension) {
    bundles.push({
      path: 'Payload/Field.app/PlugIns/Share.appex/',
      bundleId: EXTENSION_ID,
      profile: await f.profile({ ...shipped, bundleId: EXTENSION_ID }),
      executableContent,
    });
  }
  return decodeApp(await makeApp({ bundles }), { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });
}

async function candidate(spec: ProfileSpec = {}): Promise<ProfileResult> {
  return inspectProfile('candidate.mobileprovision', await f.profile({ uuid: MAIN_UUID, ...spec }), { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });
}

const codes = (verdict: RenewalVerdict) => verdict.reasons.map((r) => [r.code, r.severity, r.bundlePath ?? null]);

describe('renewalVerdict: the push keeps the app alive', () => {
  it('a renewed wildcard in-house profile listing the app certificate covers app and extension', async () => {
    const verdict = renewalVerdict(fieldApp, await candidate({ uuid: WILDCARD_UUID, bundleId: 'com.contoso.*' }), { now: NOW });
    expect(verdict.canKeepAlive).toBe(true);
    expect(verdict.profileUuid).toBe(WILDCARD_UUID);
    expect(verdict.effectiveUntil).toBe('2027-03-01T00:00:00.000Z');
    expect(codes(verdict)).toEqual([['ok', 'info', null]]);
    expect(verdict.reasons[0]?.message).toBe('Pushing this profile keeps field launching on devices that already have it until 2027-03-01 00:00 UTC');
    expect(verdict.action).toMatch(/^In Intune, go to Apps > iOS app provisioning profiles > Create profile/);
    expect(verdict.action).toMatch(/Re-export the \.ipa with this profile embedded too/);
    expect(verdict.bundles).toEqual([
      { bundlePath: 'Payload/Field.app/', bundleId: APP_ID, profileUuid: WILDCARD_UUID, until: '2027-03-01T00:00:00.000Z' },
      { bundlePath: 'Payload/Field.app/PlugIns/Share.appex/', bundleId: EXTENSION_ID, profileUuid: WILDCARD_UUID, until: '2027-03-01T00:00:00.000Z' },
    ]);
  });

  it('several explicit candidates together cover app and extension; each bundle gets its own', async () => {
    const main = await candidate();
    const share = await candidate({ uuid: SHARE_UUID, bundleId: EXTENSION_ID, expiresAt: new Date('2027-01-15T00:00:00Z') });
    const verdict = renewalVerdict(fieldApp, [share, main], { now: NOW });
    expect(verdict.canKeepAlive).toBe(true);
    expect(verdict.profileUuid).toBe(MAIN_UUID);
    expect(verdict.bundles?.map((b) => b.profileUuid)).toEqual([MAIN_UUID, SHARE_UUID]);
    expect(verdict.effectiveUntil).toBe('2027-01-15T00:00:00.000Z');
    expect(verdict.reasons.map((r) => r.message)).toEqual([
      'Pushing these profiles keeps field launching on devices that already have it until 2027-01-15 00:00 UTC',
    ]);
  });

  it('an explicit App ID wins over a wildcard that also matches', async () => {
    const verdict = renewalVerdict(fieldApp, [await candidate({ uuid: WILDCARD_UUID, bundleId: 'com.contoso.*' }), await candidate()], { now: NOW });
    expect(verdict.bundles?.map((b) => b.profileUuid)).toEqual([MAIN_UUID, WILDCARD_UUID]);
  });
});

describe('renewalVerdict: why the push cannot help', () => {
  it('an explicit App ID leaves the extension uncovered, and says which bundle', async () => {
    const verdict = renewalVerdict(fieldApp, await candidate(), { now: NOW });
    expect(verdict.canKeepAlive).toBe(false);
    expect(codes(verdict)).toEqual([['bundle-not-covered', 'error', 'Payload/Field.app/PlugIns/Share.appex/']]);
    expect(verdict.reasons[0]?.message).toBe(
      'Share.appex (com.contoso.field.share) is not covered by CONTOSO123.com.contoso.field; it will stop launching when its current profile expires',
    );
    expect(verdict.action).toBe(
      'Also push an in-house profile whose App ID matches com.contoso.field.share (each extension normally needs its own profile), or use a wildcard App ID that covers every bundle.',
    );
    // The uncovered extension still runs on the profile it shipped with, which ends first.
    expect(verdict.bundles?.[1]).toEqual({ bundlePath: 'Payload/Field.app/PlugIns/Share.appex/', bundleId: EXTENSION_ID, profileUuid: null, until: '2026-06-20T00:00:00.000Z' });
    expect(verdict.effectiveUntil).toBe('2026-06-20T00:00:00.000Z');
  });

  it('with no candidate at all, each bundle is named as covered by no profile given (not "no decodable profile")', () => {
    const verdict = renewalVerdict(fieldApp, [], { now: NOW });
    expect(verdict.canKeepAlive).toBe(false);
    expect(verdict.reasons.filter((r) => r.code === 'bundle-not-covered').map((r) => r.message)).toEqual([
      'Field.app (com.contoso.field) is not covered by any profile given; it will stop launching when its current profile expires',
      'Share.appex (com.contoso.field.share) is not covered by any profile given; it will stop launching when its current profile expires',
    ]);
  });

  it('an ad hoc or App Store profile is not in-house', async () => {
    const verdict = renewalVerdict(fieldApp, await candidate({ type: 'adhoc', bundleId: 'com.contoso.*' }), { now: NOW });
    expect(verdict.canKeepAlive).toBe(false);
    expect(codes(verdict)[0]).toEqual(['not-in-house', 'error', null]);
    expect(verdict.action).toMatch(/^Download an in-house distribution profile/);
  });

  it('a tampered or non-Apple-signed profile', async () => {
    const tampered = renewalVerdict(fieldApp, await candidate({ bundleId: 'com.contoso.*', tamper: true }), { now: NOW });
    expect(codes(tampered)).toEqual([['signature-not-valid', 'error', null]]);
    expect(tampered.reasons[0]?.message).toMatch(/is not validly signed by Apple \(invalid: /);
    const impostor = renewalVerdict(fieldApp, await candidate({ bundleId: 'com.contoso.*', signWith: 'wrong-root' }), { now: NOW });
    expect(codes(impostor)).toEqual([['signature-not-valid', 'error', null]]);
    expect(impostor.reasons[0]?.message).toMatch(/\(untrusted: /);
  });

  it('a file that is not a profile at all', async () => {
    const broken = await inspectProfile('notes.txt', new TextEncoder().encode('hello'), { now: NOW });
    const verdict = renewalVerdict(fieldApp, broken, { now: NOW });
    expect(verdict.canKeepAlive).toBe(false);
    expect(verdict.profileUuid).toBeNull();
    expect(verdict.reasons[0]).toMatchObject({ code: 'signature-not-valid', severity: 'error' });
    expect(verdict.reasons[0]?.message).toMatch(/^notes\.txt could not be read as a provisioning profile \(not-a-profile: /);
  });

  it('an expired candidate; one about to expire still works but warns', async () => {
    const expired = renewalVerdict(fieldApp, await candidate({ bundleId: 'com.contoso.*', createdAt: new Date('2025-01-01T00:00:00Z'), expiresAt: new Date('2026-05-01T00:00:00Z') }), { now: NOW });
    expect(codes(expired)).toEqual([['expired', 'error', null]]);
    expect(expired.reasons[0]?.message).toBe('"Contoso Field In-House" expired on 2026-05-01 00:00 UTC');
    const soon = renewalVerdict(fieldApp, await candidate({ bundleId: 'com.contoso.*', expiresAt: new Date('2026-06-11T00:00:00Z') }), { now: NOW });
    expect(soon.canKeepAlive).toBe(true);
    expect(codes(soon)).toEqual([['expires-soon', 'warning', null], ['ok', 'info', null]]);
    expect(soon.reasons[0]?.message).toBe('"Contoso Field In-House" expires in 10 days (2026-06-11 00:00 UTC)');
    expect(soon.action).toMatch(/^Plan the next renewal now/);
    expect(renewalVerdict(fieldApp, await candidate({ bundleId: 'com.contoso.*', expiresAt: new Date('2026-06-11T00:00:00Z') }), { now: NOW, warnDays: 7 }).reasons.map((r) => r.code)).toEqual(['ok']);
  });

  it('a profile made for a new certificate cannot keep the old build alive: re-sign', async () => {
    const verdict = renewalVerdict(fieldApp, await candidate({ bundleId: 'com.contoso.*', developerCertificates: [f.successor] }), { now: NOW });
    expect(verdict.canKeepAlive).toBe(false);
    expect(codes(verdict)).toEqual([
      ['certificate-not-in-profile', 'error', 'Payload/Field.app/'],
      ['certificate-not-in-profile', 'error', 'Payload/Field.app/PlugIns/Share.appex/'],
    ]);
    expect(verdict.action).toMatch(/^Re-sign the app with a certificate the profile lists/);
  });

  it("another team's profile", async () => {
    const verdict = renewalVerdict(fieldApp, await candidate({ bundleId: 'com.contoso.*', teamId: 'FABRIKAM99', appIdPrefix: 'CONTOSO123' }), { now: NOW });
    expect(verdict.reasons.map((r) => r.code)).toEqual(['team-mismatch', 'team-mismatch']);
    expect(verdict.reasons[0]?.message).toBe('Field.app is signed by team CONTOSO123, but "Contoso Field In-House" belongs to team FABRIKAM99');
  });

  it("the app's certificate has expired: no profile helps", async () => {
    const lapsed = await makeDeveloperCertificate(f.pki, {
      commonName: 'iPhone Distribution: Contoso Ltd (CONTOSO123)',
      teamId: 'CONTOSO123',
      notBefore: new Date('2023-05-01T00:00:00Z'),
      notAfter: new Date('2026-05-01T00:00:00Z'),
    });
    const verdict = renewalVerdict(await app(lapsed, false), await candidate({ developerCertificates: [lapsed] }), { now: NOW });
    expect(codes(verdict)).toEqual([['certificate-expired', 'error', 'Payload/Field.app/']]);
    expect(verdict.effectiveUntil).toBe('2026-05-01T00:00:00.000Z');
    expect(verdict.action).toMatch(/^Re-sign the app with a current in-house distribution certificate/);
  });

  it('an app signed with a development certificate: a dead end on the app side, named before the profile', async () => {
    const development = await makeDeveloperCertificate(f.pki, {
      commonName: 'Apple Development: Jane Doe (AB12CD34EF)',
      teamId: 'CONTOSO123',
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2028-01-01T00:00:00Z'),
    });
    const verdict = renewalVerdict(await app(development, false), await candidate({ developerCertificates: [development], type: 'development' }), { now: NOW });
    expect(codes(verdict)[0]).toEqual(['not-distribution-certificate', 'error', 'Payload/Field.app/']);
    expect(codes(verdict).map(([code]) => code)).toContain('not-in-house');
    expect(verdict.reasons[0]?.message).toBe('Field.app is signed with "Apple Development: Jane Doe (AB12CD34EF)", a development certificate, not an in-house distribution certificate; no pushed profile can keep it launching on your devices');
    expect(verdict.action).toMatch(/^Re-sign the app with the in-house distribution certificate/);
  });

  it('the certificate expires before the profile: the earlier date is when the app stops', async () => {
    const ending = await makeDeveloperCertificate(f.pki, {
      commonName: 'iPhone Distribution: Contoso Ltd (CONTOSO123)',
      teamId: 'CONTOSO123',
      notBefore: new Date('2023-12-01T00:00:00Z'),
      notAfter: new Date('2026-12-01T00:00:00Z'),
    });
    const verdict = renewalVerdict(await app(ending, false), await candidate({ developerCertificates: [ending] }), { now: NOW });
    expect(verdict.canKeepAlive).toBe(true);
    expect(verdict.effectiveUntil).toBe('2026-12-01T00:00:00.000Z');
    expect(codes(verdict)).toEqual([['certificate-expires-first', 'warning', 'Payload/Field.app/'], ['ok', 'info', null]]);
    expect(verdict.action).toMatch(/^Before the certificate expires, re-sign the app/);
  });

  it('an app whose signer cannot be read, and an archive with no bundle', async () => {
    const unsigned = renewalVerdict(await app(null, false), await candidate(), { now: NOW });
    expect(codes(unsigned)).toEqual([['no-app-certificate', 'error', 'Payload/Field.app/']]);
    const empty = renewalVerdict({ bundles: [], notes: [] }, await candidate(), { now: NOW });
    expect(empty.canKeepAlive).toBe(false);
    expect(empty.effectiveUntil).toBeNull();
    expect(codes(empty)).toEqual([['bundle-not-covered', 'error', null]]);
  });
});

describe("renewalVerdict: Intune's two app checks", () => {
  async function signedWith(entitlements: Record<string, unknown>, alter?: (members: Record<string, Uint8Array>) => void): Promise<DecodedApp> {
    const bundles: BundleSpec[] = [
      { path: 'Payload/Field.app/', bundleId: APP_ID, profile: await f.profile(), resources: { 'Assets.car': new Uint8Array([1, 2, 3]) }, executableContent: { slices: ['arm64'], signature: f.signedBy(f.developer, { entitlements }) } },
    ];
    const ipa = await makeApp({ bundles });
    return decodeApp(alter ? alterApp(ipa, alter) : ipa, { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });
  }
  const granted = { 'application-identifier': `CONTOSO123.${APP_ID}`, 'keychain-access-groups': [`CONTOSO123.${APP_ID}`], 'get-task-allow': false };

  it('a capability the candidate does not grant is a dead end, with the keys and the bundle', async () => {
    const app = await signedWith({ ...granted, 'com.apple.developer.healthkit': true, 'aps-environment': 'development' });
    const verdict = renewalVerdict(app, await candidate(), { now: NOW });
    expect(verdict.canKeepAlive).toBe(false);
    expect(verdict.reasons[0]).toMatchObject({
      code: 'capabilities-not-in-profile',
      bundlePath: 'Payload/Field.app/',
      entitlements: ['com.apple.developer.healthkit', 'aps-environment'],
    });
    expect(verdict.action).toMatch(/^Add these capabilities to the App ID .* or re-sign the app without them/);
    const grants = renewalVerdict(app, await candidate({ entitlements: { 'com.apple.developer.healthkit': true, 'aps-environment': 'development' } }), { now: NOW });
    expect(codes(grants)).toEqual([['ok', 'info', null]]);
  });

  it('an app changed after signing comes first, before the profile\'s own problems', async () => {
    const app = await signedWith(granted, (m) => void (m['Payload/Field.app/Assets.car'] = new Uint8Array([9])));
    const verdict = renewalVerdict(app, await candidate({ type: 'adhoc' }), { now: NOW });
    expect(codes(verdict).map(([code]) => code)).toEqual(['app-modified', 'not-in-house']);
    expect(verdict.reasons[0]?.message).toMatch(/^Field\.app was changed after it was signed \(Assets\.car does not match/);
    expect(verdict.action).toMatch(/^Re-export an unmodified app/);
    expect(verdict.reasons[1]?.message).toBe('"Contoso Field In-House" is an ad hoc profile; Intune\'s profile push is for in-house (Enterprise Program) apps');
  });

  it('a team mismatch is shown even when the candidate covers no bundle', async () => {
    const verdict = renewalVerdict(await app(f.developer, false), await candidate({ teamId: 'FABRIKAM99', bundleId: 'com.fabrikam.app' }), { now: NOW });
    expect(codes(verdict).map(([code]) => code)).toEqual(['team-mismatch', 'bundle-not-covered']);
  });
});
