// The renewal board's rows: "Contoso Field" (app + share extension, signed by a certificate valid until 2028) imported
// into a real (fake-indexeddb) library with the renewals an admin would have, judged at a fixed clock (2026-06-01).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as core from '../../core/index';
import { inspectProfile } from '../../core/inspect';
import { openLibrary, type Library, type StoredApp } from '../../core/store';
import { byUrgency, toAppRow, toAppRows } from '../../web/views/apps/app-board';
import { makeApp } from '../fixtures/app-factory';
import { SHIPPED_APP, SHIPPED_SHARE, fieldIpa, storeApp } from './field-app';
import type { ProfileSpec } from '../fixtures/factory';
import { APP_ID, EXTENSION_ID, NOW, appFixtures, type AppFixtures } from '../core/app/app-fixtures';

const RENEWED_APP = '11111111-aaaa-4aaa-8aaa-111111111111';
const RENEWED_SHARE = '22222222-bbbb-4bbb-8bbb-222222222222';
const DEV_SHARE = '55555555-bbbb-4bbb-8bbb-555555555555';

let f: AppFixtures;
let ipa: Uint8Array;
let library: Library | null = null;

beforeAll(async () => {
  f = await appFixtures();
  ipa = await fieldIpa(f);
}, 120_000);

afterEach(() => {
  library?.close();
  library = null;
});

const trusted = () => ({ now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });

/** The .ipa imported as the web importer does (summary + embedded profiles), plus `renewals` as profile files. */
async function imported(renewals: [string, ProfileSpec][], fileName = 'Field.ipa', bytes = ipa) {
  library = await openLibrary({ indexedDB: new IDBFactory(), name: `board-${Math.random()}` });
  const id = await storeApp(library, f, fileName, bytes);
  for (const [uuid, spec] of renewals) {
    const profile = await f.profile({ uuid, ...spec });
    await library.putProfile({ fileName: `${uuid}.mobileprovision`, bytes: profile, result: await inspectProfile(`${uuid}.mobileprovision`, profile, trusted()) });
  }
  const [app] = await library.listApps();
  return { id, app: app as StoredApp, profiles: await library.listProfiles() };
}

