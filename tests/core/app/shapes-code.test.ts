// Executables in the shapes real apps ship them (xnu cs_blobs.h, <mach-o/fat.h>): a SHA-1 and a SHA-256
// CodeDirectory in either order, bound by the CMS's CDHashes attribute (codesign for iOS < 11 deployment targets);
// universal binaries whose slices are signed differently (an armv7 slice with SHA-1 only, an arm64 slice with both,
// another certificate, no signature at all); and nested code under Frameworks/ with its own signatures, sealed by the
// app by cdhash. Each genuine executable must be intact; each change must be named with the file it is in.
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeApp } from '../../../core/app/app';
import type { AppBundle } from '../../../core/types';
import type { CodeDirectoryHash } from '../../fixtures/app-factory';
import { flipByte, makeShapedApp, sliceLayout, writeZip, type ShapedBundle, type SliceShape } from '../../fixtures/app-shapes';
import { APP_ID, NOW, TEAM, appFixtures, type AppFixtures } from './app-fixtures';

const utf8 = new TextEncoder();
const ROOT = 'Payload/Field.app/';
const EXE = `${ROOT}Field`;
const ENTITLEMENTS = {
  'application-identifier': `${TEAM}.${APP_ID}`,
  'com.apple.developer.team-identifier': TEAM,
  'get-task-allow': false,
};
// The identifier string starts right after the 52-byte CodeDirectory header app-factory writes.
const IDENTIFIER_AT = 52;

let f: AppFixtures;
let profile: Uint8Array;

beforeAll(async () => {
  f = await appFixtures();
  profile = await f.profile();
}, 120_000);

async function judge(members: Record<string, Uint8Array>): Promise<AppBundle> {
  const [bundle] = (await decodeApp(writeZip(members), { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 })).bundles;
  if (!bundle) throw new Error('no bundle');
  return bundle;
}

const problems = (bundle: AppBundle) => bundle.integrity.problems.map((p) => [p.code, p.path ?? null]);

function altered(members: Record<string, Uint8Array>, change: (copy: Record<string, Uint8Array>) => void): Record<string, Uint8Array> {
  const copy = { ...members };
  change(copy);
  return copy;
}

function app(slices: readonly SliceShape[], extra: Partial<ShapedBundle> = {}): ShapedBundle {
  return {
    path: ROOT,
    bundleId: APP_ID,
    executable: 'Field',
    slices,
    resources: { 'Assets.car': utf8.encode('asset catalog'), 'embedded.mobileprovision': profile },
    ...extra,
  };
}

const signed = (hashes: readonly CodeDirectoryHash[], extra = {}) => f.signedBy(f.developer, { codeDirectories: hashes, entitlements: ENTITLEMENTS, ...extra });

