// Resource seals in the shapes real apps carry them (Apple TN2206 "Resource rules"): a pre-2014 app's v1 seal (files +
// rules, SHA-1 only, an unanchored ResourceRules.plist, the old CodeResources link at the bundle's root), and a
// current seal whose rules2 omit, make optional, mark nested, and outweigh one another. Each genuine bundle must be
// intact; each alteration must be named with its file, and what the rules leave unsealed must not be.
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from 'plist';
import { decodeApp } from '../../../core/app/app';
import type { AppBundle } from '../../../core/types';
import { flipByte, IOS_RULES2, makeShapedApp, RESOURCE_RULES_PLIST_RULES, writeZip, type ShapedBundle } from '../../fixtures/app-shapes';
import { APP_ID, NOW, TEAM, appFixtures, type AppFixtures } from './app-fixtures';

const utf8 = new TextEncoder();
const ENTITLEMENTS = {
  'application-identifier': `${TEAM}.${APP_ID}`,
  'com.apple.developer.team-identifier': TEAM,
  'keychain-access-groups': [`${TEAM}.${APP_ID}`],
  'get-task-allow': false,
};

let f: AppFixtures;

async function judge(members: Record<string, Uint8Array>, symlinks: readonly string[] = []): Promise<AppBundle> {
  const ipa = writeZip(members, { symlinks: new Set(symlinks) });
  const [bundle] = (await decodeApp(ipa, { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 })).bundles;
  if (!bundle) throw new Error('no bundle');
  return bundle;
}

const problems = (bundle: AppBundle) => bundle.integrity.problems.map((p) => [p.code, p.path ?? null]);

function altered(members: Record<string, Uint8Array>, change: (copy: Record<string, Uint8Array>) => void): Record<string, Uint8Array> {
  const copy = { ...members };
  change(copy);
  return copy;
}

beforeAll(async () => {
  f = await appFixtures();
}, 120_000);

// An iOS 6-era app: armv7 only, one SHA-1 CodeDirectory (no alternates, no CDHashes), a v1 seal written from the
// ResourceRules.plist Xcode 4–5 copied into the bundle (Info.plist names it in CFBundleResourceSpecification), which
// seals ResourceRules.plist itself, and the root "CodeResources" link to _CodeSignature/CodeResources that codesign
// excludes from every seal.
describe('a v1 seal (files + rules, SHA-1, ResourceRules.plist)', () => {
  const ROOT = 'Payload/Old.app/';
  let members: Record<string, Uint8Array>;
  const link = `${ROOT}CodeResources`;
  const judgeOld = (m: Record<string, Uint8Array>) => judge(m, [link]);

  beforeAll(async () => {
    const bundle: ShapedBundle = {
      path: ROOT,
      bundleId: APP_ID,
      executable: 'Old',
      info: { CFBundleResourceSpecification: 'ResourceRules.plist' },
      slices: [{ cpu: 'armv7', codeBytes: 9000, signature: f.signedBy(f.developer, { codeDirectories: ['SHA-1'], entitlements: ENTITLEMENTS }) }],
      seal: 'v1',
      resources: {
        'ResourceRules.plist': utf8.encode(build({ rules: RESOURCE_RULES_PLIST_RULES } as unknown as Parameters<typeof build>[0])),
        'Default.png': utf8.encode('launch image'),
        'en.lproj/InfoPlist.strings': utf8.encode('"CFBundleDisplayName" = "Old";'),
        'embedded.mobileprovision': await f.profile(),
      },
      optional: ['en.lproj/InfoPlist.strings'],
      unsealed: { CodeResources: utf8.encode('_CodeSignature/CodeResources') },
      dylibs: { 'libOld.dylib': [{ cpu: 'armv7', signature: f.signedBy(f.developer, { identifier: 'libOld', codeDirectories: ['SHA-1'] }) }] },
    };
    members = (await makeShapedApp([bundle])).members;
  }, 120_000);

  it('is intact, its entitlements covered, and the root CodeResources link is not an unsealed file', async () => {
    const bundle = await judgeOld(members);
    expect(bundle.integrity).toEqual({ status: 'intact', problems: [] });
    expect(bundle.capabilities).toEqual({ status: 'covered', notInProfile: [], entitlements: ENTITLEMENTS });
  });

  it('a resource replaced, ResourceRules.plist edited, a sealed dylib patched: each named', async () => {
    const bundle = await judgeOld(altered(members, (m) => {
      m[`${ROOT}Default.png`] = utf8.encode('another image');
      m[`${ROOT}ResourceRules.plist`] = utf8.encode(build({ rules: { '.*': { omit: true } } } as unknown as Parameters<typeof build>[0]));
      flipByte(m, `${ROOT}libOld.dylib`, 100);
    }));
    expect(bundle.integrity.status).toBe('modified');
    expect(problems(bundle)).toEqual([['file-modified', 'ResourceRules.plist'], ['file-modified', 'Default.png'], ['file-modified', 'libOld.dylib']]);
  });

  it('a file added is unsealed; the optional localization may go, a sealed file may not', async () => {
    const added = await judgeOld(altered(members, (m) => void (m[`${ROOT}Payload.dylib`] = utf8.encode('injected'))));
    expect(problems(added)).toEqual([['file-added', 'Payload.dylib']]);
    const stripped = await judgeOld(altered(members, (m) => void delete m[`${ROOT}en.lproj/InfoPlist.strings`]));
    expect(stripped.integrity).toEqual({ status: 'intact', problems: [] });
    const removed = await judgeOld(altered(members, (m) => void delete m[`${ROOT}Default.png`]));
    expect(problems(removed)).toEqual([['file-missing', 'Default.png']]);
  });

  it('a code byte patched and Info.plist edited are named against the SHA-1 CodeDirectory', async () => {
    const patched = await judgeOld(altered(members, (m) => flipByte(m, `${ROOT}Old`, 5000)));
    expect(problems(patched)).toEqual([['code-modified', 'Old']]);
    expect(patched.integrity.problems[0]?.message).toMatch(/^arm: code page 1 /);
    const edited = await judgeOld(altered(members, (m) => {
      m[`${ROOT}Info.plist`] = utf8.encode(new TextDecoder().decode(m[`${ROOT}Info.plist`]).replace('<string>1.0</string>', '<string>6.0</string>'));
    }));
    expect(problems(edited)).toEqual([['info-plist-modified', 'Info.plist']]);
  });
});

