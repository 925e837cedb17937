// Conformance against the real files in ../shared/fixtures: every listed field of every file in expectations.json,
// developer-certificate facts from expected.json (openssl + plistlib), and the DER copies' own signatures and
// cross-checks. Skipped, loudly, when the shared folder is absent (the synthetic tests still run).
import { describe, expect, it } from 'vitest';
import { readCertificate } from '../../core/cms/certificate';
import { ProvlensError } from '../../core/errors';
import { decodeProfile } from '../../core/profile/profile';
import type { DecodedProfile } from '../../core/types';
import { hasSharedFixtures, readShared, readSharedJson, warnIfSharedFixturesMissing } from '../shared-fixtures';

warnIfSharedFixturesMissing();

interface Expectation {
  signature: string[];
  applicationIdentifier?: string;
  certificateSha256?: string[];
  createdAt?: string;
  expiresAt?: string;
  derEncodedProfile?: boolean;
  deviceCount?: number;
  name?: string;
  platforms?: string[] | null;
  provisionsAllDevices?: boolean;
  teamId?: string;
  type?: string;
  uuid?: string;
}

interface RawFacts {
  DeveloperCertificates?: { subject_cn?: string; issuer_cn?: string; notAfter?: string; sha256?: string; error?: string }[];
  cms_certs?: { subject_cn: string; issuer_cn: string; notAfter: string; notBefore: string }[];
  signer?: { signingTime?: string };
  'DER-Encoded-Profile'?: boolean;
}

const NOW = new Date('2026-11-26T00:00:00.000Z');
const expectations = hasSharedFixtures ? readSharedJson<Record<string, Expectation>>('expectations.json') : {};
const facts = hasSharedFixtures ? readSharedJson<Record<string, RawFacts>>('expected.json') : {};
const decoded = new Map<string, Promise<DecodedProfile>>();

function decodeShared(file: string): Promise<DecodedProfile> {
  let result = decoded.get(file);
  if (!result) {
    result = decodeProfile(readShared(file), { now: NOW });
    decoded.set(file, result);
  }
  return result;
}

/** openssl's "Jan 31 06:46:11 2025 GMT" → ISO-8601 with milliseconds. */
function opensslTime(text: string): string {
  const [month, day, time, year] = text.trim().split(/\s+/);
  const index = 'JanFebMarAprMayJunJulAugSepOctNovDec'.indexOf(month ?? '') / 3;
  const [h, m, s] = (time ?? '').split(':').map(Number);
  return new Date(Date.UTC(Number(year), index, Number(day), h, m, s)).toISOString();
}

const isoSeconds = (text: string): string => new Date(text).toISOString();

describe.skipIf(!hasSharedFixtures)('real profiles: expectations.json', () => {
  it('covers all 53 files', () => {
    expect(Object.keys(expectations)).toHaveLength(53);
  });

  it.each(Object.entries(expectations))('%s', async (file, expected) => {
    const attempt = decodeShared(file);
    if (expected.signature.includes('error')) {
      const outcome = await attempt.then(
        (result) => ({ result, error: null }),
        (error: unknown) => ({ result: null, error }),
      );
      if (outcome.error) {
        expect(outcome.error).toBeInstanceOf(ProvlensError);
        expect(['empty', 'not-a-profile', 'malformed-cms', 'malformed-plist']).toContain((outcome.error as ProvlensError).code);
        return;
      }
      expect(expected.signature).toContain(outcome.result?.signature.status);
      return;
    }
    const { profile, signature } = await attempt;
    expect(expected.signature).toContain(signature.status);
    const actual = {
      uuid: profile.uuid,
      name: profile.name,
      teamId: profile.teamId,
      applicationIdentifier: profile.applicationIdentifier,
      type: profile.type,
      platforms: profile.platforms,
      createdAt: profile.createdAt,
      expiresAt: profile.expiresAt,
      deviceCount: profile.devices.length,
      provisionsAllDevices: profile.provisionsAllDevices,
      certificateSha256: profile.certificates.map((cert) => cert.sha256),
      derEncodedProfile: profile.derProfile.present,
    };
    const { signature: _signatures, ...fields } = expected;
    const listed = Object.keys(fields) as (keyof typeof actual)[];
    expect(Object.keys(actual)).toEqual(expect.arrayContaining(listed));
    expect(Object.fromEntries(listed.map((key) => [key, actual[key]]))).toEqual(fields);
  });
});

