// Installation file integrity on a bundle signed here with the test CA the way codesign signs one, then altered the
// way real tools and people alter apps after signing. Each alteration must be named, with the file at fault.
import { beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { decodeApp } from '../../../core/app/app';
import { parseSuperBlob } from '../../../core/app/code-directory';
import { readMachO } from '../../../core/app/macho';
import { useAppPrimitives, WHOLE_MEMBER_BYTES } from '../../../core/app/platform';
import { useNativeCrypto } from '../../../core/cms/crypto';
import { useNodePlatform } from '../../../cli/node-primitives';
import type { AppBundle } from '../../../core/types';
import { alterApp, makeApp, makeMachO, type BundleSpec, type CodeSignatureSpec } from '../../fixtures/app-factory';
import { APP_ID, NOW, TEAM, appFixtures, type AppFixtures } from './app-fixtures';

const ROOT = 'Payload/Field.app/';
const EXE = `${ROOT}field`;
const utf8 = new TextEncoder();
const ENTITLEMENTS = {
  'application-identifier': `${TEAM}.${APP_ID}`,
  'com.apple.developer.team-identifier': TEAM,
  'keychain-access-groups': [`${TEAM}.${APP_ID}`],
  'get-task-allow': false,
};

let f: AppFixtures;
let signed: Uint8Array;

async function spec(extra: Partial<CodeSignatureSpec> = {}, bundle: Partial<BundleSpec> = {}): Promise<BundleSpec> {
  return {
    path: ROOT,
    bundleId: APP_ID,
    profile: await f.profile(),
    resources: { 'Assets.car': utf8.encode('asset catalog'), 'Base.lproj/Main.storyboardc': utf8.encode('storyboard') },
    executableContent: { slices: ['arm64'], codeBytes: 10_000, signature: f.signedBy(f.developer, { entitlements: ENTITLEMENTS, ...extra }) },
    ...bundle,
  };
}

async function judge(ipa: Uint8Array): Promise<AppBundle> {
  const [bundle] = (await decodeApp(ipa, { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 })).bundles;
  if (!bundle) throw new Error('no bundle');
  return bundle;
}

const problems = (bundle: AppBundle) => bundle.integrity.problems.map((p) => [p.code, p.path ?? null]);

beforeAll(async () => {
  f = await appFixtures();
  signed = await makeApp({ bundles: [await spec()] });
}, 120_000);

describe('a bundle as codesign leaves it', () => {
  it('is intact, and its signed entitlements are covered by its in-house profile', async () => {
    const bundle = await judge(signed);
    expect(bundle.integrity).toEqual({ status: 'intact', problems: [] });
    expect(bundle.capabilities).toEqual({ status: 'covered', notInProfile: [], entitlements: ENTITLEMENTS });
  });

  it('checks every slice of a universal binary', async () => {
    const fat = await judge(await makeApp({ bundles: [await spec({}, { executableContent: { slices: ['armv7', 'arm64'], codeBytes: 6000, signature: f.signedBy(f.developer) } })] }));
    expect(fat.integrity.status).toBe('intact');
  });

  it('calls an ad-hoc and an unsigned bundle what they are, not errors', async () => {
    const adHoc = await judge(await makeApp({ bundles: [await spec({ signer: null })] }));
    expect(adHoc.integrity.status).toBe('ad-hoc');
    expect(problems(adHoc)).toEqual([['ad-hoc', 'field']]);
    const unsigned = await judge(await makeApp({ bundles: [await spec({}, { executableContent: { slices: ['arm64'], signature: null } })] }));
    expect(unsigned.integrity.status).toBe('unsigned');
  });

  it('says untrusted when the signer does not chain to a pinned CA', async () => {
    const [bundle] = (await decodeApp(signed, { now: NOW, codeSigningCaSha256: ['00'.repeat(32)] })).bundles;
    expect(bundle?.integrity.status).toBe('unverifiable');
    expect(bundle?.integrity.problems.map((p) => p.code)).toEqual(['untrusted-signer']);
  });
});

describe('a resource too large to hold, checked as it inflates', () => {
  // Over WHOLE_MEMBER_BYTES: on the browser path inflated into one reused buffer (zlib-inflate.ts), under Node streamed
  // on zlib's thread pool. Noise, so it deflates about as a real asset catalog does.
  let noise = 11;
  const large = new Uint8Array(WHOLE_MEMBER_BYTES + 512 * 1024).map(() => ((noise = (Math.imul(noise, 1664525) + 1013904223) >>> 0) >>> 24));
  let app: Uint8Array;
  beforeAll(async () => {
    app = await makeApp({ bundles: [await spec({}, { resources: { 'Assets.car': large } })] });
  }, 120_000);

  for (const path of ['browser', 'node'] as const) {
    it(`is intact as signed, and a byte changed in its middle is named (${path} path)`, async () => {
      if (path === 'node') useNodePlatform();
      try {
        expect((await judge(app)).integrity).toEqual({ status: 'intact', problems: [] });
        const changed = alterApp(app, (m) => {
          const bytes = m[`${ROOT}Assets.car`]!.slice();
          bytes[bytes.length >> 1]! ^= 0x01;
          m[`${ROOT}Assets.car`] = bytes;
        });
        expect(problems(await judge(changed))).toEqual([['file-modified', 'Assets.car']]);
      } finally {
        useAppPrimitives({});
        useNativeCrypto(null);
      }
    }, 60_000);
  }
});

describe('altered after signing', () => {
  it('a resource replaced', async () => {
    const bundle = await judge(alterApp(signed, (m) => void (m[`${ROOT}Assets.car`] = utf8.encode('another catalog'))));
    expect(bundle.integrity.status).toBe('modified');
    expect(problems(bundle)).toEqual([['file-modified', 'Assets.car']]);
  });

  it('a file added, and one removed', async () => {
    const added = await judge(alterApp(signed, (m) => void (m[`${ROOT}Frameworks/inject.dylib`] = utf8.encode('payload'))));
    expect(problems(added)).toEqual([['file-added', 'Frameworks/inject.dylib']]);
    const removed = await judge(alterApp(signed, (m) => void delete m[`${ROOT}Assets.car`]));
    expect(problems(removed)).toEqual([['file-missing', 'Assets.car']]);
  });

  it('a .DS_Store added is omitted by the rules, not reported', async () => {
    const bundle = await judge(alterApp(signed, (m) => void (m[`${ROOT}.DS_Store`] = utf8.encode('finder'))));
    expect(bundle.integrity.status).toBe('intact');
  });

  it('a byte of code changed', async () => {
    const bundle = await judge(alterApp(signed, (m) => flip(m, EXE, 5000)));
    expect(problems(bundle)).toEqual([['code-modified', 'field']]);
    expect(bundle.integrity.problems[0]?.message).toMatch(/code page 1 /);
  });

  it('Info.plist edited', async () => {
    const bundle = await judge(alterApp(signed, (m) => {
      const text = new TextDecoder().decode(m[`${ROOT}Info.plist`]).replace('<string>1.0</string>', '<string>1.1</string>');
      m[`${ROOT}Info.plist`] = utf8.encode(text);
    }));
    expect(problems(bundle)).toEqual([['info-plist-modified', 'Info.plist']]);
  });

  it('CodeResources edited (a hash updated to hide a change)', async () => {
    const bundle = await judge(alterApp(signed, (m) => flip(m, `${ROOT}_CodeSignature/CodeResources`, 200)));
    expect(problems(bundle)[0]).toEqual(['resources-seal-modified', '_CodeSignature/CodeResources']);
  });

  it('a resource rule that would backtrack for ages is refused and named, not run', async () => {
    // "^(a+)+$" against 40 "a"s and a "!" takes ~2^40 steps in a backtracking engine: the check must not run it.
    const bundle = await judge(alterApp(signed, (m) => {
      const text = new TextDecoder().decode(m[`${ROOT}_CodeSignature/CodeResources`]);
      m[`${ROOT}_CodeSignature/CodeResources`] = utf8.encode(text.replace(/<key>rules2<\/key>\s*<dict>/, '$&<key>^(a+)+$</key><true/>'));
      m[`${ROOT}${'a'.repeat(40)}!`] = utf8.encode('x');
    }));
    expect(problems(bundle)).toContainEqual(['resources-malformed', '_CodeSignature/CodeResources']);
    expect(bundle.integrity.problems.find((p) => p.code === 'resources-malformed')?.message).toMatch(/\^\(a\+\)\+\$.*nested quantifiers/);
  });

  it('DER entitlements that say more than the XML ones: both sealed, so not modified, but not verifiable', async () => {
    const ipa = await makeApp({ bundles: [await spec({ derEntitlements: { ...ENTITLEMENTS, 'get-task-allow': true } })] });
    const bundle = await judge(ipa);
    expect(problems(bundle)).toEqual([['entitlements-mismatch', 'field']]);
    expect(bundle.integrity.status).toBe('unverifiable');
    expect(bundle.integrity.problems[0]?.message).toBe('arm64: the DER entitlements (enforced by iOS 15 and later) differ from the XML ones on get-task-allow');
  });

  it('the entitlements blob swapped', async () => {
    const wider = { ...ENTITLEMENTS, 'get-task-allow': true };
    const bundle = await judge(await makeApp({ bundles: [await spec({ entitlementsAfterSigning: wider })] }));
    expect(bundle.integrity.status).toBe('modified');
    expect(bundle.integrity.problems.map((p) => p.code)).toEqual(['entitlements-modified', 'entitlements-modified']);
    // What the binary now claims is still shown, and judged against the profile.
    expect(bundle.capabilities).toMatchObject({ status: 'exceeds', notInProfile: ['get-task-allow'] });
  });

  it("another app's CMS pasted in", async () => {
    const other = await makeMachO({ slices: ['arm64'], signature: f.signedBy(f.developer, { identifier: 'com.contoso.other' }) });
    const superBlob = readMachO(other).slices[0]?.codeSignature;
    const pastedCms = superBlob ? parseSuperBlob(superBlob).cms : null;
    if (!pastedCms) throw new Error('the other app carries no CMS');
    const bundle = await judge(await makeApp({ bundles: [await spec({ pastedCms })] }));
    expect(problems(bundle)).toEqual([['signature-invalid', 'field']]);
  });

  it('a sealed symlink retargeted, and one that leaves the bundle', async () => {
    const linked = await makeApp({ bundles: [await spec({}, { symlinks: { 'Current': 'Assets.car', 'Escape': '../../../etc/passwd' } })] });
    expect(problems(await judge(linked))).toEqual([['symlink-escapes', 'Escape']]);
    const moved = await judge(alterApp(linked, (m) => void (m[`${ROOT}Current`] = utf8.encode('Base.lproj'))));
    expect(problems(moved)).toEqual([['symlink-modified', 'Current'], ['symlink-escapes', 'Escape']]);
  });
});

describe('nested bundles', () => {
  it('judges an extension by its own signature, and its parent without the extension', async () => {
    const share: BundleSpec = {
      path: `${ROOT}PlugIns/Share.appex/`,
      bundleId: `${APP_ID}.share`,
      resources: { 'icon.png': utf8.encode('icon') },
      executableContent: { slices: ['arm64'], signature: f.signedBy(f.developer, { identifier: `${APP_ID}.share` }) },
    };
    const ipa = await makeApp({ bundles: [await spec(), share] });
    const decoded = await decodeApp(alterApp(ipa, (m) => void (m[`${ROOT}PlugIns/Share.appex/icon.png`] = utf8.encode('other'))), { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });
    expect(decoded.bundles.map((b) => [b.path, b.integrity.status])).toEqual([
      [ROOT, 'intact'],
      [`${ROOT}PlugIns/Share.appex/`, 'modified'],
    ]);
    expect(decoded.bundles[1]?.integrity.problems.map((p) => [p.code, p.path])).toEqual([['file-modified', 'icon.png']]);
  });
});

describe('nested code', () => {
  const kit = (): BundleSpec => ({
    path: `${ROOT}Frameworks/Kit.framework/`,
    bundleId: 'com.contoso.kit',
    executable: 'Kit',
    sealedInParent: true,
    resources: { 'Kit.strings': utf8.encode('strings') },
    executableContent: { slices: ['arm64'], signature: f.signedBy(f.developer, { identifier: 'com.contoso.kit' }) },
  });

  it('a framework sealed by its cdhash is judged by its own signature', async () => {
    const ipa = await makeApp({ bundles: [await spec(), kit()] });
    const decoded = await decodeApp(ipa, { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });
    expect(decoded.bundles.map((b) => b.path)).toEqual([ROOT]);
    expect(decoded.bundles[0]?.integrity).toEqual({ status: 'intact', problems: [] });
    const changed = await judge(alterApp(ipa, (m) => void (m[`${ROOT}Frameworks/Kit.framework/Kit.strings`] = utf8.encode('other'))));
    expect(problems(changed)).toEqual([['nested-code-modified', 'Frameworks/Kit.framework/Kit.strings']]);
  });

  it('a framework re-signed after its parent was sealed is named by the cdhash', async () => {
    const ipa = await makeApp({ bundles: [await spec(), kit()] });
    const resigned = await makeApp({ bundles: [{ ...kit(), executableContent: { slices: ['arm64'], codeBytes: 700, signature: f.signedBy(f.developer, { identifier: 'com.contoso.kit' }) } }] });
    const kitMember = `${ROOT}Frameworks/Kit.framework/Kit`;
    const replacement = unzipSync(resigned)[kitMember];
    const bundle = await judge(alterApp(ipa, (m) => void (m[kitMember] = replacement!)));
    expect(problems(bundle)).toEqual([['nested-code-modified', 'Frameworks/Kit.framework']]);
  });
});

function flip(members: Record<string, Uint8Array>, name: string, at: number): void {
  const bytes = members[name];
  if (!bytes || at >= bytes.length) throw new Error(`cannot alter ${name}`);
  const copy = bytes.slice();
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  members[name] = copy;
}

describe('the test archive itself', () => {
  it('seals the resources the factory wrote', () => {
    const names = Object.keys(unzipSync(signed)).sort();
    expect(names).toEqual([
      `${ROOT}Assets.car`,
      `${ROOT}Base.lproj/Main.storyboardc`,
      `${ROOT}Info.plist`,
      `${ROOT}PkgInfo`,
      `${ROOT}_CodeSignature/CodeResources`,
      `${ROOT}embedded.mobileprovision`,
      EXE,
    ]);
  });
});
