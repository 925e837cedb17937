import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeApp, embeddedProfileFiles, type AppDecodeOptions } from '../../../core/app/app';
import { ProvlensError } from '../../../core/errors';
import type { DecodedApp } from '../../../core/types';
import { makeApp, makeMachO } from '../../fixtures/app-factory';
import { APP_ID, EXTENSION_ID, NOW, TEAM, appFixtures, type AppFixtures } from './app-fixtures';

let f: AppFixtures;
let options: AppDecodeOptions;

beforeAll(async () => {
  f = await appFixtures();
  options = { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 };
}, 120_000);

async function errorCode(bytes: Uint8Array, extra: AppDecodeOptions = {}): Promise<string> {
  try {
    await decodeApp(bytes, { ...options, ...extra });
    return 'no error';
  } catch (error) {
    return error instanceof ProvlensError ? error.code : `not a ProvlensError: ${String(error)}`;
  }
}

describe('decodeApp: a well-formed in-house app with a share extension', () => {
  let app: DecodedApp;
  let bytes: Uint8Array;
  let appProfile: Uint8Array;
  let shareProfile: Uint8Array;

  beforeAll(async () => {
    appProfile = await f.profile({ uuid: 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa' });
    shareProfile = await f.profile({ uuid: 'bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb', bundleId: EXTENSION_ID, name: 'Contoso Share In-House' });
    bytes = await makeApp({
      bundles: [
        {
          path: 'Payload/Field.app/',
          bundleId: APP_ID,
          executable: 'Field',
          version: '2.4.1',
          build: '241',
          minimumOsVersion: '16.0',
          profile: appProfile,
          executableContent: f.machO(f.developer, ['armv7', 'arm64']),
        },
        {
          path: 'Payload/Field.app/PlugIns/Share.appex/',
          bundleId: EXTENSION_ID,
          executable: 'Share',
          infoPlist: 'binary',
          profile: shareProfile,
          executableContent: f.machO(f.developer),
        },
      ],
      extraMembers: { 'Payload/Field.app/Assets.car': new Uint8Array(2048), 'SwiftSupport/iphoneos/libswiftCore.dylib': new Uint8Array(64) },
    });
    app = await decodeApp(bytes, options);
  });

  it('hands back each bundle\'s embedded.mobileprovision bytes for callers that store the files', () => {
    expect(embeddedProfileFiles(bytes, app)).toEqual([
      { bundlePath: 'Payload/Field.app/', bytes: appProfile },
      { bundlePath: 'Payload/Field.app/PlugIns/Share.appex/', bytes: shareProfile },
    ]);
  });

  it('lists the app, then its extension, with what their Info.plists say (XML and binary)', () => {
    expect(app.notes).toEqual([]);
    expect(app.bundles.map((b) => [b.path, b.kind, b.bundleId, b.version, b.build, b.minimumOsVersion, b.executable, b.name])).toEqual([
      ['Payload/Field.app/', 'app', APP_ID, '2.4.1', '241', '16.0', 'Field', 'Field'],
      ['Payload/Field.app/PlugIns/Share.appex/', 'extension', EXTENSION_ID, '1.0', '1', '15.0', 'Share', 'Share'],
    ]);
  });

  it("names each executable's signer (fat and thin) by the certificate's SHA-256", () => {
    for (const bundle of app.bundles) {
      expect(bundle.signingCertificate).toMatchObject({ sha256: f.developer.sha256, teamId: TEAM, notAfter: '2028-01-01T00:00:00.000Z' });
      expect(bundle.notes).toEqual([]);
    }
  });

  it('decodes each embedded profile as a full profile result, findings included', () => {
    const [main, share] = app.bundles;
    expect(main?.profile).toMatchObject({ kind: 'profile', file: 'Payload/Field.app/embedded.mobileprovision', ok: true, error: null });
    expect(main?.profile?.profile?.uuid).toBe('aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa');
    expect(main?.profile?.signature?.status).toBe('valid');
    expect(share?.profile?.profile?.uuid).toBe('bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb');
    expect(share?.profile?.file).toBe('Payload/Field.app/PlugIns/Share.appex/embedded.mobileprovision');
    expect(main?.profile?.findings.map((x) => x.code)).not.toContain('not-in-house');
  });

  it('matches bundle id, certificate and team against each profile', () => {
    for (const bundle of app.bundles) {
      expect(bundle.match).toEqual({ bundleIdMatchesAppId: true, certificateInProfile: true, teamMatches: true });
    }
  });
});

describe('decodeApp: mismatches between app and profile', () => {
  async function mainBundle(profileSpec: Parameters<AppFixtures['profile']>[0], signer = f.developer) {
    const bytes = await makeApp({
      bundles: [{ path: 'Payload/Field.app/', bundleId: APP_ID, profile: await f.profile(profileSpec), executableContent: f.machO(signer) }],
    });
    const [bundle] = (await decodeApp(bytes, options)).bundles;
    return bundle!;
  }

  it('a wildcard App ID covers the bundle; another app\'s App ID does not', async () => {
    expect((await mainBundle({ bundleId: 'com.contoso.*' })).match.bundleIdMatchesAppId).toBe(true);
    expect((await mainBundle({ bundleId: 'com.dotgears.flap' })).match.bundleIdMatchesAppId).toBe(false);
  });

  it('an app signed by a certificate the profile does not list (a renewed profile for a new certificate)', async () => {
    const bundle = await mainBundle({ developerCertificates: [f.successor] });
    expect(bundle.match).toEqual({ bundleIdMatchesAppId: true, certificateInProfile: false, teamMatches: true });
  });

  it("another team's signature", async () => {
    const bundle = await mainBundle({}, f.stranger);
    expect(bundle.signingCertificate?.sha256).toBe(f.stranger.sha256);
    expect(bundle.match).toEqual({ bundleIdMatchesAppId: true, certificateInProfile: false, teamMatches: false });
  });

  it('an embedded profile that does not decode becomes ok:false with its error, not a thrown error', async () => {
    const bytes = await makeApp({
      bundles: [{ path: 'Payload/Field.app/', bundleId: APP_ID, profile: new TextEncoder().encode('garbage'), executableContent: f.machO(f.developer) }],
    });
    const [bundle] = (await decodeApp(bytes, options)).bundles;
    expect(bundle?.profile).toMatchObject({ ok: false, profile: null, signature: null, findings: [] });
    expect(bundle?.profile?.error?.code).toBe('not-a-profile');
    expect(bundle?.match).toEqual({ bundleIdMatchesAppId: null, certificateInProfile: null, teamMatches: null });
  });
});

describe('decodeApp: what is missing becomes a per-bundle note', () => {
  async function onlyBundle(spec: Partial<Parameters<typeof makeApp>[0]['bundles'][number]>) {
    const bytes = await makeApp({ bundles: [{ path: 'Payload/Field.app/', bundleId: APP_ID, ...spec }] });
    const decoded = await decodeApp(bytes, options);
    expect(decoded.bundles).toHaveLength(1);
    return decoded.bundles[0]!;
  }

  it('no Info.plist: ids unknown, the executable found by the folder name', async () => {
    const bundle = await onlyBundle({ infoPlist: 'missing', executable: 'Field', executableContent: f.machO(f.developer) });
    expect(bundle.bundleId).toBeNull();
    expect(bundle.executable).toBe('Field');
    expect(bundle.signingCertificate?.sha256).toBe(f.developer.sha256);
    expect(bundle.notes).toEqual([
      'No Info.plist: the bundle id, version and executable are unknown, and iOS would refuse this bundle',
      'Executable assumed to be "Field" (named after the bundle folder), since Info.plist does not say',
      'No embedded.mobileprovision: this bundle carries no provisioning profile',
    ]);
  });

  it('an Info.plist that is not a plist', async () => {
    const bundle = await onlyBundle({ infoPlist: 'garbage', executable: 'Other', executableContent: f.machO(f.developer) });
    expect(bundle.bundleId).toBeNull();
    expect(bundle.signingCertificate).toBeNull();
    expect(bundle.notes[0]).toMatch(/^Info\.plist does not parse/);
  });

  it('no profile, an unsigned executable (a simulator build)', async () => {
    const bundle = await onlyBundle({ executableContent: { slices: ['x86_64'], signature: null } });
    expect(bundle.profile).toBeNull();
    expect(bundle.signingCertificate).toBeNull();
    expect(bundle.match).toEqual({ bundleIdMatchesAppId: null, certificateInProfile: null, teamMatches: null });
    expect(bundle.notes).toEqual(['Executable (x86_64) is not code-signed', 'No embedded.mobileprovision: this bundle carries no provisioning profile']);
  });

  it('an ad-hoc signature, a fake-signed binary, an executable that is missing or not Mach-O', async () => {
    const adHoc = await onlyBundle({ executableContent: { slices: ['arm64'], signature: f.signedBy(f.developer, { signer: null }) } });
    expect(adHoc.notes[0]).toBe('Executable (arm64): the code signature carries no certificate (ad-hoc or unsigned)');
    const fake = await onlyBundle({ executableContent: { slices: ['arm64'], signature: f.signedBy(f.developer, { tampered: true }) } });
    expect(fake.signingCertificate?.sha256).toBe(f.developer.sha256);
    expect(fake.notes[0]).toMatch(/does not verify over its CodeDirectory/);
    const missing = await onlyBundle({ executable: 'Field' });
    expect(missing.notes[0]).toBe('The executable Payload/Field.app/Field is missing from the archive');
    const script = await onlyBundle({ executable: 'Field', executableContent: new TextEncoder().encode('#!/bin/sh\nexit 0\n') });
    expect(script.notes[0]).toBe('Executable: not a Mach-O binary');
  });
});

describe('decodeApp: archives that are not well-formed apps', () => {
  it('an app zipped from its parent folder: no bundles, a note, no error', async () => {
    const bytes = zipSync({ 'iOSAppOnly/Payload/Sample.app/Info.plist': new Uint8Array(4), '__MACOSX/iOSAppOnly/._x': new Uint8Array(1) });
    const decoded = await decodeApp(bytes, options);
    expect(decoded.bundles).toEqual([]);
    expect(decoded.notes).toHaveLength(1);
    expect(decoded.notes[0]).toMatch(/^No app bundle at Payload\/\*\.app, where iOS looks for it; found iOSAppOnly\/Payload\/Sample\.app\/ instead/);
  });

  it('typed errors for a ZIP with no app, a non-ZIP, an empty file, an oversized file', async () => {
    expect(await errorCode(zipSync({ 'word/document.xml': new Uint8Array(10) }))).toBe('no-app');
    expect(await errorCode(new TextEncoder().encode('Not an ipa file'))).toBe('not-a-zip');
    expect(await errorCode(new Uint8Array(0))).toBe('empty');
    const small = zipSync({ 'Payload/A.app/Info.plist': new Uint8Array(10) });
    expect(await errorCode(small, { maxBytes: small.length - 1 })).toBe('too-large');
  });

  it('refuses path traversal names and zip bombs', async () => {
    const traversal = await makeApp({ bundles: [{ path: 'Payload/Field.app/', bundleId: APP_ID }], extraMembers: { 'Payload/../../evil': new Uint8Array(1) } });
    expect(await errorCode(traversal)).toBe('unsafe-path');
    const bomb = await makeApp({
      bundles: [{ path: 'Payload/Field.app/', bundleId: APP_ID, executable: 'Field', executableContent: new Uint8Array(8 * 1024 * 1024) }],
    });
    expect(await errorCode(bomb)).toBe('zip-bomb');
    const swarm: Record<string, Uint8Array> = {};
    for (let i = 0; i <= 256; i++) swarm[`Payload/A.app/PlugIns/E${i}.appex/Info.plist`] = new Uint8Array(0);
    expect(await errorCode(zipSync(swarm))).toBe('zip-bomb');
  });
});

describe('decodeApp: nested bundles', () => {
  it('finds extensions, watch apps and their extensions; folders only, never files named like bundles', async () => {
    const bytes = zipSync({
      'Payload/Field.app/Info.plist': new Uint8Array(0),
      'Payload/Field.app/PlugIns/Share.appex/Info.plist': new Uint8Array(0),
      'Payload/Field.app/Extensions/Widget.appex/Info.plist': new Uint8Array(0),
      'Payload/Field.app/Watch/FieldWatch.app/PlugIns/Complication.appex/Info.plist': new Uint8Array(0),
      'Payload/Field.app/PlugIns/NotABundle.appex': new Uint8Array(0),
      'Payload/Field.app/Frameworks/Kit.framework/Info.plist': new Uint8Array(0),
    });
    const decoded = await decodeApp(bytes, options);
    expect(decoded.bundles.map((b) => [b.path, b.kind])).toEqual([
      ['Payload/Field.app/', 'app'],
      ['Payload/Field.app/Extensions/Widget.appex/', 'extension'],
      ['Payload/Field.app/PlugIns/Share.appex/', 'extension'],
      ['Payload/Field.app/Watch/FieldWatch.app/', 'app'],
      ['Payload/Field.app/Watch/FieldWatch.app/PlugIns/Complication.appex/', 'extension'],
    ]);
  });
});

it('keeps a hostile CFBundleExecutable from pointing at another member', async () => {
  const executable = await makeMachO(f.machO(f.developer));
  const bytes = zipSync({
    'Payload/Field.app/Info.plist': new TextEncoder().encode(
      '<?xml version="1.0"?><plist version="1.0"><dict><key>CFBundleIdentifier</key><string>com.contoso.field</string>' +
        '<key>CFBundleExecutable</key><string>../Other.app/Field</string></dict></plist>',
    ),
    'Payload/Other.app/Field': executable,
  });
  const [bundle] = (await decodeApp(bytes, options)).bundles;
  expect(bundle?.bundleId).toBe(APP_ID);
  expect(bundle?.executable).toBeNull();
  expect(bundle?.signingCertificate).toBeNull();
  expect(bundle?.notes[0]).toBe('CFBundleExecutable "../Other.app/Field" is not a file name inside the bundle; ignored');
});