describe.each([
  ['SHA-1 primary, SHA-256 alternate', ['SHA-1', 'SHA-256'] as const],
  ['SHA-256 primary, SHA-1 alternate', ['SHA-256', 'SHA-1'] as const],
])('alternate CodeDirectories: %s', (_, hashes) => {
  let members: Record<string, Uint8Array>;
  let cds: ReturnType<typeof sliceLayout>['codeDirectories'];

  beforeAll(async () => {
    members = (await makeShapedApp([app([{ cpu: 'arm64', codeBytes: 9000, signature: signed(hashes) }])])).members;
    cds = sliceLayout(members[EXE]!, 0).codeDirectories;
  }, 120_000);

  it('is intact, with both CodeDirectories in the binary and its entitlements covered', async () => {
    expect(cds.map((cd) => [cd.slot, cd.hash])).toEqual([[0, hashes[0]], [0x1000, hashes[1]]]);
    const bundle = await judge(members);
    expect(bundle.integrity).toEqual({ status: 'intact', problems: [] });
    expect(bundle.capabilities).toEqual({ status: 'covered', notInProfile: [], entitlements: ENTITLEMENTS });
  });

  it('a code byte patched is named against the SHA-256 page hashes', async () => {
    const bundle = await judge(altered(members, (m) => flipByte(m, EXE, 5000)));
    expect(problems(bundle)).toEqual([['code-modified', 'Field']]);
    expect(bundle.integrity.problems[0]?.message).toMatch(/^arm64: code page 1 /);
  });

  it('either CodeDirectory changed after signing no longer matches what the CMS signed', async () => {
    for (const cd of cds) {
      const bundle = await judge(altered(members, (m) => flipByte(m, EXE, cd.at + IDENTIFIER_AT)));
      expect(bundle.integrity.status, `${cd.hash} CodeDirectory`).toBe('modified');
      expect(problems(bundle), `${cd.hash} CodeDirectory`).toEqual([['signature-invalid', 'Field']]);
    }
  });

  it('Info.plist edited is named against the slot hash of the CodeDirectory checked', async () => {
    const bundle = await judge(altered(members, (m) => void (m[`${ROOT}Info.plist`] = utf8.encode(new TextDecoder().decode(m[`${ROOT}Info.plist`]).replace('<string>1.0</string>', '<string>1.1</string>')))));
    expect(problems(bundle)).toEqual([['info-plist-modified', 'Info.plist']]);
  });
});

describe('a universal binary whose slices are signed differently', () => {
  let members: Record<string, Uint8Array>;

  beforeAll(async () => {
    members = (await makeShapedApp([app([
      { cpu: 'armv7', codeBytes: 9000, signature: f.signedBy(f.successor, { codeDirectories: ['SHA-1'], entitlements: ENTITLEMENTS }) },
      { cpu: 'arm64', codeBytes: 12_000, signature: signed(['SHA-1', 'SHA-256']) },
    ])])).members;
  }, 120_000);

  it('is intact: an armv7 slice with SHA-1 only by one certificate, an arm64 slice with both by another', async () => {
    const bundle = await judge(members);
    expect(bundle.integrity).toEqual({ status: 'intact', problems: [] });
    expect(bundle.capabilities.status).toBe('covered');
    expect(bundle.notes).toContain('Executable (arm64) is signed by "iPhone Distribution: Contoso Ltd (CONTOSO123)", unlike the first slice');
  });

  it('a byte patched in either slice is caught, named with its slice', async () => {
    for (const [index, cpu] of [[0, 'arm'], [1, 'arm64']] as const) {
      const { offset } = sliceLayout(members[EXE]!, index);
      const bundle = await judge(altered(members, (m) => flipByte(m, EXE, offset + 5000)));
      expect(problems(bundle), cpu).toEqual([['code-modified', 'Field']]);
      expect(bundle.integrity.problems[0]?.message).toMatch(new RegExp(`^${cpu}: code page 1 `));
    }
  });

  it("one slice's CodeDirectory altered is caught while the other slice verifies", async () => {
    const [cd] = sliceLayout(members[EXE]!, 0).codeDirectories;
    const bundle = await judge(altered(members, (m) => flipByte(m, EXE, cd!.at + IDENTIFIER_AT)));
    expect(problems(bundle)).toEqual([['signature-invalid', 'Field']]);
    expect(bundle.integrity.problems[0]?.message).toMatch(/^arm: /);
  });

  it('a slice left unsigned makes the bundle unsigned, named', async () => {
    const unsigned = (await makeShapedApp([app([
      { cpu: 'armv7', codeBytes: 9000, signature: null },
      { cpu: 'arm64', codeBytes: 9000, signature: signed(['SHA-256']) },
    ])])).members;
    const bundle = await judge(unsigned);
    expect(bundle.integrity.status).toBe('unsigned');
    expect(problems(bundle)).toEqual([['unsigned', 'Field']]);
  });
});