describe.skipIf(!hasSharedFixtures)('real profiles: facts from openssl (expected.json)', () => {
  const signed = Object.entries(facts).filter(([file, raw]) => file.startsWith('profiles/') && raw.cms_certs && expectations[file]?.signature.includes('valid'));

  it('has Apple-signed files to check', () => {
    expect(signed.length).toBe(40);
  });

  it.each(signed)('%s: developer certificates, signer, signing time and chain', async (file, raw) => {
    const { profile, signature } = await decodeShared(file);
    const certs = (raw.DeveloperCertificates ?? []).filter((cert) => !cert.error);
    expect(profile.certificates).toHaveLength(certs.length);
    certs.forEach((cert, i) => {
      const actual = profile.certificates[i]!;
      expect(actual.sha256).toBe(cert.sha256);
      expect(actual.commonName).toBe(cert.subject_cn);
      expect(actual.issuer).toBe(cert.issuer_cn);
      expect(actual.notAfter).toBe(isoSeconds(cert.notAfter!));
      expect(actual.teamId).toBe(profile.teamId);
      expect(actual.sha1).toMatch(/^[0-9a-f]{40}$/);
    });
    const signerCert = raw.cms_certs!.find((cert) => cert.subject_cn.endsWith('Provisioning Profile Signing'))!;
    expect(signature.signer).toBe(signerCert.subject_cn);
    expect(signature.chain[1]).toBe(signerCert.issuer_cn);
    expect(signature.signedAt).toBe(opensslTime(raw.signer!.signingTime!));
    expect(signature.signerValidNow).toBe(isoSeconds(signerCert.notAfter) >= NOW.toISOString());
    expect(signature.reason).toBeNull();
  });

  it.each(signed.filter(([, raw]) => raw['DER-Encoded-Profile']))('%s: DER copy verifies and agrees with the plist', async (file) => {
    const { profile } = await decodeShared(file);
    expect(profile.derProfile).toEqual({
      present: true,
      signature: 'valid',
      distributionType: expect.stringMatching(/^(LIMITED|ADHOC|STORE|IN_HOUSE|DIRECT)$/),
      consistent: true,
      mismatches: [],
    });
  });
});

