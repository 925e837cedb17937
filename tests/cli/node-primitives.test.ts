// The Node primitives the CLI installs (cli/node-primitives.ts) must change nothing but speed: the same digests as
// WebCrypto, and the same integrity and capabilities, problem by problem, as the browser defaults on real and
// synthetic apps, intact and altered.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeApp } from '../../core/app/app';
import { useAppPrimitives, type DigestName } from '../../core/app/platform';
import { isProvlensError } from '../../core/errors';
import { NODE_APP_PRIMITIVES } from '../../cli/node-primitives';
import { alterApp, makeApp, type BundleSpec } from '../fixtures/app-factory';
import { APP_ID, NOW, TEAM, appFixtures, type AppFixtures } from '../core/app/app-fixtures';
import { hasSharedFixtures, listShared, readShared, warnIfSharedFixturesMissing } from '../shared-fixtures';

warnIfSharedFixturesMissing();
afterEach(() => useAppPrimitives({}));

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

// The result as JSON, or the error's code: an .ipa that is refused must be refused the same way.
async function bothWays(ipa: Uint8Array, options: Parameters<typeof decodeApp>[1] = {}): Promise<{ node: string; browser: string }> {
  const run = () => decodeApp(ipa, options).then(JSON.stringify, (error: unknown) => `error ${isProvlensError(error) ? error.code : String(error)}`);
  useAppPrimitives(NODE_APP_PRIMITIVES);
  const node = await run();
  useAppPrimitives({});
  const browser = await run();
  return { node, browser };
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

describe.runIf(hasSharedFixtures)('real apps: Node primitives and browser defaults agree', () => {
  for (const file of listShared('ipa')) {
    it(file, async () => {
      const { node, browser } = await bothWays(readShared(file));
      expect(node).toBe(browser);
    });
  }

  it('a real app with a byte of its large resource changed is modified the same way', async () => {
    const altered = alterApp(readShared('ipa/isign_SimpleSaucyApp.ipa'), (m) => {
      const name = 'Payload/SimpleSaucyApp.app/Frameworks/libswiftFoundation.dylib';
      const bytes = m[name]!.slice();
      bytes[100_000] = bytes[100_000]! ^ 0x01;
      m[name] = bytes;
    });
    const { node, browser } = await bothWays(altered);
    expect(node).toBe(browser);
    expect(node).toContain('"status":"modified"');
  });
});

describe('synthetic apps: Node primitives and browser defaults agree', () => {
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

  const judged = (ipa: Uint8Array) => bothWays(ipa, { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });

  it('intact', async () => {
    const { node, browser } = await judged(signed);
    expect(node).toBe(browser);
    expect(node).toContain('"status":"intact"');
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
    const { node, browser } = await judged(altered);
    expect(node).toBe(browser);
    expect(node).toContain('intro.mov does not match');
    expect(node).toContain('code-modified');
  });
});
