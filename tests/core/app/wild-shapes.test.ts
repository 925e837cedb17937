// Genuine apps as tools other than Xcode sign and pack them (issue 19): each shape is built here with the test CA
// (tests/fixtures/app-wild.ts) and must be judged intact, while a real change to the same shape is still named.
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeApp } from '../../../core/app/app';
import type { AppBundle, DecodedApp } from '../../../core/types';
import { alterApp, makeApp, type BundleSpec, type CodeSignatureSpec } from '../../fixtures/app-factory';
import { bareDerEntitlements, makeAppSealingExtensionFiles, renameMembers, withoutUtf8Flag } from '../../fixtures/app-wild';
import { APP_ID, NOW, TEAM, appFixtures, type AppFixtures } from './app-fixtures';

const ROOT = 'Payload/Field.app/';
const utf8 = new TextEncoder();
const ENTITLEMENTS = {
  'application-identifier': `${TEAM}.${APP_ID}`,
  'com.apple.developer.team-identifier': TEAM,
  'keychain-access-groups': [`${TEAM}.${APP_ID}`],
  'get-task-allow': false,
  'com.apple.developer.associated-domains': ['applinks:field.contoso.com'],
};

let f: AppFixtures;

beforeAll(async () => {
  f = await appFixtures();
}, 120_000);

async function bundle(extra: Partial<CodeSignatureSpec> = {}, more: Partial<BundleSpec> = {}): Promise<BundleSpec> {
  return {
    path: ROOT,
    bundleId: APP_ID,
    profile: await f.profile({ entitlements: { ...ENTITLEMENTS, 'com.apple.developer.associated-domains': ['*'] } }),
    resources: { 'Assets.car': utf8.encode('asset catalog'), 'Base.lproj/Main.storyboardc': utf8.encode('storyboard') },
    executableContent: { slices: ['arm64'], codeBytes: 6000, signature: f.signedBy(f.developer, { entitlements: ENTITLEMENTS, ...extra }) },
    ...more,
  };
}

async function decode(ipa: Uint8Array): Promise<DecodedApp> {
  return decodeApp(ipa, { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });
}

async function judge(ipa: Uint8Array): Promise<AppBundle> {
  const [first] = (await decode(ipa)).bundles;
  if (!first) throw new Error('no bundle');
  return first;
}

const problems = (b: AppBundle) => b.integrity.problems.map((p) => [p.code, p.path ?? null]);

describe('DER entitlements as a bare SET (re-signing tools)', () => {
  it('are read, compared with the XML ones, and the app is intact', async () => {
    const b = await judge(await makeApp({ bundles: [await bundle({ derEntitlementsPayload: bareDerEntitlements(ENTITLEMENTS) })] }));
    expect(b.integrity).toEqual({ status: 'intact', problems: [] });
    expect(b.capabilities).toEqual({ status: 'covered', notInProfile: [], entitlements: ENTITLEMENTS });
  });

  it('still say so when the bare form disagrees with the XML form', async () => {
    const wider = bareDerEntitlements({ ...ENTITLEMENTS, 'get-task-allow': true });
    const b = await judge(await makeApp({ bundles: [await bundle({ derEntitlementsPayload: wider })] }));
    expect(problems(b)).toEqual([['entitlements-mismatch', 'field']]);
    expect(b.integrity.problems[0]?.message).toBe('arm64: the DER entitlements (enforced by iOS 15 and later) differ from the XML ones on get-task-allow');
    expect(b.integrity.status).toBe('unverifiable');
  });
});