describe('toAppRow', () => {
  it('picks the newest usable renewal per bundle and counts down to the earliest of them', async () => {
    const { id, app, profiles } = await imported([
      [RENEWED_APP, { createdAt: new Date('2026-05-01T00:00:00Z'), expiresAt: new Date('2027-05-01T00:00:00Z') }],
      [RENEWED_SHARE, { bundleId: EXTENSION_ID, createdAt: new Date('2026-05-01T00:00:00Z'), expiresAt: new Date('2027-04-01T00:00:00Z') }],
    ]);
    const row = toAppRow(core, app, profiles, NOW, 30);
    expect(row).toMatchObject({
      id,
      name: 'field',
      bundleId: APP_ID,
      version: '2.4 (118)',
      status: 'ok',
      usable: true,
      integrity: 'intact',
      // The factory signs no entitlements into the executable: nothing to compare.
      capabilities: 'unknown',
      launchesUntil: '2027-04-01T00:00:00.000Z',
      daysLeft: 304,
      ended: false,
      missing: [],
      error: null,
    });
    // The team name is the certificate's subject O, as on Apple's certificates; the test PKI writes its own.
    expect(row.signer).toEqual({ teamName: 'ProvLens Test Team', teamId: 'CONTOSO123', commonName: 'iPhone Distribution: Contoso Ltd (CONTOSO123)', notAfter: '2028-01-01T00:00:00.000Z', expired: false });
    expect(row.picked.map((summary) => summary.id)).toEqual([RENEWED_APP, RENEWED_SHARE]);
    expect(row.bundles.map((plan) => [plan.bundle.bundleId, plan.picked?.id, plan.embeddedId, plan.until])).toEqual([
      [APP_ID, RENEWED_APP, SHIPPED_APP, '2027-05-01T00:00:00.000Z'],
      [EXTENSION_ID, RENEWED_SHARE, SHIPPED_SHARE, '2027-04-01T00:00:00.000Z'],
    ]);
    expect(row.bundles[0]?.certificate).toEqual({ notAfter: '2028-01-01T00:00:00.000Z', daysLeft: 579, expired: false });
  });

  it('while the shipped profiles are still valid, they keep the app alive: stored with the app, they count as renewals', async () => {
    const { app, profiles } = await imported([]);
    const row = toAppRow(core, app, profiles, NOW, 30);
    expect([row.status, row.usable, row.launchesUntil, row.daysLeft]).toEqual(['expiring', true, '2026-06-20T00:00:00.000Z', 19]);
    expect(row.picked.map((summary) => summary.id)).toEqual([SHIPPED_APP, SHIPPED_SHARE]);
  });

  it('says what is missing once the extension has only a development profile, and counts from the day it stopped', async () => {
    const { app, profiles } = await imported([
      [RENEWED_APP, { createdAt: new Date('2026-05-01T00:00:00Z'), expiresAt: new Date('2027-05-01T00:00:00Z') }],
      [DEV_SHARE, { type: 'development', bundleId: EXTENSION_ID, name: 'Share Development', devices: ['00008030-000A1B2C3D4E5F60'], expiresAt: new Date('2027-06-01T00:00:00Z') }],
    ]);
    const row = toAppRow(core, app, profiles, new Date('2026-07-01T00:00:00Z'), 30);
    expect(row.usable).toBe(false);
    // The extension ran on the profile it shipped with, until 2026-06-20: 11 whole days ago.
    expect([row.status, row.launchesUntil, row.daysLeft, row.ended]).toEqual(['expired', '2026-06-20T00:00:00.000Z', -11, true]);
    expect(row.picked.map((summary) => summary.id)).toEqual([RENEWED_APP]);
    const share = 'Payload/Field.app/PlugIns/Share.appex/';
    expect(row.missing.map((item) => item.bundlePath)).toEqual([share, share]);
    expect(row.missing[0]?.message).toBe(`Share.appex (${EXTENSION_ID}) is not covered by any library profile Intune can use; it stops launching when its current profile expires`);
    expect(row.missing[1]?.message).toBe("Share Development: A development profile: Intune's push keeps only in-house (Apple Developer Enterprise Program) apps alive.");
  });

  it('with no renewal at all, names the shipped profile and the day it stops launching', async () => {
    const { app, profiles } = await imported([]);
    const later = new Date('2026-07-01T00:00:00Z');
    const row = toAppRow(core, app, profiles, later, 30);
    expect([row.status, row.usable, row.launchesUntil, row.daysLeft, row.ended]).toEqual(['expired', false, '2026-06-20T00:00:00.000Z', -11, true]);
    expect(row.picked).toEqual([]);
    expect(row.missing.some((item) => item.message.startsWith('Contoso Field In-House: Apps using it stopped launching on 2026-06-20 00:00 UTC'))).toBe(true);
  });

  it('calls an app changed after signing Tampered, whatever the library holds, with the verdict\'s reason', async () => {
    const profile = await f.profile({ uuid: SHIPPED_APP });
    const altered = await makeApp({
      bundles: [{ path: 'Payload/Field.app/', bundleId: APP_ID, profile, executableContent: { slices: ['arm64'], signature: f.signedBy(f.developer, { tampered: true }) } }],
    });
    const { app, profiles } = await imported([[RENEWED_APP, { expiresAt: new Date('2027-05-01T00:00:00Z') }]], 'Altered.ipa', altered);
    const row = toAppRow(core, app, profiles, NOW, 30);
    expect([row.status, row.integrity, row.usable]).toEqual(['tampered', 'modified', false]);
    expect(row.missing[0]?.message).toMatch(/^Field\.app was changed after it was signed \(.+\); iOS will refuse to install or launch it$/);
  });

  it('reports an archive with no app bundle as unreadable, with the reason', () => {
    const broken: StoredApp = {
      id: 'sha256:00',
      fileName: 'Empty.ipa',
      importedAt: NOW.toISOString(),
      result: { kind: 'app', file: 'Empty.ipa', ok: true, error: null, app: { bundles: [], notes: [] }, findings: [] },
    };
    const row = toAppRow(core, broken, [], NOW, 30);
    expect([row.status, row.name, row.launchesUntil, row.error]).toEqual(['unreadable', 'Empty.ipa', null, 'The archive has no app bundle at Payload/*.app.']);
  });
});

describe('byUrgency', () => {
  it('puts the app that stops launching first on top, and a healthy one last', async () => {
    const covered = await imported([
      [RENEWED_APP, { expiresAt: new Date('2027-05-01T00:00:00Z') }],
      [RENEWED_SHARE, { bundleId: EXTENSION_ID, expiresAt: new Date('2027-04-01T00:00:00Z') }],
    ]);
    const healthy = toAppRow(core, covered.app, covered.profiles, NOW, 30);
    const bare = await imported([]);
    const dying = toAppRow(core, { ...bare.app, id: 'sha256:dying', fileName: 'Dying.ipa' }, bare.profiles, NOW, 30);
    expect([healthy, dying].sort(byUrgency).map((row) => row.status)).toEqual(['expiring', 'ok']);
    expect(toAppRows(core, [covered.app], covered.profiles, NOW, 30).map((row) => row.version)).toEqual(['2.4 (118)']);
  });
});
