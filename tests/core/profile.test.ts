// decodeProfile on synthetic profiles from the test PKI (Apple's names, throwaway keys, pinned via trustedCaSha256):
// every input form, every signature verdict, type inference, and the typed errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { ProvlensError, type ErrorCode } from '../../core/errors';
import { decodeProfile, MAX_PROFILE_BYTES, type DecodeOptions } from '../../core/profile/profile';
import type { DecodedProfile } from '../../core/types';
import { DEFAULTS, makeProfile, sharedTestPki, signCms, type ProfileSpec, type TestPki } from '../fixtures/factory';

let pki: TestPki;
let options: DecodeOptions;
const NOW = new Date('2026-06-01T00:00:00.000Z');
const CREATED = new Date('2026-01-15T10:20:30.000Z');
const EXPIRES = new Date('2027-01-15T10:20:30.000Z');

// RSA key generation for the test PKI is slow on a loaded 2-core machine: give the hook room.
beforeAll(async () => {
  pki = await sharedTestPki();
  options = { trustedCaSha256: pki.trustedCaSha256, now: NOW };
}, 120_000);

async function decode(spec: ProfileSpec): Promise<DecodedProfile> {
  return decodeProfile(await makeProfile(pki, { createdAt: CREATED, expiresAt: EXPIRES, ...spec }), options);
}

async function failure(bytes: Uint8Array, decodeOptions: DecodeOptions = options): Promise<ErrorCode> {
  const error = await decodeProfile(bytes, decodeOptions).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProvlensError);
  return (error as ProvlensError).code;
}

const IOS_CHAIN = ['Apple iPhone OS Provisioning Profile Signing', 'Apple iPhone Certification Authority', 'Apple Root CA'];

describe('decodeProfile: an in-house profile with a consistent DER copy', () => {
  it('reads every field and verifies both signatures', async () => {
    const { profile, signature } = await decode({ type: 'enterprise', derCopy: 'consistent', bundleId: 'com.example.field' });
    expect(profile).toMatchObject({
      name: 'iOS Team Inhouse Provisioning Profile: com.example.field',
      uuid: DEFAULTS.uuid,
      appIdName: DEFAULTS.appIdName,
      teamId: DEFAULTS.teamId,
      teamName: DEFAULTS.teamName,
      applicationIdentifier: `${DEFAULTS.teamId}.com.example.field`,
      applicationIdentifierPrefix: DEFAULTS.teamId,
      bundleId: 'com.example.field',
      wildcard: false,
      platforms: ['iOS'],
      type: 'enterprise',
      createdAt: '2026-01-15T10:20:30.000Z',
      expiresAt: '2027-01-15T10:20:30.000Z',
      timeToLive: 365,
      provisionsAllDevices: true,
      devices: [],
      getTaskAllow: false,
      apsEnvironment: 'production',
      isXcodeManaged: false,
    });
    expect(profile.entitlements['keychain-access-groups']).toEqual([`${DEFAULTS.teamId}.*`]);
    expect(profile.certificates).toHaveLength(1);
    expect(profile.certificates[0]).toMatchObject({
      sha256: pki.developerCertificate.sha256,
      teamId: DEFAULTS.teamId,
      commonName: 'iPhone Distribution: ProvLens Test Team (TESTTEAM01)',
      issuer: 'Apple Worldwide Developer Relations Certification Authority',
    });
    expect(profile.derProfile).toEqual({ present: true, signature: 'valid', distributionType: 'IN_HOUSE', consistent: true, mismatches: [] });
    expect(signature).toEqual({
      status: 'valid',
      signer: 'Apple iPhone OS Provisioning Profile Signing',
      chain: IOS_CHAIN,
      signedAt: '2026-01-15T10:20:31.000Z',
      signerValidNow: true,
      reason: null,
    });
  });

  it('reads indefinite-length BER exactly like DER', async () => {
    const der = await decode({ derCopy: 'consistent' });
    const ber = await decode({ derCopy: 'consistent', encoding: 'cms-ber-indefinite' });
    expect(ber).toEqual(der);
    expect(ber.signature.status).toBe('valid');
  });

  it('reads bare XML and binary plists as unsigned, with the same fields', async () => {
    const signed = await decode({ type: 'adhoc' });
    for (const encoding of ['xml-plist', 'binary-plist'] as const) {
      const { profile, signature } = await decode({ type: 'adhoc', encoding });
      expect(profile).toEqual(signed.profile);
      expect(signature).toMatchObject({ status: 'unsigned', signer: null, chain: [], signerValidNow: null });
      expect(signature.reason).toMatch(/no signature/);
    }
  });
});

