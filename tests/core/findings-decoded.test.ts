// Findings on profiles that went through the real decoder: synthetic ones from the fixture factory (a test CA with
// Apple's names, one preset per real-world case) and, when present, the real Apple-signed files in ../shared/fixtures.
import { beforeAll, describe, expect, it } from 'vitest';
import { findings } from '../../core/profile/findings';
import { decodeProfile } from '../../core/profile/profile';
import type { FindingCode } from '../../core/types';
import {
  PRESETS,
  certificateExpiresBeforeProfile,
  certificateTeamMismatch,
  makeProfile,
  sharedTestPki,
  type ProfileSpec,
  type TestPki,
} from '../fixtures/factory';
import { hasSharedFixtures, readShared, warnIfSharedFixturesMissing } from '../shared-fixtures';

const DAY = 86_400_000;
// Whole seconds, as plist dates are: "expires in exactly 30 days" stays exactly 30 days after decoding.
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const days = (count: number) => new Date(now.getTime() + count * DAY);

let pki: TestPki;
beforeAll(async () => {
  warnIfSharedFixturesMissing();
  pki = await sharedTestPki();
});

async function codesFor(spec: ProfileSpec): Promise<FindingCode[]> {
  const bytes = await makeProfile(pki, { createdAt: days(-1), derCopy: 'consistent', ...spec });
  const decoded = await decodeProfile(bytes, { trustedCaSha256: pki.trustedCaSha256, now });
  return findings(decoded, { now }).map((item) => item.code);
}

describe('findings on factory-made profiles (decoded for real)', () => {
  it('a fresh in-house profile with a consistent DER copy has none', async () => {
    expect(await codesFor(PRESETS.inHouse())).toEqual([]);
  });

  const cases: [string, () => ProfileSpec | Promise<ProfileSpec>, FindingCode[]][] = [
    ['expires in exactly 30 days', () => PRESETS.expiringIn(30, now), ['expires-soon']],
    ['expires in 31 days', () => PRESETS.expiringIn(31, now), []],
    ['expired', () => ({ ...PRESETS.expired(now), createdAt: days(-400) }), ['expired']],
    // The tamper flips AppIDName's case, so the DER copy (signed separately) now disagrees as well.
    ['tampered after signing', () => PRESETS.tampered(), ['signature-invalid', 'der-mismatch']],
    ['signed under a root that is not Apple', () => PRESETS.wrongRoot(), ['not-apple-signed']],
    ['a bare plist', () => PRESETS.barePlist(), ['not-apple-signed']],
    ['an App Store profile', () => PRESETS.appStore(), ['not-in-house']],
    ['a DER copy that disagrees', () => PRESETS.derInconsistent(), ['der-mismatch']],
    ['no DER copy, made today', () => ({ derCopy: 'none' }), ['der-missing']],
    ['get-task-allow in-house', () => PRESETS.debuggableInHouse(), ['debuggable']],
    ['devices in an in-house profile', () => PRESETS.devicesInHouse(), ['devices-in-in-house']],
    ['a free team', () => PRESETS.freeTeam(now), ['expires-soon', 'free-team', 'not-in-house']],
    ['a tvOS development profile', () => PRESETS.tvOS(), ['not-in-house', 'not-ios']],
    ['a wildcard app ID', () => PRESETS.wildcard(), ['wildcard-app-id']],
    ['an app ID prefix from another team', () => PRESETS.appIdPrefixMismatch(), ['team-mismatch']],
    ['a certificate from another team', () => certificateTeamMismatch(pki), ['team-mismatch']],
    ['a certificate that ends before the profile', () => certificateExpiresBeforeProfile(pki, now), ['certificate-expires-before-profile']],
  ];
  for (const [situation, spec, expected] of cases) {
    it(situation, async () => {
      expect(await codesFor(await spec())).toEqual(expected);
    });
  }

  it('a 2019 profile whose Apple signer has expired since', async () => {
    const codes = await codesFor({ ...PRESETS.expiredSigner(), derCopy: 'none' });
    expect(codes).toEqual(['expired', 'der-missing', 'signer-expired-now']);
  });
});

// Facts from ../shared/fixtures/expectations.json; the clock is pinned so the verdicts do not drift with time.
describe.runIf(hasSharedFixtures)('findings on real Apple profiles', () => {
  async function real(file: string, at: string) {
    const decoded = await decodeProfile(readShared(`profiles/${file}`), { now: new Date(at) });
    return findings(decoded, { now: new Date(at) });
  }

  it('an in-house profile 10 days before its 2021-06-25 expiry', async () => {
    const list = await real('proton_FlappyBird.ipa_enterprise_2020_BUNDLEID-MISMATCH_embedded.mobileprovision', '2021-06-15T08:23:09.000Z');
    expect(list.map((item) => [item.code, item.severity])).toEqual([
      ['expires-soon', 'warning'],
      ['der-missing', 'info'],
    ]);
    expect(list[0]?.message).toBe('Expires on 2021-06-25 08:23 UTC: 10 days left.');
  });

  it('a 2025 ad hoc profile with a DER copy, half-way through its life', async () => {
    const list = await real('AppInformation_adhoc_2025_DER_embedded.mobileprovision', '2025-06-01T00:00:00.000Z');
    expect(list.map((item) => item.code)).toEqual(['not-in-house']);
  });

  it('a wildcard in-house profile, read today', async () => {
    const codes = (await real('fireup_enterprise_2019_wildcard_embedded.mobileprovision', '2026-01-01T00:00:00.000Z')).map((item) => item.code);
    expect(codes).toContain('expired');
    expect(codes).toContain('wildcard-app-id');
    expect(codes).not.toContain('not-in-house');
    expect(codes).not.toContain('signature-invalid');
  });

  it('a free-team development profile (TimeToLive 7)', async () => {
    const codes = (await real('MobilApp_development_2018_embedded.mobileprovision', '2018-04-18T00:00:00.000Z')).map((item) => item.code);
    expect(codes).toEqual(['expires-soon', 'free-team', 'der-missing', 'not-in-house']);
  });

  it('a macOS Developer ID profile is not for Intune', async () => {
    const codes = (await real('RC-600-control_macos_developerid_2025_DER_embedded.provisionprofile', '2025-06-01T00:00:00.000Z')).map((item) => item.code);
    expect(codes).toEqual(expect.arrayContaining(['not-in-house', 'not-ios']));
    expect(codes).not.toContain('expired');
  });

  it('the tampered profile and a self-signed one', async () => {
    const tampered = await real('odd/fastlane_match_test_TAMPERED-iOS-to-OSX.provisionprofile', '2016-01-01T00:00:00.000Z');
    expect(tampered[0]).toMatchObject({ code: 'signature-invalid', severity: 'error' });
    const selfSigned = await real('odd/fastlane_core_very-capable-app_SELFSIGNED-TestFixture_embedded.mobileprovision', '2018-05-01T00:00:00.000Z');
    expect(selfSigned[0]).toMatchObject({ code: 'not-apple-signed', severity: 'error' });
  });
});
