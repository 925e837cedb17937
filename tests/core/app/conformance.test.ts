// The app reader against real .ipa files from other projects' test suites (../shared/fixtures/ipa), checked against
// expectations-apps.json: bundle paths and ids, embedded profile UUIDs, App ID match, the code signer's SHA-256 and
// whether the profile lists it.
import { describe, expect, it } from 'vitest';
import { decodeApp } from '../../../core/app/app';
import { ProvlensError } from '../../../core/errors';
import { hasSharedFixtures, readShared, readSharedJson, warnIfSharedFixturesMissing } from '../../shared-fixtures';

interface ExpectedBundle {
  path: string;
  bundleId: string;
  hasProfile: boolean;
  profileUuid: string | null;
  bundleIdMatchesAppId: boolean | null;
  signerSha256: string | null;
  signerInProfile: boolean | null;
}

type Expectations = Record<string, { error: boolean; bundles: ExpectedBundle[] }>;

// One deliberate disagreement with expectations-apps.json. appinfo_ipad.ipa's binary carries, besides the real
// signature slot (0x10000), a stray 40-byte CSMAGIC_BLOBWRAPPER in slot 4; a reader that takes the first wrapper by
// magic finds no CMS there, which is where the file's `null` comes from. The real slot holds a CMS whose signer,
// "iPhone Distribution: QYER Inc (5PJA6N5A3B)", verifies over the CodeDirectory (openssl cms -verify agrees, and so
// does the reader: the bundle has no notes) and is one of the embedded profile's DeveloperCertificates.
const CORRECTIONS: Record<string, Partial<ExpectedBundle>> = {
  'ipa/appinfo_ipad.ipa#Payload/bundle.app/': {
    signerSha256: '4eb21cd714bdef838ea8f053d048f38e5b762933018874a5d5e393779aeeac3d',
    signerInProfile: true,
  },
};

warnIfSharedFixturesMissing();
const expectations: Expectations = hasSharedFixtures ? readSharedJson<Expectations>('expectations-apps.json') : {};

describe.runIf(hasSharedFixtures)('decodeApp on real apps (../shared/fixtures/ipa)', () => {
  it('covers every app the expectations list', () => {
    expect(Object.keys(expectations)).toHaveLength(7);
  });

  for (const [file, expected] of Object.entries(expectations)) {
    it(file, async () => {
      const bytes = readShared(file);
      if (expected.error) {
        await expect(decodeApp(bytes)).rejects.toSatisfy((e) => e instanceof ProvlensError && e.code === 'not-a-zip');
        return;
      }
      const app = await decodeApp(bytes);
      const actual = app.bundles.map((bundle) => ({
        path: bundle.path,
        bundleId: bundle.bundleId,
        hasProfile: bundle.profile !== null,
        profileUuid: bundle.profile?.profile?.uuid ?? null,
        bundleIdMatchesAppId: bundle.match.bundleIdMatchesAppId,
        signerSha256: bundle.signingCertificate?.sha256 ?? null,
        signerInProfile: bundle.match.certificateInProfile,
      }));
      expect(actual).toEqual(expected.bundles.map((bundle) => ({ ...bundle, ...CORRECTIONS[`${file}#${bundle.path}`] })));
      for (const bundle of app.bundles) expect(bundle.notes, bundle.path).toEqual([]);
      if (expected.bundles.length === 0) expect(app.notes[0]).toMatch(/^No app bundle at Payload\/\*\.app/);
    });
  }

  it('reads the signer of a fat binary and the Team ID it claims', async () => {
    const [bundle] = (await decodeApp(readShared('ipa/isign_SimpleSaucyApp.ipa'))).bundles;
    expect(bundle?.signingCertificate).toMatchObject({
      commonName: 'iPhone Distribution: SAUCE LABS INC (JWKXD469L2)',
      teamId: 'JWKXD469L2',
    });
    expect(bundle?.match.teamMatches).toBe(true);
    expect(bundle?.profile?.signature?.status).toBe('valid');
  });
});