describe('decodeProfile: signature verdicts', () => {
  it('reports a profile whose content changed after signing as invalid', async () => {
    const { profile, signature } = await decode({ tamper: true });
    expect(profile.appIdName).toBe('provLens Test App');
    expect(signature.status).toBe('invalid');
    expect(signature.reason).toMatch(/changed after signing/);
  });

  it('reports Apple-named certificates under an unpinned root as untrusted', async () => {
    const { signature } = await decode({ signWith: 'wrong-root' });
    expect(signature.status).toBe('untrusted');
    expect(signature.signer).toBe('Apple iPhone OS Provisioning Profile Signing');
    expect(signature.reason).toMatch(/self-signed certificate that is not one of the trusted Apple CAs/);
  });

  it('trusts nothing but the pins: the test CA is untrusted under the default (Apple) pins', async () => {
    const bytes = await makeProfile(pki, { createdAt: CREATED, expiresAt: EXPIRES });
    const { signature } = await decodeProfile(bytes, { now: NOW });
    expect(signature.status).toBe('untrusted');
  });

  it('verifies at signing time, and says separately that the signer has expired since', async () => {
    const { signature } = await decode({ signWith: 'expired-signer', createdAt: new Date('2019-03-01T00:00:00Z'), expiresAt: new Date('2020-03-01T00:00:00Z') });
    expect(signature).toMatchObject({ status: 'valid', signedAt: '2019-03-01T00:00:01.000Z', signerValidNow: false, reason: null });
  });

  it('refuses a profile signed after its signer expired', async () => {
    const { signature } = await decode({ signWith: 'expired-signer' });
    expect(signature.status).toBe('untrusted');
    expect(signature.reason).toMatch(/was not valid at the signing time 2026-01-15T10:20:31.000Z/);
  });

  it('falls back to CreationDate when there is no signingTime attribute', async () => {
    const { signature } = await decode({ signingTime: null });
    expect(signature.signedAt).toBe('2026-01-15T10:20:30.000Z');
    expect(signature.status).toBe('valid');
  });

  it('accepts a chain that stops at a pinned intermediate (profiles before ~2019 carry no root)', async () => {
    const { signature } = await decode({ includeRoot: false });
    expect(signature.status).toBe('valid');
    expect(signature.chain).toEqual(IOS_CHAIN.slice(0, 2));
  });

  it('applies the name policy: a pinned chain with the wrong signer name is untrusted', async () => {
    const plist = new TextEncoder().encode(`<?xml version="1.0"?><plist version="1.0"><dict><key>UUID</key><string>x</string></dict></plist>`);
    const identity = { chain: [pki.derSigner.der, pki.systemIntegrationCa.der, pki.g3Root.der], privateKey: pki.derSigner.privateKey };
    const { signature } = await decodeProfile(await signCms(identity, plist, { hash: 'SHA-256', signingTime: CREATED }), options);
    expect(signature.status).toBe('untrusted');
    expect(signature.reason).toBe(
      'not signed by Apple: iOS profiles are signed by "Apple iPhone OS Provisioning Profile Signing", not "WWDR Provisioning Profile Signing"',
    );
  });

  it('verifies macOS profiles against the Mac signer under a WWDR CA', async () => {
    const { profile, signature } = await decode({ type: 'developer-id', derCopy: 'consistent' });
    expect(profile.platforms).toEqual(['OSX']);
    expect(profile.type).toBe('developer-id');
    expect(signature.status).toBe('valid');
    expect(signature.chain.slice(0, 2)).toEqual(['Mac OS X Provisioning Profile Signing', 'Apple Worldwide Developer Relations Certification Authority']);
  });
});

