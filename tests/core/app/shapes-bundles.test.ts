// Bundles inside bundles, and what export tools put beside Payload/: a watch app (Watch/*.app) with its own PlugIns
// extension, an App Clip (AppClips/*.app), an XCTest runner whose .xctest plug-in and XCTest.framework are nested
// code, and the SwiftSupport/, Symbols/, iTunesMetadata.plist and __MACOSX/ members App Store and Finder archives
// carry outside the app (never sealed by it, never judged as part of it). Layout per Apple's "Placing content in a
// bundle"; every nested bundle here is sealed by its parent by cdhash, as codesign --deep and Xcode seal them.
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeApp } from '../../../core/app/app';
import { renewalVerdict } from '../../../core/app/verdict';
import { inspectProfile } from '../../../core/inspect';
import type { DecodedApp } from '../../../core/types';
import type { CodeSignatureSpec } from '../../fixtures/app-factory';
import { flipByte, makeShapedApp, writeZip, type ShapedBundle, type SliceShape } from '../../fixtures/app-shapes';
import { APP_ID, NOW, TEAM, appFixtures, type AppFixtures } from './app-fixtures';

const utf8 = new TextEncoder();
const ROOT = 'Payload/Field.app/';

let f: AppFixtures;

beforeAll(async () => {
  f = await appFixtures();
}, 120_000);

async function decode(members: Record<string, Uint8Array>): Promise<DecodedApp> {
  return decodeApp(writeZip(members), { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });
}

/** Each bundle's path, status and problems (code and file). */
async function judged(members: Record<string, Uint8Array>): Promise<[string, string, (string | null)[][]][]> {
  const app = await decode(members);
  return app.bundles.map((b) => [b.path, b.integrity.status, b.integrity.problems.map((p) => [p.code, p.path ?? null])]);
}

function altered(members: Record<string, Uint8Array>, change: (copy: Record<string, Uint8Array>) => void): Record<string, Uint8Array> {
  const copy = { ...members };
  change(copy);
  return copy;
}

const entitlementsOf = (bundleId: string, extra: Record<string, unknown> = {}) => ({
  'application-identifier': `${TEAM}.${bundleId}`,
  'com.apple.developer.team-identifier': TEAM,
  ...extra,
});

function signedFor(bundleId: string, extra: Partial<CodeSignatureSpec> = {}): CodeSignatureSpec {
  return f.signedBy(f.developer, { identifier: bundleId, entitlements: entitlementsOf(bundleId), ...extra });
}

async function bundle(path: string, bundleId: string, executable: string, slices: readonly SliceShape[], extra: Partial<ShapedBundle> = {}): Promise<ShapedBundle> {
  const entitlements = slices[0]?.signature?.entitlements;
  return {
    path,
    bundleId,
    executable,
    slices,
    resources: { 'Assets.car': utf8.encode(`${executable} assets`), 'embedded.mobileprovision': await f.profile({ bundleId, entitlements }) },
    ...extra,
  };
}

