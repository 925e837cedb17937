// The app check's three paths must change nothing but speed: what the CLI installs (cli/node-primitives.ts: node:zlib,
// node:crypto's digests and synchronous signature checks), the browser path's WebAssembly digests
// (core/app/wasm-digest.ts) and the WebCrypto path before them give the same digests, the same signature verdicts and
// the same decodeApp JSON, problem by problem and in the same order, on every real app and on synthetic apps, intact
// and altered.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeApp } from '../../core/app/app';
import { syncHash, useAppPrimitives, type DigestName } from '../../core/app/platform';
import { isProvlensError } from '../../core/errors';
import { NODE_APP_PRIMITIVES, NODE_NATIVE_CRYPTO, useNodePlatform } from '../../cli/node-primitives';
import { nativeCrypto, useNativeCrypto } from '../../core/cms/crypto';
import { parseSuperBlob } from '../../core/app/code-directory';
import { readMachO } from '../../core/app/macho';
import { alterApp, makeApp, type BundleSpec } from '../fixtures/app-factory';
import { APP_ID, EXTENSION_ID, NOW, TEAM, appFixtures, type AppFixtures } from '../core/app/app-fixtures';
import { hasSharedFixtures, listShared, readShared, warnIfSharedFixturesMissing } from '../shared-fixtures';

warnIfSharedFixturesMissing();
afterEach(() => {
  useAppPrimitives({});
  useNativeCrypto(null);
});

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

// The result as JSON, or the error's code: an .ipa that is refused must be refused the same way.
async function allWays(ipa: Uint8Array, options: Parameters<typeof decodeApp>[1] = {}): Promise<{ node: string; browser: string; webCrypto: string }> {
  const run = () => decodeApp(ipa, options).then(JSON.stringify, (error: unknown) => `error ${isProvlensError(error) ? error.code : String(error)}`);
  useNodePlatform();
  const node = await run();
  useAppPrimitives({});
  useNativeCrypto(null);
  const browser = await run();
  // The defaults must really have hashed with WebAssembly, or this compared WebCrypto with itself.
  expect(syncHash()).not.toBeNull();
  useAppPrimitives({ wasmDigests: false });
  const webCrypto = await run();
  expect(syncHash()).toBeNull();
  return { node, browser, webCrypto };
}

async function expectSame(ipa: Uint8Array, options: Parameters<typeof decodeApp>[1] = {}): Promise<string> {
  const { node, browser, webCrypto } = await allWays(ipa, options);
  expect(browser).toBe(webCrypto);
  expect(node).toBe(webCrypto);
  return webCrypto;
}

describe('node digests', () => {
  it('equal WebCrypto, fed whole or in pieces, as plain Uint8Arrays', async () => {
    const bytes = new Uint8Array(10_000).map((_, i) => (i * 31) & 0xff);
    for (const name of ['SHA-1', 'SHA-256', 'SHA-384'] as DigestName[]) {
      const state = NODE_APP_PRIMITIVES.createHash!(name);
      state.update(bytes.subarray(0, 4096));
      state.update(bytes.subarray(4096));
      const out = state.digest();
      expect(Object.getPrototypeOf(out)).toBe(Uint8Array.prototype);
      expect(hex(out)).toBe(hex(new Uint8Array(await crypto.subtle.digest(name, bytes))));
    }
  });
});

