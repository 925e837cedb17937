// The app table's synthetic apps (issue 20 part 3), built at bench time with the test CA (tests/fixtures/app-factory.ts)
// since no real app of these shapes may be kept: an in-house app whose sealed Assets.car is 150 MB, and an in-house
// app with a share extension whose executables carry two CodeDirectories (SHA-1 primary, SHA-256 alternate bound by
// the CMS's CDHashes), as codesign signs for older iOS. Content compresses about as real apps do (some of it not at
// all), so inflating costs what it costs on real archives.
import { makeApp, type BundleSpec, type MachOSpec } from '../fixtures/app-factory';
import { APP_ID, EXTENSION_ID, NOW, TEAM, appFixtures } from '../core/app/app-fixtures';

export interface SyntheticApp {
  name: string;
  /** Builds the archive (seconds for the large one). */
  build(): Promise<Uint8Array>;
  options: { now: Date; trustedCaSha256: readonly string[] };
}

const MB = 1024 * 1024;

/** Bytes that deflate about 2:1: blocks of noise (already-compressed images) alternate with blocks of low entropy. */
export function assetBytes(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let state = seed >>> 0;
  for (let at = 0; at < size; at += 4) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const noisy = ((at >> 16) & 1) === 0;
    const word = noisy ? state : state & 0x01010101;
    out[at] = word;
    out[at + 1] = word >>> 8;
    out[at + 2] = word >>> 16;
    out[at + 3] = word >>> 24;
  }
  return out;
}

function resources(count: number, seed: number): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < count; i++) {
    // Mostly small nibs, strings and images, a few larger ones, as in a real bundle.
    const size = i % 25 === 0 ? 300_000 : 2_000 + ((i * 7919) % 40_000);
    files[`Resources/${i % 2 ? 'Base.lproj/' : ''}item-${i}.${i % 3 ? 'png' : 'nib'}`] = assetBytes(size, seed + i);
  }
  return files;
}

export async function syntheticApps(): Promise<SyntheticApp[]> {
  const f = await appFixtures();
  const options = { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 };
  const entitlements = { 'application-identifier': `${TEAM}.${APP_ID}` };
  const code = (codeBytes: number, extra: Partial<MachOSpec['signature'] & object> = {}): MachOSpec => ({
    slices: ['arm64'],
    codeBytes,
    signature: f.signedBy(f.developer, { entitlements, ...extra }),
  });
  const large = async (): Promise<BundleSpec> => ({
    path: 'Payload/Field.app/',
    bundleId: APP_ID,
    profile: await f.profile(),
    resources: { 'Assets.car': assetBytes(150 * MB, 7), ...resources(40, 100) },
    executableContent: code(4 * MB),
  });
  const twoCds = { codeDirectories: ['SHA-1', 'SHA-256'] as const };
  const withExtension = async (): Promise<BundleSpec[]> => [
    {
      path: 'Payload/Field.app/',
      bundleId: APP_ID,
      profile: await f.profile(),
      resources: { 'Assets.car': assetBytes(3 * MB, 11), ...resources(300, 200) },
      executableContent: code(6 * MB, twoCds),
    },
    {
      path: 'Payload/Field.app/PlugIns/Share.appex/',
      bundleId: EXTENSION_ID,
      profile: await f.profile({ bundleId: EXTENSION_ID, name: 'Contoso Field Share In-House' }),
      resources: resources(30, 900),
      executableContent: {
        ...code(2 * MB, twoCds),
        signature: f.signedBy(f.developer, { identifier: EXTENSION_ID, entitlements: { 'application-identifier': `${TEAM}.${EXTENSION_ID}` }, ...twoCds }),
      },
    },
  ];
  return [
    { name: 'synthetic: in-house, extension, two CodeDirectories', build: async () => makeApp({ bundles: await withExtension() }), options },
    { name: 'synthetic: in-house, 150 MB Assets.car', build: async () => makeApp({ bundles: [await large()] }), options },
  ];
}