// A current seal with rules of every kind. The weights decide: locversion.plist (omit, 1100) beats .lproj (optional,
// 1000); Docs/*.txt (40) beats Docs/ (omit, 30); .DS_Store (omit, 2000) beats everything; Frameworks/ and top-level
// files are nested (10): code there must be sealed like any file.
describe('rules2 with omit, optional, nested and weights', () => {
  const ROOT = 'Payload/Field.app/';
  let members: Record<string, Uint8Array>;

  beforeAll(async () => {
    const bundle: ShapedBundle = {
      path: ROOT,
      bundleId: APP_ID,
      executable: 'Field',
      slices: [{ cpu: 'arm64', codeBytes: 9000, signature: f.signedBy(f.developer, { entitlements: ENTITLEMENTS }) }],
      rules: { ...IOS_RULES2, '^Docs/': { omit: true, weight: 30 }, '^Docs/.*\\.txt$': { weight: 40 } },
      resources: {
        'Assets.car': utf8.encode('asset catalog'),
        'Base.lproj/Main.storyboardc': utf8.encode('storyboard'),
        'en.lproj/Localizable.strings': utf8.encode('"hello" = "Hello";'),
        'fr.lproj/Localizable.strings': utf8.encode('"hello" = "Bonjour";'),
        'Docs/guide.txt': utf8.encode('guide'),
        'embedded.mobileprovision': await f.profile(),
      },
      optional: ['en.lproj/Localizable.strings', 'fr.lproj/Localizable.strings'],
      unsealed: {
        'en.lproj/locversion.plist': utf8.encode('<plist/>'),
        'Docs/notes.md': utf8.encode('notes'),
        '.DS_Store': utf8.encode('finder'),
        'Base.lproj/.DS_Store': utf8.encode('finder'),
      },
    };
    members = (await makeShapedApp([bundle])).members;
  }, 120_000);

  it('is intact with what its rules omit present, and its entitlements covered', async () => {
    const bundle = await judge(members);
    expect(bundle.integrity).toEqual({ status: 'intact', problems: [] });
    expect(bundle.capabilities.status).toBe('covered');
  });

  it('an optional file absent is fine; an optional file changed is not', async () => {
    const stripped = await judge(altered(members, (m) => void delete m[`${ROOT}fr.lproj/Localizable.strings`]));
    expect(stripped.integrity).toEqual({ status: 'intact', problems: [] });
    const changed = await judge(altered(members, (m) => flipByte(m, `${ROOT}fr.lproj/Localizable.strings`, 3)));
    expect(problems(changed)).toEqual([['file-modified', 'fr.lproj/Localizable.strings']]);
  });

  it('omitted files may be changed, added or removed', async () => {
    const bundle = await judge(altered(members, (m) => {
      flipByte(m, `${ROOT}Docs/notes.md`, 0);
      flipByte(m, `${ROOT}en.lproj/locversion.plist`, 2);
      delete m[`${ROOT}.DS_Store`];
      m[`${ROOT}Docs/more.md`] = utf8.encode('more notes');
      m[`${ROOT}Assets/.DS_Store`] = utf8.encode('finder');
    }));
    expect(bundle.integrity).toEqual({ status: 'intact', problems: [] });
  });

  it('the heavier rule wins: a .txt under the omitted Docs/ is sealed, so one added or changed is named', async () => {
    const bundle = await judge(altered(members, (m) => {
      m[`${ROOT}Docs/new.txt`] = utf8.encode('new');
      flipByte(m, `${ROOT}Docs/guide.txt`, 1);
    }));
    expect(problems(bundle)).toEqual([['file-modified', 'Docs/guide.txt'], ['file-added', 'Docs/new.txt']]);
  });

  it('a Base.lproj file (1010, not optional) removed is missing; code added under a nested rule is unsealed', async () => {
    const removed = await judge(altered(members, (m) => void delete m[`${ROOT}Base.lproj/Main.storyboardc`]));
    expect(problems(removed)).toEqual([['file-missing', 'Base.lproj/Main.storyboardc']]);
    const injected = await judge(altered(members, (m) => {
      m[`${ROOT}Frameworks/inject.dylib`] = utf8.encode('payload');
      m[`${ROOT}helper`] = utf8.encode('payload');
    }));
    expect(problems(injected)).toEqual([['file-added', 'Frameworks/inject.dylib'], ['file-added', 'helper']]);
  });
});