describe('decodeProfile: DER-Encoded-Profile cross-check', () => {
  it('names each field where the DER copy disagrees with the plist', async () => {
    const { profile } = await decode({
      derCopy: { inconsistent: { expiresAt: new Date('2028-01-01T00:00:00Z'), devices: ['00008030-0000000000000001'], certificateSha256: ['ab'.repeat(32)] } },
    });
    expect(profile.derProfile.signature).toBe('valid');
    expect(profile.derProfile.consistent).toBe(false);
    expect(profile.derProfile.mismatches.map((line) => line.split(':')[0])).toEqual(['ExpirationDate', 'ProvisionedDevices', 'DeveloperCertificates (SHA-256)']);
    expect(profile.derProfile.mismatches[0]).toBe('ExpirationDate: plist "2027-01-15T10:20:30.000Z", DER "2028-01-01T00:00:00.000Z"');
  });

  it('takes the type from ProfileDistributionType when the DER copy carries it', async () => {
    const { profile } = await decode({ type: 'enterprise', derCopy: { inconsistent: { distributionType: 'ADHOC' } } });
    expect(profile.derProfile.distributionType).toBe('ADHOC');
    expect(profile.type).toBe('adhoc');
  });

  it('reports an entitlement that differs', async () => {
    const { profile } = await decode({ derCopy: { inconsistent: { applicationIdentifier: 'TESTTEAM01.com.evil.app' } } });
    expect(profile.derProfile.consistent).toBe(false);
    expect(profile.derProfile.mismatches).toHaveLength(1);
    expect(profile.derProfile.signature).toBe('valid');
    expect(profile.derProfile.mismatches[0]).toBe('Entitlements.application-identifier: plist "TESTTEAM01.com.example.provlens", DER "TESTTEAM01.com.evil.app"');
  });

  it('reports absence plainly', async () => {
    const { profile } = await decode({ derCopy: 'none' });
    expect(profile.derProfile).toEqual({ present: false, signature: null, distributionType: null, consistent: null, mismatches: [] });
  });
});

describe('decodeProfile: type inference without a DER copy', () => {
  it.each([
    [{ type: 'development' }, 'development'],
    [{ type: 'adhoc' }, 'adhoc'],
    [{ type: 'appstore' }, 'appstore'],
    [{ type: 'enterprise' }, 'enterprise'],
    [{ type: 'developer-id' }, 'developer-id'],
    // macOS development profiles list devices but carry no get-task-allow.
    [{ type: 'development', platform: ['OSX'], getTaskAllow: null }, 'development'],
    [{ type: 'appstore', platform: ['OSX'], getTaskAllow: null }, 'appstore'],
    // Pre-2015: no Platform key, so iOS rules apply.
    [{ type: 'enterprise', platform: null }, 'enterprise'],
  ] as [ProfileSpec, string][])('%o → %s', async (spec, type) => {
    const { profile } = await decode({ ...spec, derCopy: 'none' });
    expect(profile.type).toBe(type);
  });

  it('flags wildcard app IDs', async () => {
    const { profile } = await decode({ bundleId: 'com.example.*' });
    expect(profile).toMatchObject({ applicationIdentifier: 'TESTTEAM01.com.example.*', bundleId: 'com.example.*', wildcard: true });
  });
});

describe('decodeProfile: typed errors', () => {
  it.each([
    ['empty', new Uint8Array(0), 'empty'],
    ['text', new TextEncoder().encode('Dummy file. Not parsed by anything.'), 'not-a-profile'],
    ['a plist that is not a profile', new TextEncoder().encode('<plist><dict><key>CFBundleIdentifier</key><string>x</string></dict></plist>'), 'not-a-profile'],
    ['an XML entity bomb', new TextEncoder().encode('<?xml version="1.0"?><!DOCTYPE plist [<!ENTITY a "aaaa">]><plist><dict><key>UUID</key><string>&a;</string></dict></plist>'), 'malformed-plist'],
  ] as const)('%s → %s', async (_label, bytes, code) => {
    expect(await failure(bytes)).toBe(code);
  });

  it('refuses input above the limit before parsing', async () => {
    expect(MAX_PROFILE_BYTES).toBe(4 * 1024 * 1024);
    expect(await failure(new Uint8Array(MAX_PROFILE_BYTES + 1))).toBe('too-large');
    expect(await failure(new Uint8Array(2000).fill(0x30), { ...options, maxBytes: 1000 })).toBe('too-large');
  });

  it('reports every truncation of a signed profile as malformed-cms', async () => {
    const bytes = await makeProfile(pki, { createdAt: CREATED, expiresAt: EXPIRES });
    for (const length of [40, 100, 1000, bytes.length - 200, bytes.length - 1]) {
      expect(await failure(bytes.subarray(0, length))).toBe('malformed-cms');
    }
  });

  it('reports signed content that is not a plist as not-a-profile', async () => {
    const identity = { chain: [pki.iphoneSigner.der, pki.iphoneCa.der], privateKey: pki.iphoneSigner.privateKey };
    const cms = await signCms(identity, new TextEncoder().encode('just some signed text'));
    expect(await failure(cms)).toBe('not-a-profile');
  });
});
