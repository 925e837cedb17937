// A check that gives the event loop back (the extension's panel runs it on the portal's main thread): with a pause
// installed it pauses between streamed pieces and batches of files, about every PAUSE_EVERY_MS, and finds exactly what
// it finds without pausing; without one it never pauses.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeApp } from '../../../core/app/app';
import { PAUSE_EVERY_MS, useAppPrimitives } from '../../../core/app/platform';
import { makeApp } from '../../fixtures/app-factory';
import { APP_ID, NOW, appFixtures, type AppFixtures } from './app-fixtures';

let f: AppFixtures;
let app: Uint8Array;

beforeAll(async () => {
  f = await appFixtures();
  let noise = 5;
  const resources: Record<string, Uint8Array> = {};
  for (let i = 0; i < 40; i++) resources[`Resources/item-${i}.png`] = new Uint8Array(20_000).map(() => ((noise = (Math.imul(noise, 1664525) + 1013904223) >>> 0) >>> 24));
  app = await makeApp({
    bundles: [{ path: 'Payload/Field.app/', bundleId: APP_ID, profile: await f.profile({}), resources, executableContent: { slices: ['arm64'], codeBytes: 400_000, signature: f.signedBy(f.developer) } }],
  });
}, 120_000);

afterEach(() => {
  useAppPrimitives({});
  vi.restoreAllMocks();
});

const check = () => decodeApp(app, { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });

describe('pausing during a check', () => {
  it('pauses when its clock says PAUSE_EVERY_MS went by, and finds the same as without pausing', async () => {
    const unpaused = await check();
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += PAUSE_EVERY_MS + 1));
    let pauses = 0;
    useAppPrimitives({ pause: async () => void (pauses += 1) });
    const paused = await check();
    expect(pauses).toBeGreaterThan(1);
    expect(paused).toEqual(unpaused);
    expect(paused.bundles.map((bundle) => bundle.integrity.status)).toEqual(['intact']);
  });

  it('does not pause while less than PAUSE_EVERY_MS went by, nor where no pause is installed', async () => {
    vi.spyOn(performance, 'now').mockReturnValue(1_000_000);
    let pauses = 0;
    useAppPrimitives({ pause: async () => void (pauses += 1) });
    await check();
    // The first reading after a long while pauses once; the clock then stands still.
    expect(pauses).toBe(1);
    useAppPrimitives({});
    await check();
    expect(pauses).toBe(1);
  });
});