describe('node signature checks', () => {
  const data = new TextEncoder().encode('a CodeDirectory, say');
  const changed = new TextEncoder().encode('a CodeDirectory, sax');
  const cases = [
    { name: 'RSA PKCS#1 v1.5, SHA-256', kind: 'rsa-pkcs1', hash: 'SHA-256', generate: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, sign: { name: 'RSASSA-PKCS1-v1_5' } },
    { name: 'RSASSA-PSS, SHA-384, salt 48', kind: 'rsa-pss', hash: 'SHA-384', saltLength: 48, generate: { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-384' }, sign: { name: 'RSA-PSS', saltLength: 48 } },
    { name: 'ECDSA P-256, SHA-256', kind: 'ecdsa', hash: 'SHA-256', generate: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } },
    { name: 'ECDSA P-384, SHA-384', kind: 'ecdsa', hash: 'SHA-384', generate: { name: 'ECDSA', namedCurve: 'P-384' }, sign: { name: 'ECDSA', hash: 'SHA-384' } },
  ] as const;

  for (const c of cases) {
    it(`${c.name}: accepts the signature, refuses changed data, a changed signature and another key, like WebCrypto`, async () => {
      const pair = (await crypto.subtle.generateKey(c.generate, true, ['sign', 'verify'])) as CryptoKeyPair;
      const other = (await crypto.subtle.generateKey(c.generate, true, ['sign', 'verify'])) as CryptoKeyPair;
      const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
      const otherSpki = new Uint8Array(await crypto.subtle.exportKey('spki', other.publicKey));
      const signature = new Uint8Array(await crypto.subtle.sign(c.sign, pair.privateKey, data));
      const flipped = signature.slice();
      flipped[10] = flipped[10]! ^ 0x01;
      const check = (keyId: string, key: Uint8Array, sig: Uint8Array, bytes: Uint8Array) =>
        NODE_NATIVE_CRYPTO.verify({ keyId: `${c.name}-${keyId}`, spki: key, kind: c.kind, hash: c.hash, ...('saltLength' in c ? { saltLength: c.saltLength } : {}), signature: sig, data: bytes });
      expect(check('signer', spki, signature, data)).toBe(true);
      expect(check('signer', spki, signature, changed)).toBe(false);
      expect(check('signer', spki, flipped, data)).toBe(false);
      expect(check('other', otherSpki, signature, data)).toBe(false);
      expect(await crypto.subtle.verify(c.sign, pair.publicKey, flipped, data)).toBe(false);
    });
  }

  it('digests equal WebCrypto for every hash the CMS layer allows', async () => {
    const bytes = new Uint8Array(5000).map((_, i) => (i * 7) & 0xff);
    for (const name of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'] as const) {
      const out = NODE_NATIVE_CRYPTO.digest(name, bytes);
      expect(Object.getPrototypeOf(out)).toBe(Uint8Array.prototype);
      expect(hex(out)).toBe(hex(new Uint8Array(await crypto.subtle.digest(name, bytes))));
    }
  });

  it('are what the CLI installs', () => {
    useNodePlatform();
    expect(nativeCrypto()).toBe(NODE_NATIVE_CRYPTO);
  });
});

describe.runIf(hasSharedFixtures)('real apps: Node, WebAssembly and WebCrypto paths agree', () => {
  for (const file of listShared('ipa')) {
    it(file, async () => {
      await expectSame(readShared(file));
    });
  }

  it('a real app with a byte of its large resource changed is modified the same way', async () => {
    const altered = alterApp(readShared('ipa/isign_SimpleSaucyApp.ipa'), (m) => {
      const name = 'Payload/SimpleSaucyApp.app/Frameworks/libswiftFoundation.dylib';
      const bytes = m[name]!.slice();
      bytes[100_000] = bytes[100_000]! ^ 0x01;
      m[name] = bytes;
    });
    expect(await expectSame(altered)).toContain('"status":"modified"');
  });

  it('a real app altered in a streamed and a batched member names both in the seal order on every path', async () => {
    const app = 'Payload/SimpleSaucyApp.app/';
    const altered = alterApp(readShared('ipa/isign_SimpleSaucyApp.ipa'), (m) => {
      m[`${app}Assets.car`] = m[`${app}Assets.car`]!.slice(0, 1000);
      const dylib = m[`${app}Frameworks/libswiftDarwin.dylib`]!.slice();
      dylib[70_000] = dylib[70_000]! ^ 0xff;
      m[`${app}Frameworks/libswiftDarwin.dylib`] = dylib;
    });
    const json = await expectSame(altered);
    expect(json.indexOf('Assets.car does not match')).toBeLessThan(json.indexOf('libswiftDarwin.dylib does not match'));
  });
});

describe('synthetic apps: Node, WebAssembly and WebCrypto paths agree', () => {
  const ROOT = 'Payload/Field.app/';
  let f: AppFixtures;
  let signed: Uint8Array;
  // Large enough to be streamed under Node (over 64 KiB) and batched by default; compresses poorly.
  let seed = 4;
  const movie = new Uint8Array(200_000).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24));

  beforeAll(async () => {
    f = await appFixtures();
    const spec: BundleSpec = {
      path: ROOT,
      bundleId: APP_ID,
      profile: await f.profile(),
      resources: { 'Assets.car': new TextEncoder().encode('asset catalog'), 'intro.mov': movie },
      executableContent: {
        slices: ['arm64', 'x86_64'],
        codeBytes: 30_000,
        signature: f.signedBy(f.developer, { entitlements: { 'application-identifier': `${TEAM}.${APP_ID}` } }),
      },
    };
    signed = await makeApp({ bundles: [spec] });
  }, 120_000);

  const judged = (ipa: Uint8Array) => expectSame(ipa, { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });

  it('intact', async () => {
    expect(await judged(signed)).toContain('"status":"intact"');
  });

  it('a byte of code changed, and a byte of the streamed resource', async () => {
    const flip = (m: Record<string, Uint8Array>, name: string, at: number): void => {
      const bytes = m[name]!.slice();
      bytes[at] = bytes[at]! ^ 0x01;
      m[name] = bytes;
    };
    const altered = alterApp(signed, (m) => {
      flip(m, `${ROOT}field`, 5000);
      flip(m, `${ROOT}intro.mov`, 150_000);
    });
    const json = await judged(altered);
    expect(json).toContain('intro.mov does not match');
    expect(json).toContain('code-modified');
  });

  describe('an in-house app with an extension, its executables signed with two CodeDirectories', () => {
    const SHARE = `${ROOT}PlugIns/Share.appex/`;
    let twoCds: Uint8Array;

    beforeAll(async () => {
      const codeDirectories = ['SHA-1', 'SHA-256'] as const;
      twoCds = await makeApp({
        bundles: [
          {
            path: ROOT,
            bundleId: APP_ID,
            profile: await f.profile(),
            resources: { 'Assets.car': movie, 'Base.lproj/Main.nib': new TextEncoder().encode('nib') },
            executableContent: { slices: ['arm64', 'x86_64'], codeBytes: 90_000, signature: f.signedBy(f.developer, { codeDirectories, entitlements: { 'application-identifier': `${TEAM}.${APP_ID}` } }) },
          },
          {
            path: SHARE,
            bundleId: EXTENSION_ID,
            profile: await f.profile({ bundleId: EXTENSION_ID }),
            resources: { 'share.png': movie.subarray(0, 70_000) },
            executableContent: { slices: ['arm64'], codeBytes: 20_000, signature: f.signedBy(f.developer, { identifier: EXTENSION_ID, codeDirectories, entitlements: { 'application-identifier': `${TEAM}.${EXTENSION_ID}` } }) },
          },
        ],
      });
    }, 120_000);

    it('intact, both bundles', async () => {
      const app = JSON.parse(await judged(twoCds)) as { bundles: { integrity: { status: string } }[] };
      expect(app.bundles.map((bundle) => bundle.integrity.status)).toEqual(['intact', 'intact']);
    });

    it("a byte of the extension's code, of the alternate (SHA-256) CodeDirectory, and of two resources changed", async () => {
      const altered = alterApp(twoCds, (m) => {
        const flip = (name: string, at: number): void => {
          const bytes = m[name]!.slice();
          bytes[at] = bytes[at]! ^ 0x01;
          m[name] = bytes;
        };
        flip(`${SHARE}share`, 4_100);
        flip(`${SHARE}share.png`, 69_000);
        flip(`${ROOT}Assets.car`, 199_000);
        flip(`${ROOT}Base.lproj/Main.nib`, 1);
        // Inside the first code-page hash of the main executable's SHA-256 alternate CodeDirectory (first slice).
        const slice = readMachO(m[`${ROOT}field`]!).slices[0]!;
        const alternate = parseSuperBlob(slice.codeSignature!).all.find((cd) => cd.slot === 0x1000)!;
        flip(`${ROOT}field`, alternate.bytes.byteOffset + alternate.hashOffset + 3);
      });
      const json = await judged(altered);
      expect(json).toContain('code-modified');
      expect(json).toContain('share.png does not match');
      expect(json).toContain('Assets.car does not match');
    });
  });
});