describe('frameworks and dylibs under Frameworks/, each with its own signature', () => {
  const KIT = `${ROOT}Frameworks/Kit.framework/`;
  const SWIFT = `${ROOT}Frameworks/libswiftCore.dylib`;
  let members: Record<string, Uint8Array>;

  beforeAll(async () => {
    const kit: ShapedBundle = {
      path: KIT,
      bundleId: 'com.contoso.kit',
      executable: 'Kit',
      info: { CFBundlePackageType: 'FMWK' },
      slices: [{ cpu: 'arm64', codeBytes: 9000, signature: f.signedBy(f.developer, { identifier: 'com.contoso.kit', codeDirectories: ['SHA-1', 'SHA-256'] }) }],
      resources: { 'Kit.strings': utf8.encode('strings'), 'Assets.car': utf8.encode('kit assets') },
    };
    const dylib = (identifier: string): SliceShape[] => [
      { cpu: 'armv7', codeBytes: 6000, signature: f.signedBy(f.developer, { identifier, codeDirectories: ['SHA-1'] }) },
      { cpu: 'arm64', codeBytes: 9000, signature: f.signedBy(f.developer, { identifier }) },
    ];
    const main = app([{ cpu: 'arm64', codeBytes: 9000, signature: signed(['SHA-256']) }], {
      dylibs: { 'Frameworks/libswiftCore.dylib': dylib('libswiftCore'), 'Frameworks/libswiftFoundation.dylib': dylib('libswiftFoundation') },
    });
    members = (await makeShapedApp([main, kit])).members;
  }, 120_000);

  it('is one intact bundle: the framework and the dylibs are nested code, judged by their own signatures', async () => {
    const decoded = await decodeApp(writeZip(members), { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });
    expect(decoded.bundles.map((b) => b.path)).toEqual([ROOT]);
    expect(decoded.bundles[0]?.integrity).toEqual({ status: 'intact', problems: [] });
  });

  it("the framework's binary patched is caught and named", async () => {
    const bundle = await judge(altered(members, (m) => flipByte(m, `${KIT}Kit`, 5000)));
    expect(bundle.integrity.status).toBe('modified');
    expect(problems(bundle)).toEqual([['nested-code-modified', 'Frameworks/Kit.framework/Kit']]);
  });

  it("the framework's resource replaced, its Info.plist edited, a file added to it: each named inside it", async () => {
    const bundle = await judge(altered(members, (m) => {
      m[`${KIT}Kit.strings`] = utf8.encode('other strings');
      m[`${KIT}Info.plist`] = utf8.encode(new TextDecoder().decode(m[`${KIT}Info.plist`]).replace('<string>1</string>', '<string>2</string>'));
      m[`${KIT}hook.dylib`] = utf8.encode('payload');
    }));
    expect(problems(bundle)).toEqual([
      ['nested-code-modified', 'Frameworks/Kit.framework/Info.plist'],
      ['nested-code-modified', 'Frameworks/Kit.framework/Kit.strings'],
      ['nested-code-modified', 'Frameworks/Kit.framework/hook.dylib'],
    ]);
  });

  it('a dylib patched in either slice, or removed, is named', async () => {
    for (const index of [0, 1]) {
      const { offset } = sliceLayout(members[SWIFT]!, index);
      const bundle = await judge(altered(members, (m) => flipByte(m, SWIFT, offset + 4000)));
      expect(problems(bundle), `slice ${index}`).toEqual([['nested-code-modified', 'Frameworks/libswiftCore.dylib']]);
    }
    const removed = await judge(altered(members, (m) => void delete m[SWIFT]));
    expect(problems(removed)).toEqual([['file-missing', 'Frameworks/libswiftCore.dylib']]);
  });

  it('a dylib swapped for another signed one is named by the cdhash its parent sealed', async () => {
    const bundle = await judge(altered(members, (m) => void (m[SWIFT] = m[`${ROOT}Frameworks/libswiftFoundation.dylib`]!)));
    expect(problems(bundle)).toEqual([['nested-code-modified', 'Frameworks/libswiftCore.dylib']]);
  });
});