describe('an extension sealed file by file in its parent', () => {
  const EXT = `${ROOT}PlugIns/Share.appex/`;
  const share = (): BundleSpec => ({
    path: EXT,
    bundleId: `${APP_ID}.share`,
    executable: 'Share',
    resources: { 'icon.png': utf8.encode('icon'), 'SC_Info/Share.sinf': utf8.encode('fairplay info') },
    executableContent: { slices: ['arm64'], signature: f.signedBy(f.developer, { identifier: `${APP_ID}.share` }) },
  });
  let ipa: Uint8Array;

  beforeAll(async () => {
    ipa = await makeAppSealingExtensionFiles(await bundle(), share());
  }, 60_000);

  it('is intact: each sealed file is checked where it lies, in the extension', async () => {
    const app = await decode(ipa);
    expect(app.bundles.map((b) => [b.path, b.integrity.status, problems(b)])).toEqual([
      [ROOT, 'intact', []],
      [EXT, 'intact', []],
    ]);
  });

  it('the parent seals them: a sealed extension file changed or removed is named by both bundles', async () => {
    const changed = await decode(alterApp(ipa, (m) => void (m[`${EXT}icon.png`] = utf8.encode('other icon'))));
    expect(changed.bundles.map((b) => problems(b))).toEqual([
      [['file-modified', 'PlugIns/Share.appex/icon.png']],
      [['file-modified', 'icon.png']],
    ]);
    const removed = await decode(alterApp(ipa, (m) => void delete m[`${EXT}SC_Info/Share.sinf`]));
    expect(removed.bundles.map((b) => [b.integrity.status, problems(b)])).toEqual([
      ['modified', [['file-missing', 'PlugIns/Share.appex/SC_Info/Share.sinf']]],
      ['modified', [['file-missing', 'SC_Info/Share.sinf']]],
    ]);
  });

  it('a file added to the extension is the extension\'s problem, not the parent\'s', async () => {
    const added = await decode(alterApp(ipa, (m) => void (m[`${EXT}inject.dylib`] = utf8.encode('payload'))));
    expect(added.bundles.map((b) => problems(b))).toEqual([[], [['file-added', 'inject.dylib']]]);
  });
});

describe('ZIP names as Apple\'s tools write them', () => {
  const NAME = '微信';
  const CHINESE = `Payload/${NAME}.app/`;

  it('UTF-8 names without the UTF-8 flag are read as UTF-8: the bundle, its executable, its resources', async () => {
    const zipped = await makeApp({ bundles: [await bundle({}, { path: CHINESE, executable: NAME, resources: { '图标.png': utf8.encode('icon') } })] });
    const b = await judge(withoutUtf8Flag(zipped));
    expect(b.path).toBe(CHINESE);
    expect(b.executable).toBe(NAME);
    expect(b.notes).toEqual([]);
    expect(b.integrity).toEqual({ status: 'intact', problems: [] });
    expect(b.signingCertificate?.sha256).toBe(f.developer.sha256);
  });

  const CAFE_NFC = 'Café'.normalize('NFC');
  const CAFE_NFD = 'Café'.normalize('NFD');

  it('a resource sealed in NFC and stored in NFD (and the other way round) is the same file', async () => {
    const nfcSealed = await makeApp({ bundles: [await bundle({}, { resources: { [`${CAFE_NFC}.txt`]: utf8.encode('menu') } })] });
    const storedNfd = renameMembers(nfcSealed, (name) => name.normalize('NFD'));
    expect(problems(await judge(storedNfd))).toEqual([]);
    const nfdSealed = await makeApp({ bundles: [await bundle({}, { resources: { [`${CAFE_NFD}.txt`]: utf8.encode('menu') } })] });
    expect(problems(await judge(renameMembers(nfdSealed, (name) => name.normalize('NFC'))))).toEqual([]);
    // A change is still a change, whichever form names it.
    const changed = alterApp(storedNfd, (m) => void (m[`${ROOT}${CAFE_NFD}.txt`] = utf8.encode('other menu')));
    expect(problems(await judge(changed))).toEqual([['file-modified', `${CAFE_NFC}.txt`]]);
  });

  it('a bundle stored in NFD whose Info.plist names its executable in NFC is found, and its path is the real name', async () => {
    const path = `Payload/${CAFE_NFC}.app/`;
    const zipped = await makeApp({ bundles: [await bundle({}, { path, executable: CAFE_NFC })] });
    const b = await judge(withoutUtf8Flag(renameMembers(zipped, (name) => name.normalize('NFD'))));
    expect(b.path).toBe(`Payload/${CAFE_NFD}.app/`);
    expect(b.notes).toEqual([]);
    expect(b.integrity).toEqual({ status: 'intact', problems: [] });
  });

  it('an unsealed file is still named when its name is not ASCII', async () => {
    const zipped = await makeApp({ bundles: [await bundle()] });
    const b = await judge(withoutUtf8Flag(alterApp(zipped, (m) => void (m[`${ROOT}${CAFE_NFD}.js`] = utf8.encode('alert(1)')))));
    expect(problems(b)).toEqual([['file-added', `${CAFE_NFD}.js`]]);
    expect(b.integrity.status).toBe('modified');
  });
});
