// For an app: the stored profiles that keep all its bundles launching, found with renewalVerdict over every usable
// candidate at once. "Contoso Field" (app + share extension) from the app reader's fixtures, judged at a fixed clock.
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeApp } from '../../core/app/app';
import * as core from '../../core/index';
import { inspectProfile } from '../../core/inspect';
import type { DecodedApp } from '../../core/types';
import { appPlan, type StoredCandidate } from '../../web/views/intune/app-plan';
import { makeApp } from '../fixtures/app-factory';
import type { ProfileSpec } from '../fixtures/factory';
import { APP_ID, EXTENSION_ID, NOW, appFixtures, type AppFixtures } from '../core/app/app-fixtures';

let f: AppFixtures;
let app: DecodedApp;

beforeAll(async () => {
  f = await appFixtures();
  const shipped = { createdAt: new Date('2025-06-01T00:00:00Z'), expiresAt: new Date('2026-06-20T00:00:00Z') };
  const executableContent = f.machO(f.developer);
  app = await decodeApp(
    await makeApp({
      bundles: [
        { path: 'Payload/Field.app/', bundleId: APP_ID, profile: await f.profile(shipped), executableContent },
        { path: 'Payload/Field.app/PlugIns/Share.appex/', bundleId: EXTENSION_ID, profile: await f.profile({ ...shipped, bundleId: EXTENSION_ID }), executableContent },
      ],
    }),
    { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 },
  );
}, 120_000);

async function stored(id: string, spec: ProfileSpec): Promise<StoredCandidate> {
  const bytes = await f.profile({ uuid: id, ...spec });
  return { id, result: await inspectProfile(`${id}.mobileprovision`, bytes, { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 }) };
}

const RENEWED_APP = '11111111-aaaa-4aaa-8aaa-111111111111';
const OLDER_APP = '44444444-aaaa-4aaa-8aaa-444444444444';
const RENEWED_SHARE = '22222222-bbbb-4bbb-8bbb-222222222222';
const DEV_SHARE = '55555555-bbbb-4bbb-8bbb-555555555555';

describe('appPlan', () => {
  it('picks, per bundle, the newest profile Intune can use: one job keeps app and extension alive', async () => {
    const library = [
      await stored(OLDER_APP, { createdAt: new Date('2026-01-01T00:00:00Z'), expiresAt: new Date('2026-12-01T00:00:00Z') }),
      await stored(DEV_SHARE, { type: 'development', bundleId: EXTENSION_ID, devices: ['00008030-000A1B2C3D4E5F60'], expiresAt: new Date('2027-06-01T00:00:00Z') }),
      await stored(RENEWED_APP, { createdAt: new Date('2026-05-01T00:00:00Z'), expiresAt: new Date('2027-05-01T00:00:00Z') }),
      await stored(RENEWED_SHARE, { bundleId: EXTENSION_ID, createdAt: new Date('2026-05-01T00:00:00Z'), expiresAt: new Date('2027-04-01T00:00:00Z') }),
    ];
    const { verdict, picked } = appPlan(core, app, library, { now: NOW, warnDays: 30 });
    expect(verdict.canKeepAlive).toBe(true);
    expect(picked.map((candidate) => candidate.id)).toEqual([RENEWED_APP, RENEWED_SHARE]);
    expect(verdict.bundles?.map((bundle) => [bundle.bundleId, bundle.profileUuid])).toEqual([
      [APP_ID, RENEWED_APP],
      [EXTENSION_ID, RENEWED_SHARE],
    ]);
    const job = core.intuneJob(picked.map((candidate) => ({ result: candidate.result, bytes: new Uint8Array(1), fileName: `${candidate.id}.mobileprovision` })), { now: NOW });
    expect(job.refused).toEqual([]);
    expect(job.requests.map((request) => request.file)).toEqual([`${RENEWED_APP}.mobileprovision`, `${RENEWED_SHARE}.mobileprovision`]);
  });

  it('says the extension is not covered when only a development profile exists for it', async () => {
    const library = [
      await stored(RENEWED_APP, { createdAt: new Date('2026-05-01T00:00:00Z'), expiresAt: new Date('2027-05-01T00:00:00Z') }),
      await stored(DEV_SHARE, { type: 'development', bundleId: EXTENSION_ID, devices: ['00008030-000A1B2C3D4E5F60'], expiresAt: new Date('2027-06-01T00:00:00Z') }),
    ];
    const { verdict, picked } = appPlan(core, app, library, { now: NOW, warnDays: 30 });
    expect(verdict.canKeepAlive).toBe(false);
    expect(verdict.bundles?.find((bundle) => bundle.bundleId === EXTENSION_ID)?.profileUuid).toBeNull();
    expect(picked.map((candidate) => candidate.id)).toEqual([RENEWED_APP]);
  });
});
