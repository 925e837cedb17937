// Integrity and capabilities on the real apps in ../shared/fixtures/ipa, and on altered copies of them made in memory.
// Every expected value below was cross-checked with an independent reader (Python zipfile + hashlib + plistlib over
// the same archives: page hashes, special slots, CodeResources files2, entitlements blob), which agreed app by app.
import { describe, expect, it } from 'vitest';
import { decodeApp } from '../../../core/app/app';
import { parseSuperBlob } from '../../../core/app/code-directory';
import { readMachO } from '../../../core/app/macho';
import type { AppBundle } from '../../../core/types';
import { alterApp } from '../../fixtures/app-factory';
import { hasSharedFixtures, readShared, warnIfSharedFixturesMissing } from '../../shared-fixtures';

warnIfSharedFixturesMissing();

// What each real app gives: status, the signed entitlement keys, capabilities against its own embedded profile.
const REAL: Record<string, { status: AppBundle['integrity']['status']; problems: string[]; entitlements: number; capabilities: AppBundle['capabilities']['status'] }> = {
  'ipa/appinfo_apple-tv.ipa': { status: 'intact', problems: [], entitlements: 3, capabilities: 'covered' },
  'ipa/appinfo_ipad.ipa': { status: 'intact', problems: [], entitlements: 5, capabilities: 'covered' },
  'ipa/appinfo_iphone.ipa': { status: 'intact', problems: [], entitlements: 4, capabilities: 'covered' },
  'ipa/isign_SimpleSaucyApp.ipa': { status: 'intact', problems: [], entitlements: 4, capabilities: 'covered' },
  // Hashes all hold, but the CMS signer "TestFixture" is a self-made certificate, not issued by Apple. Its embedded
  // profile is signed by the same self-made certificate, so it grants nothing a device would honour (issue 19 part 6).
  'ipa/fastlane_very-capable-app_FAKESIGNED.ipa': { status: 'unverifiable', problems: ['untrusted-signer'], entitlements: 24, capabilities: 'unknown' },
};

async function only(bytes: Uint8Array): Promise<AppBundle> {
  const app = await decodeApp(bytes);
  expect(app.bundles).toHaveLength(1);
  return app.bundles[0]!;
}

describe.runIf(hasSharedFixtures)('integrity of real apps', () => {
  for (const [file, expected] of Object.entries(REAL)) {
    it(file, async () => {
      const bundle = await only(readShared(file));
      expect(bundle.integrity.status).toBe(expected.status);
      expect(bundle.integrity.problems.map((p) => p.code)).toEqual(expected.problems);
      expect(Object.keys(bundle.capabilities.entitlements ?? {})).toHaveLength(expected.entitlements);
      expect(bundle.capabilities.status).toBe(expected.capabilities);
    });
  }

  it('reads the very capable app\'s entitlements in full', async () => {
    const bundle = await only(readShared('ipa/fastlane_very-capable-app_FAKESIGNED.ipa'));
    expect(bundle.capabilities.reason).toMatch(/^the embedded profile is not a verified, Apple-signed profile \(untrusted: not signed by Apple: the chain ends at "TestFixture"/);
    expect(bundle.capabilities.entitlements).toMatchObject({
      'aps-environment': 'development',
      'com.apple.developer.icloud-services': ['CloudDocuments', 'CloudKit'],
      'com.apple.developer.pass-type-identifiers': ['TestFixture.*'],
      'keychain-access-groups': ['TestFixture.org.fastlane.very-capable-app'],
    });
  });

  it('a byte changed in the bound SHA-256 alternate CodeDirectory of a real app is named', async () => {
    const exe = 'Payload/bundle.app/bundle';
    const altered = alterApp(readShared('ipa/appinfo_ipad.ipa'), (m) => {
      const bytes = m[exe]!.slice();
      const slice = readMachO(bytes).slices[1]!;
      const alternate = parseSuperBlob(slice.codeSignature!).all.find((cd) => cd.slot === 0x1000)!;
      const at = alternate.bytes.byteOffset + alternate.hashOffset + 3; // inside the first code-page hash
      bytes[at] = bytes[at]! ^ 0x01;
      m[exe] = bytes;
    });
    const bundle = await only(altered);
    expect(bundle.integrity.problems.map((p) => [p.code, p.path])).toEqual([['signature-invalid', 'bundle']]);
    expect(bundle.integrity.problems[0]?.message).toMatch(/^arm64: the SHA-256 CodeDirectory is not one the CMS signed/);
  });

  const SAUCY = 'Payload/SimpleSaucyApp.app/';
  it('names what was altered in a real app: a resource, a dylib, a code byte, Info.plist, an added file', async () => {
    const real = readShared('ipa/isign_SimpleSaucyApp.ipa');
    const altered = alterApp(real, (m) => {
      m[`${SAUCY}Assets.car`] = m[`${SAUCY}Assets.car`]!.slice(0, 1000);
      const dylib = m[`${SAUCY}Frameworks/libswiftDarwin.dylib`]!.slice();
      dylib[70_000] = dylib[70_000]! ^ 0xff;
      m[`${SAUCY}Frameworks/libswiftDarwin.dylib`] = dylib;
      const exe = m[`${SAUCY}SimpleSaucyApp`]!.slice();
      exe[20_000] = exe[20_000]! ^ 0xff;
      m[`${SAUCY}SimpleSaucyApp`] = exe;
      m[`${SAUCY}Info.plist`] = new Uint8Array([...m[`${SAUCY}Info.plist`]!, 0x0a]);
      m[`${SAUCY}payload.js`] = new TextEncoder().encode('alert(1)');
      delete m[`${SAUCY}Base.lproj/LaunchScreen.nib`]; // sealed as optional (.lproj rule): not a problem
      delete m[`${SAUCY}archived-expanded-entitlements.xcent`];
    });
    const bundle = await only(altered);
    expect(bundle.integrity.status).toBe('modified');
    const named = bundle.integrity.problems.map((p) => [p.code, p.path]);
    // Byte 20,000 lies in the first (armv7) slice; each slice's CodeDirectory seals Info.plist on its own.
    expect(named).toEqual([
      ['code-modified', 'SimpleSaucyApp'],
      ['info-plist-modified', 'Info.plist'],
      ['info-plist-modified', 'Info.plist'],
      ['file-missing', 'archived-expanded-entitlements.xcent'],
      ['file-modified', 'Assets.car'],
      ['file-modified', 'Frameworks/libswiftDarwin.dylib'],
      ['file-added', 'payload.js'],
    ]);
  });
});