describe.skipIf(!hasSharedFixtures)('real profiles: specific facts', () => {
  it('reports the tampered profile invalid, naming the digest mismatch', async () => {
    const { signature } = await decodeShared('profiles/odd/fastlane_match_test_TAMPERED-iOS-to-OSX.provisionprofile');
    expect(signature.status).toBe('invalid');
    expect(signature.reason).toMatch(/changed after signing/);
    expect(signature.signer).toBe('Apple iPhone OS Provisioning Profile Signing');
  });

  it.each([
    ['profiles/odd/appinfo_signed_plist_SELFSIGNED-icyleaf.mobileprovision', 'icyleaf'],
    ['profiles/odd/fastlane_core_very-capable-app_SELFSIGNED-TestFixture_embedded.mobileprovision', 'TestFixture'],
  ])('reports the self-signed %s untrusted', async (file, signer) => {
    const { signature } = await decodeShared(file);
    expect(signature.status).toBe('untrusted');
    expect(signature.signer).toBe(signer);
    expect(signature.chain).toEqual([signer]);
    expect(signature.reason).toMatch(/^not signed by Apple: /);
  });

  it('reads a 2025 ad hoc profile with its DER copy', async () => {
    const { profile, signature } = await decodeShared('profiles/AppInformation_adhoc_2025_DER_embedded.mobileprovision');
    expect(signature.chain).toEqual(['Apple iPhone OS Provisioning Profile Signing', 'Apple iPhone Certification Authority', 'Apple Root CA']);
    expect(profile).toMatchObject({
      appIdName: 'KKPlayer',
      teamName: 'guannan wang',
      applicationIdentifierPrefix: 'Q54VPH5SFF',
      bundleId: 'top.kktt.KKPlayer',
      wildcard: false,
      timeToLive: 327,
      getTaskAllow: false,
      apsEnvironment: 'production',
      isXcodeManaged: true,
      devices: expect.arrayContaining(['00008027-001E390401E9802E', '66b776432192989bc3898bc8e7e5b99fb241c7b1']),
    });
    expect(profile.derProfile.distributionType).toBe('ADHOC');
    expect(profile.entitlements['keychain-access-groups']).toEqual(['Q54VPH5SFF.*', 'com.apple.token']);
  });

  it('reads a pre-2015 profile (no Platform key, no root in the bag) as valid through the pinned intermediate', async () => {
    const { profile, signature } = await decodeShared('profiles/DockDoor_development_2013_embedded.mobileprovision');
    expect(profile.platforms).toBeNull();
    expect(profile.wildcard).toBe(true);
    expect(profile.bundleId).toBe('com.mccrearymodern.*');
    expect(signature.status).toBe('valid');
    expect(signature.chain).toEqual(['Apple iPhone OS Provisioning Profile Signing', 'Apple iPhone Certification Authority']);
    expect(signature.signerValidNow).toBe(false);
  });

  it('infers Developer ID for a macOS profile that provisions all devices', async () => {
    const { profile, signature } = await decodeShared('profiles/RC-600-control_macos_developerid_2025_DER_embedded.provisionprofile');
    expect(profile.type).toBe('developer-id');
    expect(profile.derProfile.distributionType).toBe('DIRECT');
    expect(signature.signer).toBe('Mac OS X Provisioning Profile Signing');
  });

  it('refuses Apple-signed profiles when Apple is not among the pins', async () => {
    const bytes = readShared('profiles/AppInformation_adhoc_2025_DER_embedded.mobileprovision');
    const { profile, signature } = await decodeProfile(bytes, { now: NOW, trustedCaSha256: ['00'.repeat(32)] });
    expect(signature.status).toBe('untrusted');
    expect(signature.reason).toMatch(/^not signed by Apple: /);
    expect(profile.derProfile.signature).toBe('untrusted');
  });
});

describe.skipIf(!hasSharedFixtures)('readCertificate on Apple-issued developer certificates (openssl facts)', () => {
  it('reads an iPhone Distribution certificate', async () => {
    const cert = await readCertificate(readShared('certs/devcert_fastlane_match_E7P4EE896K_iPhoneDistribution_FelixKrause.cer'));
    expect(cert).toEqual({
      commonName: 'iPhone Distribution: Felix Krause (439BBM9367)',
      teamId: '439BBM9367',
      organization: 'Felix Krause',
      serialNumber: '796259d1cd27cfdd',
      issuer: 'Apple Worldwide Developer Relations Certification Authority',
      notBefore: '2015-12-04T03:02:08.000Z',
      notAfter: '2016-12-03T03:02:08.000Z',
      sha1: 'ef4751ca452094e26a79d6f8bfdc08413ce6c90d',
      sha256: 'bb6b76592d44535476188b59541eef92c38b3a01f52e8101b9db4e8519563e1a',
    });
  });

  it('reads an Apple Development certificate whose OU differs from the name in its CN', async () => {
    const cert = await readCertificate(readShared('certs/devcert_applers_apple-signed-apple-development.cer'));
    expect(cert).toMatchObject({
      commonName: 'Apple Development: Gregory Szorc (DD5YMVP48D)',
      teamId: 'MK22MZP987',
      organization: 'Gregory Szorc',
      serialNumber: '7f7668b189b4efea9cf5910df8747e45',
      notBefore: '2021-04-26T19:32:52.000Z',
      sha1: '5eeadb4befce055e06b4239ad4c5f0d1bfd6af8f',
      sha256: '6b91c618851009aaf10fad9740be08a880cb1a9afc1672e4dbac9119c276db85',
    });
  });
});