describe('a watch app with its own extension', () => {
  const WATCH = `${ROOT}Watch/FieldWatch.app/`;
  const EXT = `${WATCH}PlugIns/FieldWatchExt.appex/`;
  let members: Record<string, Uint8Array>;
  let specs: ShapedBundle[];
  /** `rebuilt` bytes more code in each slice: another build of the same watch app, as validly signed. */
  const watchSlices = (bundleId: string, rebuilt = 0): SliceShape[] => [
    { cpu: 'armv7k', codeBytes: 6000 + rebuilt, signature: signedFor(bundleId, { codeDirectories: ['SHA-1', 'SHA-256'] }) },
    { cpu: 'arm64_32', codeBytes: 9000 + rebuilt, signature: signedFor(bundleId) },
  ];

  beforeAll(async () => {
    specs = [
      await bundle(ROOT, APP_ID, 'Field', [{ cpu: 'arm64', codeBytes: 9000, signature: signedFor(APP_ID) }]),
      await bundle(WATCH, `${APP_ID}.watchkitapp`, 'FieldWatch', watchSlices(`${APP_ID}.watchkitapp`), {
        info: { WKWatchKitApp: true, WKCompanionAppBundleIdentifier: APP_ID },
      }),
      await bundle(EXT, `${APP_ID}.watchkitapp.watchkitextension`, 'FieldWatchExt', watchSlices(`${APP_ID}.watchkitapp.watchkitextension`), {
        info: { NSExtension: { NSExtensionPointIdentifier: 'com.apple.watchkit' } },
        resources: { 'Interface.plist': utf8.encode('<plist/>'), 'embedded.mobileprovision': await f.profile({ bundleId: `${APP_ID}.watchkitapp.watchkitextension` }) },
      }),
    ];
    members = (await makeShapedApp(specs)).members;
  }, 120_000);

  it('is three intact bundles, each with its entitlements covered by its own profile', async () => {
    const app = await decode(members);
    expect(app.bundles.map((b) => [b.path, b.kind, b.bundleId, b.integrity.status, b.capabilities.status])).toEqual([
      [ROOT, 'app', APP_ID, 'intact', 'covered'],
      [WATCH, 'app', `${APP_ID}.watchkitapp`, 'intact', 'covered'],
      [EXT, 'extension', `${APP_ID}.watchkitapp.watchkitextension`, 'intact', 'covered'],
    ]);
    expect(app.bundles.flatMap((b) => b.notes)).toEqual([]);
  });

  it("the extension's resource replaced is named in the extension alone", async () => {
    expect(await judged(altered(members, (m) => void (m[`${EXT}Interface.plist`] = utf8.encode('<plist><dict/></plist>'))))).toEqual([
      [ROOT, 'intact', []],
      [WATCH, 'intact', []],
      [EXT, 'modified', [['file-modified', 'Interface.plist']]],
    ]);
  });

  it("a byte of the watch app's armv7k code patched, and a file added beside it, are named in the watch app", async () => {
    expect(await judged(altered(members, (m) => {
      flipByte(m, `${WATCH}FieldWatch`, (1 << 14) + 5000);
      m[`${WATCH}hook.dylib`] = utf8.encode('payload');
    }))).toEqual([
      [ROOT, 'intact', []],
      [WATCH, 'modified', [['code-modified', 'FieldWatch'], ['file-added', 'hook.dylib']]],
      [EXT, 'intact', []],
    ]);
  });

  it('one wildcard in-house profile keeps all three alive; a change in the extension is why it cannot, named', async () => {
    const wildcard = await inspectProfile('wildcard.mobileprovision', await f.profile({ bundleId: 'com.contoso.*' }), { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });
    const genuine = renewalVerdict(await decode(members), wildcard, { now: NOW });
    expect([genuine.canKeepAlive, genuine.reasons.map((r) => r.code)]).toEqual([true, ['ok']]);
    const changed = renewalVerdict(await decode(altered(members, (m) => flipByte(m, `${EXT}Interface.plist`, 1))), wildcard, { now: NOW });
    expect(changed.canKeepAlive).toBe(false);
    expect(changed.reasons.map((r) => [r.code, r.bundlePath])).toEqual([['app-modified', EXT]]);
    expect(changed.reasons[0]?.message).toMatch(/^FieldWatchExt\.appex was changed after it was signed \(Interface\.plist does not match/);
  });

  it('the watch app swapped for another validly signed build is intact on its own, but not the code its parent sealed', async () => {
    const rebuilt = (await makeShapedApp(specs.map((spec) => (spec.path === WATCH ? { ...spec, slices: watchSlices(`${APP_ID}.watchkitapp`, 500) } : spec)))).members;
    expect(await judged(altered(members, (m) => void (m[`${WATCH}FieldWatch`] = rebuilt[`${WATCH}FieldWatch`]!)))).toEqual([
      [ROOT, 'modified', [['nested-code-modified', 'Watch/FieldWatch.app']]],
      [WATCH, 'intact', []],
      [EXT, 'intact', []],
    ]);
  });

  it('the watch app removed is missing from the app that sealed it', async () => {
    const stripped = altered(members, (m) => {
      for (const name of Object.keys(m)) if (name.startsWith(WATCH)) delete m[name];
    });
    expect(await judged(stripped)).toEqual([[ROOT, 'modified', [['file-missing', 'Watch/FieldWatch.app']]]]);
  });
});

describe('an App Clip', () => {
  const CLIP = `${ROOT}AppClips/FieldClip.app/`;
  const CLIP_ID = `${APP_ID}.Clip`;
  const clipEntitlements = entitlementsOf(CLIP_ID, {
    'com.apple.developer.parent-application-identifiers': [`${TEAM}.${APP_ID}`],
    'com.apple.developer.on-demand-install-capable': true,
  });
  let members: Record<string, Uint8Array>;

  beforeAll(async () => {
    members = (await makeShapedApp([
      await bundle(ROOT, APP_ID, 'Field', [{ cpu: 'arm64', codeBytes: 9000, signature: signedFor(APP_ID) }]),
      await bundle(CLIP, CLIP_ID, 'FieldClip', [{ cpu: 'arm64', codeBytes: 9000, signature: signedFor(CLIP_ID, { entitlements: clipEntitlements }) }], {
        info: { NSAppClip: { NSAppClipRequestEphemeralUserNotification: false } },
      }),
    ])).members;
  }, 120_000);

  it('is two intact bundles; the clip keeps its own entitlements, covered by its profile', async () => {
    const app = await decode(members);
    expect(app.bundles.map((b) => [b.path, b.kind, b.integrity.status, b.capabilities.status])).toEqual([
      [ROOT, 'app', 'intact', 'covered'],
      [CLIP, 'app', 'intact', 'covered'],
    ]);
    expect(app.bundles[1]?.capabilities.entitlements).toEqual(clipEntitlements);
  });

  it("the clip's Info.plist edited and its code patched are named in the clip", async () => {
    expect(await judged(altered(members, (m) => {
      m[`${CLIP}Info.plist`] = utf8.encode(new TextDecoder().decode(m[`${CLIP}Info.plist`]).replace('<false/>', '<true/>'));
      flipByte(m, `${CLIP}FieldClip`, 4100);
    }))).toEqual([
      [ROOT, 'intact', []],
      [CLIP, 'modified', [['code-modified', 'FieldClip'], ['info-plist-modified', 'Info.plist']]],
    ]);
  });
});

describe('an XCTest runner', () => {
  const RUNNER = 'Payload/FieldUITests-Runner.app/';
  const XCTEST = `${RUNNER}PlugIns/FieldUITests.xctest/`;
  const XCTEST_KIT = `${RUNNER}Frameworks/XCTest.framework/`;
  let members: Record<string, Uint8Array>;

  beforeAll(async () => {
    const runnerId = `${APP_ID}.uitests.xctrunner`;
    members = (await makeShapedApp([
      await bundle(RUNNER, runnerId, 'FieldUITests-Runner', [{ cpu: 'arm64', codeBytes: 9000, signature: signedFor(runnerId) }], {
        dylibs: { 'Frameworks/libXCTestSwiftSupport.dylib': [{ cpu: 'arm64', signature: f.signedBy(f.developer, { identifier: 'com.apple.dt.libXCTestSwiftSupport' }) }] },
      }),
      {
        path: XCTEST,
        bundleId: `${APP_ID}.uitests`,
        executable: 'FieldUITests',
        info: { CFBundlePackageType: 'BNDL' },
        slices: [{ cpu: 'arm64', codeBytes: 9000, signature: f.signedBy(f.developer, { identifier: `${APP_ID}.uitests` }) }],
        resources: { 'en.lproj/InfoPlist.strings': utf8.encode('strings') },
      },
      {
        path: XCTEST_KIT,
        bundleId: 'com.apple.dt.XCTest',
        executable: 'XCTest',
        info: { CFBundlePackageType: 'FMWK' },
        slices: [{ cpu: 'arm64', codeBytes: 9000, signature: f.signedBy(f.developer, { identifier: 'com.apple.dt.XCTest' }) }],
        resources: { 'version.plist': utf8.encode('<plist/>') },
      },
    ])).members;
  }, 120_000);

  it('is one intact bundle: the .xctest plug-in and XCTest.framework are its nested code', async () => {
    expect(await judged(members)).toEqual([[RUNNER, 'intact', []]]);
  });

  it('the .xctest binary patched, a file added to it, and XCTest.framework changed are each named', async () => {
    expect(await judged(altered(members, (m) => {
      flipByte(m, `${XCTEST}FieldUITests`, 5000);
      m[`${XCTEST}inject.dylib`] = utf8.encode('payload');
      m[`${XCTEST_KIT}version.plist`] = utf8.encode('<plist><dict/></plist>');
    }))).toEqual([[RUNNER, 'modified', [
      ['nested-code-modified', 'PlugIns/FieldUITests.xctest/FieldUITests'],
      ['nested-code-modified', 'PlugIns/FieldUITests.xctest/inject.dylib'],
      ['nested-code-modified', 'Frameworks/XCTest.framework/version.plist'],
    ]]]);
  });
});

describe('members outside Payload/ that export tools and Finder add', () => {
  let members: Record<string, Uint8Array>;
  const OUTSIDE = {
    'SwiftSupport/iphoneos/libswiftCore.dylib': utf8.encode('Apple-signed Swift runtime'),
    'Symbols/6A0A2E3C-2C1B-3E4F-9D41-0A1B2C3D4E5F.symbols': utf8.encode('symbols'),
    'BCSymbolMaps/6A0A2E3C-2C1B-3E4F-9D41-0A1B2C3D4E5F.bcsymbolmap': utf8.encode('map'),
    'iTunesMetadata.plist': utf8.encode('<plist><dict><key>itemId</key><integer>1</integer></dict></plist>'),
    iTunesArtwork: utf8.encode('artwork'),
    '__MACOSX/._Payload': utf8.encode('resource fork'),
    '__MACOSX/Payload/._Field.app': utf8.encode('resource fork'),
    '__MACOSX/Payload/Field.app/._Info.plist': utf8.encode('resource fork'),
    '__MACOSX/Payload/Field.app/_CodeSignature/._CodeResources': utf8.encode('resource fork'),
  };

  beforeAll(async () => {
    members = (await makeShapedApp([await bundle(ROOT, APP_ID, 'Field', [{ cpu: 'arm64', codeBytes: 9000, signature: signedFor(APP_ID) }])], OUTSIDE)).members;
  }, 120_000);

  it('are ignored: one intact bundle, no notes, nothing called unsealed', async () => {
    const app = await decode(members);
    expect(app.notes).toEqual([]);
    expect(app.bundles.map((b) => [b.path, b.integrity.status, b.integrity.problems, b.notes])).toEqual([[ROOT, 'intact', [], []]]);
  });

  it('changing them changes nothing, while a change inside the app is still named', async () => {
    expect(await judged(altered(members, (m) => {
      flipByte(m, 'SwiftSupport/iphoneos/libswiftCore.dylib', 0);
      m['Symbols/other.symbols'] = utf8.encode('more');
      delete m['iTunesMetadata.plist'];
      m[`${ROOT}Assets.car`] = utf8.encode('other assets');
    }))).toEqual([[ROOT, 'modified', [['file-modified', 'Assets.car']]]]);
  });
});
