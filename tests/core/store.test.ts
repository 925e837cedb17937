// The library store on fake-indexeddb: idempotent imports, renewal links, apps, the v1 → v2, v3 → v4 and v4 → v5 upgrades, the audit trail, two "tabs",
// and every failure path the UI has to explain (quota, blocked upgrade, no IndexedDB, a damaged record).
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProvlensError } from '../../core/errors';
import { DEFAULT_SETTINGS, LIST_CHUNK, openLibrary, type Library, type Settings } from '../../core/store/store';
import type { AuditEntry } from '../../core/tenant/types';
import type { AppResult, ProfileResult } from '../../core/types';
import { TEAM, buildResult, type buildProfile } from './profile-builder';

const UUID_2025 = '11111111-2222-4333-8444-555555555555';
const UUID_2026 = '22222222-3333-4444-8555-666666666666';
const UUID_2027 = '33333333-4444-4555-8666-777777777777';
const APP_ID = `${TEAM}.com.example.app`;

const open: Library[] = [];
afterEach(() => {
  for (const library of open.splice(0)) library.close();
  vi.restoreAllMocks();
});

async function library(factory: IDBFactory = new IDBFactory(), name = 'provlens'): Promise<Library> {
  const opened = await openLibrary({ indexedDB: factory, name });
  open.push(opened);
  return opened;
}

function inHouse(uuid: string | null, expiresAt: string, overrides: Parameters<typeof buildProfile>[0] = {}) {
  return buildResult({ uuid, expiresAt, createdAt: `${expiresAt.slice(0, 4)}-01-01T00:00:00.000Z`, ...overrides });
}

function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function input(result: ProfileResult, content = result.profile?.uuid ?? 'no uuid') {
  return { fileName: `${content}.mobileprovision`, bytes: bytesOf(content), result };
}

async function expectCode(promise: Promise<unknown>, code: ProvlensError['code']): Promise<ProvlensError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProvlensError);
  expect((error as ProvlensError).code).toBe(code);
  return error as ProvlensError;
}

describe('listing a large library', () => {
  it('reads every summary once across short read transactions, sorted by expiry', async () => {
    const lib = await library();
    const count = LIST_CHUNK * 2 + 17;
    const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    // Expiry order is the reverse of key order, so sorting is the store's work, not the index's.
    const day = (n: number) => new Date(Date.UTC(2030, 0, 1) - n * 86_400_000).toISOString();
    await lib.putProfiles(Array.from({ length: count }, (_, n) => input(inHouse(uuid(n), day(n)), `file ${n}`)));

    const { profiles, corrupt } = await lib.listProfilesWithIssues();
    expect(corrupt).toEqual([]);
    expect(profiles).toHaveLength(count);
    expect(new Set(profiles.map((p) => p.id)).size).toBe(count);
    expect(profiles[0]?.id).toBe(uuid(count - 1));
    expect(profiles.at(-1)?.id).toBe(uuid(0));
  });
});

describe('importing profiles', () => {
  it('adds, then reports the same bytes as unchanged and new bytes for the same UUID as replaced', async () => {
    const lib = await library();
    const result = inHouse(UUID_2026.toUpperCase(), '2026-09-01T00:00:00.000Z');
    expect(await lib.putProfile(input(result, 'first'))).toEqual({ id: UUID_2026, status: 'added' });
    expect(await lib.putProfile(input(result, 'first'))).toEqual({ id: UUID_2026, status: 'unchanged' });
    expect(await lib.putProfile(input(result, 'second'))).toEqual({ id: UUID_2026, status: 'replaced' });

    const stored = await lib.getProfile(UUID_2026.toUpperCase());
    expect(stored?.bytes).toEqual(bytesOf('second'));
    expect(stored?.fileName).toBe('second.mobileprovision');
    expect(stored?.result.profile?.expiresAt).toBe('2026-09-01T00:00:00.000Z');
    expect(stored?.source).toEqual({ kind: 'file' });
    expect(stored?.teamId).toBe(TEAM);
    expect(stored?.appIdentifier).toBe(APP_ID);
    expect(Date.parse(stored?.importedAt ?? '')).not.toBeNaN();
    expect(await lib.listProfiles()).toHaveLength(1);
  });

  it('keys a profile without a UUID by the SHA-256 of its bytes', async () => {
    const lib = await library();
    const expected = `sha256:${createHash('sha256').update('bare plist').digest('hex')}`;
    const { id } = await lib.putProfile(input(inHouse(null, '2026-09-01T00:00:00.000Z'), 'bare plist'));
    expect(id).toBe(expected);
    expect((await lib.getProfile(id))?.uuid).toBeNull();
  });

  it('lists summaries without bytes, soonest expiry first and undated profiles last', async () => {
    const lib = await library();
    await lib.putProfiles([
      input(inHouse(UUID_2027, '2027-03-01T00:00:00.000Z')),
      input(inHouse(null, '', { expiresAt: null }), 'undated'),
      input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z')),
    ]);
    const listed = await lib.listProfiles();
    expect(listed.map((profile) => profile.expiresAt)).toEqual([
      '2025-03-01T00:00:00.000Z',
      '2027-03-01T00:00:00.000Z',
      null,
    ]);
    expect(listed.every((profile) => !('bytes' in profile))).toBe(true);
  });

  it('reads only a first page of that order when asked for a limit', async () => {
    const lib = await library();
    await lib.putProfiles([
      input(inHouse(UUID_2027, '2027-03-01T00:00:00.000Z')),
      input(inHouse(null, '', { expiresAt: null }), 'undated'),
      input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z')),
      input(inHouse(UUID_2026, '2026-03-01T00:00:00.000Z')),
    ]);
    expect((await lib.listProfiles({ limit: 2 })).map((profile) => profile.id)).toEqual([UUID_2025, UUID_2026]);
    const four = await lib.listProfiles({ limit: 4 });
    expect(four.map((profile) => profile.expiresAt?.slice(0, 4) ?? null)).toEqual(['2025', '2026', '2027', null]);
  });

  it('lands a batch in one transaction and sees duplicates inside it as re-imports', async () => {
    const lib = await library();
    const results = await lib.putProfiles([
      input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z'), 'a'),
      input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z'), 'a'),
      input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z'), 'b'),
    ]);
    expect(results.map((outcome) => outcome.status)).toEqual(['added', 'unchanged', 'replaced']);
    expect((await lib.getProfile(UUID_2025))?.bytes).toEqual(bytesOf('b'));
  });

  it('lists what expires before a date, through the expiry index', async () => {
    const lib = await library();
    await lib.putProfiles([
      input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z')),
      input(inHouse(UUID_2026, '2026-03-01T00:00:00.000Z')),
      input(inHouse(UUID_2027, '2027-03-01T00:00:00.000Z')),
    ]);
    const soon = await lib.listExpiringBefore(new Date('2026-06-01T00:00:00.000Z'));
    expect(soon.map((profile) => profile.id)).toEqual([UUID_2025, UUID_2026]);
  });
});

describe('renewal links', () => {
  it('chains profiles of one app ID and team by expiry, whatever the import order', async () => {
    const lib = await library();
    await lib.putProfile(input(inHouse(UUID_2027, '2027-03-01T00:00:00.000Z')));
    await lib.putProfile(input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z')));
    await lib.putProfile(input(inHouse(UUID_2026, '2026-03-01T00:00:00.000Z')));
    const links = Object.fromEntries(
      (await lib.listProfiles()).map((profile) => [profile.id, [profile.renewalOf, profile.renewedBy]]),
    );
    expect(links).toEqual({
      [UUID_2025]: [null, UUID_2026],
      [UUID_2026]: [UUID_2025, UUID_2027],
      [UUID_2027]: [UUID_2026, null],
    });
  });

  it('does not link other apps or other teams', async () => {
    const lib = await library();
    await lib.putProfiles([
      input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z')),
      input(inHouse(UUID_2026, '2026-03-01T00:00:00.000Z', { applicationIdentifier: `${TEAM}.com.example.other` })),
      input(inHouse(UUID_2027, '2027-03-01T00:00:00.000Z', { teamId: 'ZZZZZ99999' })),
    ]);
    for (const profile of await lib.listProfiles()) {
      expect([profile.renewalOf, profile.renewedBy]).toEqual([null, null]);
    }
  });

  it('does not link profiles of another type: an ad hoc profile for the same App ID renews no in-house one', async () => {
    const lib = await library();
    await lib.putProfiles([
      input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z')),
      input(inHouse(UUID_2026, '2026-03-01T00:00:00.000Z', { type: 'adhoc' })),
      input(inHouse(UUID_2027, '2027-03-01T00:00:00.000Z')),
    ]);
    const links = Object.fromEntries(
      (await lib.listProfiles()).map((profile) => [profile.id, [profile.renewalOf, profile.renewedBy]]),
    );
    expect(links).toEqual({
      [UUID_2025]: [null, UUID_2027],
      [UUID_2026]: [null, null],
      [UUID_2027]: [UUID_2025, null],
    });
  });

  it('relinks around a deleted profile and around one whose app ID changed on re-import', async () => {
    const lib = await library();
    await lib.putProfiles([
      input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z')),
      input(inHouse(UUID_2026, '2026-03-01T00:00:00.000Z')),
      input(inHouse(UUID_2027, '2027-03-01T00:00:00.000Z')),
    ]);
    await lib.deleteProfiles([UUID_2026]);
    expect((await lib.getProfile(UUID_2025))?.renewedBy).toBe(UUID_2027);
    expect((await lib.getProfile(UUID_2027))?.renewalOf).toBe(UUID_2025);
    expect(await lib.getProfile(UUID_2026)).toBeUndefined();

    const moved = inHouse(UUID_2027, '2027-03-01T00:00:00.000Z', { applicationIdentifier: `${TEAM}.com.example.moved` });
    expect((await lib.putProfile(input(moved, 'moved'))).status).toBe('replaced');
    expect((await lib.getProfile(UUID_2025))?.renewedBy).toBeNull();
    expect((await lib.getProfile(UUID_2027))?.renewalOf).toBeNull();
  });
});

describe('renewal links deferred to the end of an import', () => {
  const linksOf = async (lib: Library) =>
    Object.fromEntries((await lib.listProfiles()).map((profile) => [profile.id, [profile.renewalOf, profile.renewedBy]]));
  const batches = () => [
    [input(inHouse(UUID_2027, '2027-03-01T00:00:00.000Z')), input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z'))],
    [
      input(inHouse(UUID_2026, '2026-03-01T00:00:00.000Z')),
      input(buildResult({ uuid: UUID_2026, expiresAt: '2026-03-01T00:00:00.000Z' }, { status: 'invalid' }), 'tampered bytes'),
      input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z', { applicationIdentifier: `${TEAM}.com.example.moved` }), 'moved'),
    ],
  ];

  it('ends with the links putProfiles writes, once the App IDs named by each outcome are relinked', async () => {
    const linked = await library(new IDBFactory());
    for (const batch of batches()) await linked.putProfiles(batch);
    const deferred = await library(new IDBFactory());
    const relink = new Set<string>();
    const statuses: string[] = [];
    for (const batch of batches()) {
      for (const outcome of await deferred.putProfilesUnlinked(batch)) {
        statuses.push(outcome.status);
        outcome.relink.forEach((appIdentifier) => relink.add(appIdentifier));
      }
    }
    expect(statuses).toEqual(['added', 'added', 'added', 'kept-beside', 'replaced']);
    expect([...relink].sort()).toEqual([APP_ID, `${TEAM}.com.example.moved`]);
    // Until relinked, nothing links: the import's new records wait for the one relink at its end.
    expect(Object.values(await linksOf(deferred)).flat().every((link) => link === null)).toBe(true);
    const heard = vi.fn();
    deferred.onChange(heard);
    await deferred.relinkRenewals([...relink]);
    expect(heard).toHaveBeenCalledWith({ kind: 'profiles' });
    expect(await linksOf(deferred)).toEqual(await linksOf(linked));
    expect((await linksOf(deferred))[UUID_2026]).toEqual([null, UUID_2027]);
  });
});

describe('apps', () => {
  function appResult(profile: ProfileResult): AppResult {
    const bundle = {
      path: 'Payload/Demo.app/',
      kind: 'app' as const,
      bundleId: 'com.example.app',
      name: 'Demo',
      version: '1.0',
      build: '1',
      minimumOsVersion: '15.0',
      executable: 'Demo',
      signingCertificate: null,
      profile,
      match: { bundleIdMatchesAppId: true, certificateInProfile: null, teamMatches: true },
      notes: [],
      integrity: { status: 'unsigned' as const, problems: [] },
      capabilities: { status: 'unknown' as const, notInProfile: [], entitlements: null },
    };
    return { kind: 'app', file: 'Demo.ipa', ok: true, error: null, app: { bundles: [bundle], notes: [] }, findings: [] };
  }

  it('stores the summary and embedded profiles, not the .ipa, and deleting the app removes only its profiles', async () => {
    const lib = await library();
    const embedded = inHouse(UUID_2026, '2026-03-01T00:00:00.000Z');
    await lib.putProfile(input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z')));
    const ipa = bytesOf('PK pretend ipa');
    const { id, profiles } = await lib.putApp({
      fileName: 'Demo.ipa',
      bytes: ipa,
      result: appResult(embedded),
      profileBytes: [{ bundlePath: 'Payload/Demo.app/', bytes: bytesOf('embedded') }],
    });
    expect(id).toBe(`sha256:${createHash('sha256').update(ipa).digest('hex')}`);
    expect(profiles).toEqual([{ id: UUID_2026, status: 'added' }]);

    const apps = await lib.listApps();
    expect(apps.map((app) => [app.id, app.fileName, app.result.app?.bundles[0]?.bundleId])).toEqual([
      [id, 'Demo.ipa', 'com.example.app'],
    ]);
    expect(apps[0]).not.toHaveProperty('bytes');
    const stored = await lib.getProfile(UUID_2026);
    expect(stored?.source).toEqual({ kind: 'app', appId: id, bundlePath: 'Payload/Demo.app/' });
    expect(stored?.bytes).toEqual(bytesOf('embedded'));
    expect(stored?.renewalOf).toBe(UUID_2025);

    await lib.deleteApp(id);
    expect(await lib.listApps()).toEqual([]);
    expect((await lib.listProfiles()).map((profile) => [profile.id, profile.renewedBy])).toEqual([[UUID_2025, null]]);
  });

  it('keeps a profile that was also imported as a file when its app is deleted', async () => {
    const lib = await library();
    const embedded = inHouse(UUID_2026, '2026-03-01T00:00:00.000Z');
    const { id } = await lib.putApp({
      fileName: 'Demo.ipa',
      bytes: bytesOf('PK another ipa'),
      result: appResult(embedded),
      profileBytes: [{ bundlePath: 'Payload/Demo.app/', bytes: bytesOf('embedded') }],
    });
    expect(await lib.putProfile({ fileName: 'Demo.mobileprovision', bytes: bytesOf('embedded'), result: embedded })).toEqual(
      { id: UUID_2026, status: 'unchanged' },
    );
    await lib.deleteApp(id);
    expect((await lib.getProfile(UUID_2026))?.source).toEqual({ kind: 'file' });
  });
});

describe('two tabs', () => {
  it('keeps every write when two connections import at once, and tells the other tab', async () => {
    const factory = new IDBFactory();
    const [tabA, tabB] = await Promise.all([library(factory), library(factory)]);
    const heardInB = vi.fn();
    tabB.onChange(heardInB);
    const batchA = Array.from({ length: 40 }, (_, i) =>
      input(inHouse(`aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`, '2026-03-01T00:00:00.000Z')),
    );
    const batchB = Array.from({ length: 40 }, (_, i) =>
      input(inHouse(`bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}`, '2026-04-01T00:00:00.000Z')),
    );
    await Promise.all([tabA.putProfiles(batchA), tabB.putProfiles(batchB), tabA.putProfile(batchB[0]!)]);

    const seen = await tabA.listProfiles();
    expect(seen).toHaveLength(80);
    expect(await tabB.listProfiles()).toEqual(seen);
    // All 80 share one app ID and team, so they form one chain whatever order the transactions ran in.
    expect(seen.filter((profile) => profile.renewalOf === null)).toHaveLength(1);
    expect(seen.filter((profile) => profile.renewedBy === null)).toHaveLength(1);
    await vi.waitFor(() => expect(heardInB).toHaveBeenCalledWith({ kind: 'profiles' }));
  });
});

describe('trust in the library', () => {
  const genuine = () => input(inHouse(UUID_2026, '2026-09-01T00:00:00.000Z'), 'genuine bytes');
  const tampered = () => input(buildResult({ uuid: UUID_2026, expiresAt: '2027-09-01T00:00:00.000Z', name: 'Edited' }, { status: 'invalid' }), 'tampered bytes');
  const forged = () => input(buildResult({ uuid: UUID_2026, expiresAt: '2027-09-01T00:00:00.000Z' }, { status: 'untrusted' }), 'forged bytes');

  it('never lets a tampered or re-signed copy replace the Apple-verified record: it is kept beside it, named', async () => {
    const lib = await library();
    await lib.putProfile(genuine());
    expect(await lib.putProfile(tampered())).toEqual({ id: `${UUID_2026}~tampered`, status: 'kept-beside' });
    expect(await lib.putProfile(forged())).toEqual({ id: `${UUID_2026}~untrusted`, status: 'kept-beside' });
    expect(await lib.putProfile(tampered())).toEqual({ id: `${UUID_2026}~tampered`, status: 'unchanged' });
    const held = await lib.getProfile(UUID_2026);
    expect(held?.bytes).toEqual(bytesOf('genuine bytes'));
    expect(held?.result.signature?.status).toBe('valid');
    expect((await lib.listProfiles()).map((profile) => profile.id).sort()).toEqual([UUID_2026, `${UUID_2026}~tampered`, `${UUID_2026}~untrusted`]);
  });

  it('gives the UUID to the verified file when the copy came first, in one batch or in two', async () => {
    for (const separately of [true, false]) {
      const lib = await library(new IDBFactory());
      if (separately) {
        await lib.putProfile(tampered());
        expect(await lib.putProfile(genuine())).toEqual({ id: UUID_2026, status: 'replaced' });
      } else {
        await lib.putProfiles([tampered(), genuine()]);
      }
      expect((await lib.getProfile(UUID_2026))?.bytes).toEqual(bytesOf('genuine bytes'));
      const copy = await lib.getProfile(`${UUID_2026}~tampered`);
      expect(copy?.bytes).toEqual(bytesOf('tampered bytes'));
      // A copy is no renewal: it neither renews the genuine record nor is renewed by it.
      expect([copy?.renewalOf, copy?.renewedBy]).toEqual([null, null]);
      expect((await lib.getProfile(UUID_2026))?.renewedBy).toBeNull();
    }
  });

  it('keeps one copy per kind, tampered, unsigned and untrusted, with or without a verified record, in any order', async () => {
    const unsigned = () => input(buildResult({ uuid: UUID_2026, expiresAt: '2027-09-01T00:00:00.000Z' }, { status: 'unsigned' }), 'bare plist bytes');
    const orders = [
      [tampered, unsigned, forged, genuine],
      [unsigned, genuine, tampered, forged],
      [forged, tampered, genuine, unsigned],
    ];
    for (const order of orders) {
      const lib = await library(new IDBFactory());
      for (const copy of order) await lib.putProfile(copy());
      const ids = (await lib.listProfiles()).map((profile) => profile.id).sort();
      expect(ids).toEqual([UUID_2026, `${UUID_2026}~tampered`, `${UUID_2026}~unsigned`, `${UUID_2026}~untrusted`]);
      const held = await Promise.all(ids.map(async (id) => new TextDecoder().decode((await lib.getProfile(id))?.bytes)));
      expect(held).toEqual(['genuine bytes', 'tampered bytes', 'bare plist bytes', 'forged bytes']);
    }
  });

  it('lets a copy replace only the earlier copy of its own kind', async () => {
    const lib = await library();
    await lib.putProfile(genuine());
    await lib.putProfile(tampered());
    const retampered = input(buildResult({ uuid: UUID_2026, expiresAt: '2027-09-01T00:00:00.000Z' }, { status: 'invalid' }), 'tampered again');
    expect(await lib.putProfile(retampered)).toEqual({ id: `${UUID_2026}~tampered`, status: 'kept-beside' });
    expect((await lib.getProfile(`${UUID_2026}~tampered`))?.bytes).toEqual(bytesOf('tampered again'));
    expect((await lib.getProfile(UUID_2026))?.bytes).toEqual(bytesOf('genuine bytes'));
    expect(await lib.listProfiles()).toHaveLength(2);
  });

  it('still lets a verified file replace a verified one, and stores no findings (views judge live)', async () => {
    const lib = await library();
    await lib.putProfile(genuine());
    const newer = input({ ...inHouse(UUID_2026, '2026-10-01T00:00:00.000Z'), findings: [{ code: 'expired', severity: 'error', message: 'stale', fix: '' }] }, 'newer bytes');
    expect((await lib.putProfile(newer)).status).toBe('replaced');
    expect((await lib.getProfile(UUID_2026))?.result.findings).toEqual([]);
  });
});

describe('schema upgrade', () => {
  // The v1 shape, written with the raw API as an older ProvLens would have left it: bytes inline, no links.
  async function createV1(factory: IDBFactory, name: string): Promise<void> {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(name, 1);
      request.onupgradeneeded = () => {
        const profiles = request.result.createObjectStore('profiles', { keyPath: 'id' });
        profiles.createIndex('by-expiry', 'expiresAt');
        profiles.createIndex('by-team', 'teamId');
        request.result.createObjectStore('settings');
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(['profiles', 'settings'], 'readwrite');
    for (const [uuid, expiresAt] of [
      [UUID_2025, '2025-03-01T00:00:00.000Z'],
      [UUID_2026, '2026-03-01T00:00:00.000Z'],
    ] as const) {
      tx.objectStore('profiles').put({
        id: uuid,
        uuid,
        fileName: `${uuid}.mobileprovision`,
        importedAt: '2025-01-01T00:00:00.000Z',
        bytes: bytesOf(`v1 ${uuid}`),
        result: { ...inHouse(uuid, expiresAt), findings: [{ code: 'expires-soon', severity: 'warning', message: 'then', fix: '' }] },
        appIdentifier: APP_ID,
        teamId: TEAM,
        expiresAt,
      });
    }
    tx.objectStore('settings').put({ ...DEFAULT_SETTINGS, warnDays: 45 }, 'settings');
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }

  it('moves v1 bytes to their own store, keeps every record and setting, and links renewals', async () => {
    const factory = new IDBFactory();
    await createV1(factory, 'legacy');
    const lib = await library(factory, 'legacy');

    const listed = await lib.listProfiles();
    expect(listed.map((profile) => [profile.id, profile.source, profile.renewalOf, profile.renewedBy])).toEqual([
      [UUID_2025, { kind: 'file' }, null, UUID_2026],
      [UUID_2026, { kind: 'file' }, UUID_2025, null],
    ]);
    expect(listed.every((profile) => !('bytes' in profile))).toBe(true);
    expect((await lib.getProfile(UUID_2025))?.bytes).toEqual(bytesOf(`v1 ${UUID_2025}`));
    expect((await lib.getSettings()).warnDays).toBe(45);
    // v3: the findings concluded on import day are gone; every view recomputes them.
    expect(listed.map((profile) => profile.result.findings)).toEqual([[], []]);
    expect((await lib.putProfile(input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z'), `v1 ${UUID_2025}`))).status).toBe(
      'unchanged',
    );
  });

  // The v3 shape, as ProvLens left it before v4, with links an older pairing rule wrote: an ad hoc profile "renewing"
  // an in-house one, a kept copy in the chain, and a link to a profile deleted since.
  async function createV3WithStaleLinks(factory: IDBFactory, name: string): Promise<void> {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(name, 3);
      request.onupgradeneeded = () => {
        const profiles = request.result.createObjectStore('profiles', { keyPath: 'id' });
        profiles.createIndex('by-expiry', 'expiresAt');
        profiles.createIndex('by-team', 'teamId');
        profiles.createIndex('by-app-identifier', 'appIdentifier');
        profiles.createIndex('by-source-app', 'source.appId');
        for (const store of ['files', 'apps']) request.result.createObjectStore(store, { keyPath: 'id' });
        request.result.createObjectStore('settings');
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(['profiles', 'files'], 'readwrite');
    const stored = (id: string, result: ProfileResult, renewalOf: string | null, renewedBy: string | null) => {
      tx.objectStore('profiles').put({
        id,
        uuid: UUID_2026,
        fileName: `${id}.mobileprovision`,
        importedAt: '2026-01-01T00:00:00.000Z',
        result,
        source: { kind: 'file' },
        appIdentifier: APP_ID,
        teamId: TEAM,
        expiresAt: result.profile?.expiresAt ?? null,
        renewalOf,
        renewedBy,
      });
      tx.objectStore('files').put({ id, bytes: bytesOf(`v3 ${id}`) });
    };
    const deleted = '99999999-0000-4000-8000-000000000000';
    stored(UUID_2025, inHouse(UUID_2025, '2025-03-01T00:00:00.000Z'), deleted, null);
    stored(UUID_2026, inHouse(UUID_2026, '2026-03-01T00:00:00.000Z', { type: 'adhoc' }), UUID_2025, `${UUID_2027}~tampered`);
    stored(`${UUID_2027}~tampered`, buildResult({ uuid: UUID_2027, expiresAt: '2027-03-01T00:00:00.000Z' }, { status: 'invalid' }), UUID_2026, null);
    stored(UUID_2027, inHouse(UUID_2027, '2027-03-01T00:00:00.000Z'), null, null);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }

  it('v4 relinks every stored profile with the current rule and keeps ids and bytes', async () => {
    const factory = new IDBFactory();
    await createV3WithStaleLinks(factory, 'stale');
    const lib = await library(factory, 'stale');

    const links = Object.fromEntries((await lib.listProfiles()).map((profile) => [profile.id, [profile.renewalOf, profile.renewedBy]]));
    expect(links).toEqual({
      [UUID_2025]: [null, UUID_2027],
      [UUID_2026]: [null, null],
      [`${UUID_2027}~tampered`]: [null, null],
      [UUID_2027]: [UUID_2025, null],
    });
    expect((await lib.getProfile(`${UUID_2027}~tampered`))?.bytes).toEqual(bytesOf(`v3 ${UUID_2027}~tampered`));
  });
  it('v5 adds the audit trail to a v4 library and keeps its profiles, files and settings', async () => {
    const factory = new IDBFactory();
    await createV3WithStaleLinks(factory, 'before-audit');
    // v4's stores are v3's: bumping the version with the raw API leaves a v4 database as an older ProvLens would.
    const v4 = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open('before-audit', 4);
      request.onupgradeneeded = () => undefined;
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    expect([...v4.objectStoreNames]).not.toContain('audit');
    const tx = v4.transaction('settings', 'readwrite');
    tx.objectStore('settings').put({ ...DEFAULT_SETTINGS, warnDays: 21, signIn: undefined }, 'settings');
    await new Promise((resolve) => (tx.oncomplete = resolve));
    v4.close();

    const lib = await library(factory, 'before-audit');
    expect((await lib.listProfiles()).map((profile) => profile.id)).toEqual([UUID_2025, UUID_2026, UUID_2027, `${UUID_2027}~tampered`]);
    expect((await lib.getProfile(UUID_2027))?.bytes).toEqual(bytesOf(`v3 ${UUID_2027}`));
    expect(await lib.getSettings()).toEqual({ ...DEFAULT_SETTINGS, warnDays: 21, signIn: {} });
    expect(await lib.listAuditEntries()).toEqual([]);
    await lib.addAuditEntries([auditEntry('2026-01-01T00:00:00.000Z')]);
    expect((await lib.listAuditEntries()).map((entry) => entry.seq)).toEqual([1]);
  });
});

describe('failures', () => {
  it('says storage-blocked when an older tab keeps the database open through an upgrade', async () => {
    const factory = new IDBFactory();
    const old = await new Promise<IDBDatabase>((resolve) => {
      const request = factory.open('provlens', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('profiles', { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
    });
    await expectCode(openLibrary({ indexedDB: factory }), 'storage-blocked');
    old.close();
  });

  it('steps aside for a newer version in another tab, then says storage-blocked instead of failing silently', async () => {
    const factory = new IDBFactory();
    const lib = await library(factory);
    await lib.putProfile(input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z')));
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open('provlens', 99);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('the library did not close its connection'));
    });
    await expectCode(lib.listProfiles(), 'storage-blocked');
    newer.close();
  });

  it('maps a quota failure to storage-quota and leaves the library as it was', async () => {
    const lib = await library();
    await lib.putProfile(input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z')));
    const realPut = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'files') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    const error = await expectCode(
      lib.putProfiles([
        input(inHouse(UUID_2026, '2026-03-01T00:00:00.000Z')),
        input(inHouse(UUID_2027, '2027-03-01T00:00:00.000Z')),
      ]),
      'storage-quota',
    );
    expect((error.cause as DOMException).name).toBe('QuotaExceededError');
    vi.restoreAllMocks();
    expect((await lib.listProfiles()).map((profile) => [profile.id, profile.renewedBy])).toEqual([[UUID_2025, null]]);
  });

  it('stores a large batch in turns, and a failure in a late turn still leaves nothing of the batch', async () => {
    const lib = await library();
    const uuid = (n: number) => `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const batch = Array.from({ length: 40 }, (_, n) => input(inHouse(uuid(n), '2027-03-01T00:00:00.000Z'), `file ${n}`));
    const realPut = IDBObjectStore.prototype.put;
    let files = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      // Files are put first, 40 of them, in turns of 24: the 30th is in the second turn.
      if (this.name === 'files' && ++files === 30) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    await expectCode(lib.putProfilesUnlinked(batch), 'storage-quota');
    vi.restoreAllMocks();
    expect(await lib.listProfiles()).toEqual([]);
    expect((await lib.putProfilesUnlinked(batch)).map(({ status }) => status)).toEqual(batch.map(() => 'added'));
    expect(await lib.listProfiles()).toHaveLength(40);
  });

  it('says storage-unavailable when there is no IndexedDB or the browser refuses it', async () => {
    const saved = globalThis.indexedDB;
    vi.stubGlobal('indexedDB', undefined);
    try {
      await expectCode(openLibrary(), 'storage-unavailable');
    } finally {
      vi.stubGlobal('indexedDB', saved);
    }
    const refusing = new IDBFactory();
    vi.spyOn(refusing, 'open').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    await expectCode(openLibrary({ indexedDB: refusing }), 'storage-unavailable');
  });

  it('skips and reports a damaged record without losing the rest, and lets a re-import repair it', async () => {
    const factory = new IDBFactory();
    const lib = await library(factory);
    await lib.putProfile(input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z')));
    const raw = await new Promise<IDBDatabase>((resolve) => {
      const request = factory.open('provlens');
      request.onsuccess = () => resolve(request.result);
    });
    const tx = raw.transaction('profiles', 'readwrite');
    tx.objectStore('profiles').put({ id: UUID_2026, fileName: 42 });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    raw.close();

    expect(await lib.listProfilesWithIssues()).toMatchObject({
      profiles: [{ id: UUID_2025 }],
      corrupt: [UUID_2026],
    });
    expect((await lib.listProfiles()).map((profile) => profile.id)).toEqual([UUID_2025]);
    await expectCode(lib.getProfile(UUID_2026), 'storage-corrupt');
    expect((await lib.putProfile(input(inHouse(UUID_2026, '2026-03-01T00:00:00.000Z')))).status).toBe('replaced');
    expect((await lib.listProfilesWithIssues()).corrupt).toEqual([]);
  });
});

describe('settings, delete and clear', () => {
  it('reads defaults, keeps valid fields and falls back per field on bad ones', async () => {
    const lib = await library();
    expect(await lib.getSettings()).toEqual({ warnDays: 30, icsOffsets: [30, 7, 1], theme: 'system', hideUdids: false, signIn: {} });
    await lib.putSettings({ warnDays: 14, icsOffsets: [14, 2], theme: 'dark', hideUdids: true, signIn: {} });
    expect(await lib.getSettings()).toEqual({ warnDays: 14, icsOffsets: [14, 2], theme: 'dark', hideUdids: true, signIn: {} });
    await lib.putSettings({ warnDays: -3, icsOffsets: [1.5], theme: 'neon' as 'dark', hideUdids: true, signIn: {} });
    expect(await lib.getSettings()).toEqual({ warnDays: 30, icsOffsets: [30, 7, 1], theme: 'system', hideUdids: true, signIn: {} });
  });

  it('keeps each cloud\'s sign-in app registration whose IDs are well formed, and drops the others cloud by cloud', async () => {
    const lib = await library();
    await lib.putSettings({
      ...DEFAULT_SETTINGS,
      signIn: {
        global: { clientId: ' 0B5F2C1E-4D3A-4E8B-9C7D-6A5B4C3D2E1F ', tenantId: 'Contoso.onmicrosoft.com' },
        usgov: { clientId: 'not-a-guid', tenantId: 'contoso.onmicrosoft.us' },
        dod: { clientId: '11111111-2222-4333-8444-555555555555', tenantId: 'https://evil.example/' },
        china: { clientId: '22222222-3333-4444-8555-666666666666', tenantId: '33333333-4444-4555-8666-777777777777' },
        mars: { clientId: '22222222-3333-4444-8555-666666666666', tenantId: 'mars.example' },
      } as Settings['signIn'],
    });
    expect((await lib.getSettings()).signIn).toEqual({
      global: { clientId: '0b5f2c1e-4d3a-4e8b-9c7d-6a5b4c3d2e1f', tenantId: 'contoso.onmicrosoft.com' },
      china: { clientId: '22222222-3333-4444-8555-666666666666', tenantId: '33333333-4444-4555-8666-777777777777' },
    });
  });

  it('clears profiles, apps, settings and the audit trail and tells listeners in this tab', async () => {
    const lib = await library();
    const heard = vi.fn();
    const stop = lib.onChange(heard);
    await lib.putProfile(input(inHouse(UUID_2025, '2025-03-01T00:00:00.000Z')));
    await lib.putSettings({ ...DEFAULT_SETTINGS, warnDays: 10 });
    await lib.addAuditEntries([auditEntry('2026-01-01T00:00:00.000Z')]);
    await lib.clear();
    expect(await lib.listProfiles()).toEqual([]);
    expect(await lib.getProfile(UUID_2025)).toBeUndefined();
    expect((await lib.getSettings()).warnDays).toBe(30);
    expect(await lib.listAuditEntries()).toEqual([]);
    expect(heard.mock.calls).toEqual([[{ kind: 'profiles' }], [{ kind: 'settings' }], [{ kind: 'audit' }], [{ kind: 'all' }]]);
    stop();
    await lib.deleteProfiles([UUID_2025]);
    expect(heard).toHaveBeenCalledTimes(4);
  });
});

const CONFIGURATION_URL = 'https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/44444444-5555-4666-8777-888888888888';

function auditEntry(at: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at,
    cloud: 'global',
    action: 'renew-in-place',
    method: 'PATCH',
    url: CONFIGURATION_URL,
    body: { payloadFileName: 'Field_2027.mobileprovision', payload: '(12,345 bytes, SHA-256 ab12…)', expirationDateTime: '2027-05-01T00:00:00Z' },
    profile: { uuid: UUID_2027, fileName: 'Field_2027.mobileprovision', sha256: 'ab12' },
    status: 204,
    ok: true,
    response: null,
    ...overrides,
  };
}

describe('the audit trail', () => {
  it('keeps entries in the order written, across calls, numbered, and tells listeners', async () => {
    const lib = await library();
    const heard = vi.fn();
    lib.onChange(heard);
    await lib.addAuditEntries([auditEntry('2026-01-02T00:00:00.000Z'), auditEntry('2026-01-01T00:00:00.000Z', { method: 'POST', status: 403, ok: false })]);
    await lib.addAuditEntries([]);
    await lib.addAuditEntries([auditEntry('2026-01-03T00:00:00.000Z')]);
    const trail = await lib.listAuditEntries();
    expect(trail.map((entry) => [entry.seq, entry.at, entry.method, entry.status])).toEqual([
      [1, '2026-01-02T00:00:00.000Z', 'PATCH', 204],
      [2, '2026-01-01T00:00:00.000Z', 'POST', 403],
      [3, '2026-01-03T00:00:00.000Z', 'PATCH', 204],
    ]);
    expect(trail[0]).toEqual({ ...auditEntry('2026-01-02T00:00:00.000Z'), seq: 1 });
    expect(heard.mock.calls).toEqual([[{ kind: 'audit' }], [{ kind: 'audit' }]]);
  });

  it('never stores a token, wherever a caller left one', async () => {
    const lib = await library();
    const jwt = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzY3AiOiJEZXZpY2VNYW5hZ2VtZW50QXBwcy5SZWFkLkFsbCJ9.c2lnbmF0dXJl';
    await lib.addAuditEntries([
      auditEntry('2026-01-01T00:00:00.000Z', {
        url: `${CONFIGURATION_URL}?access_token=${jwt}`,
        body: { headers: { Authorization: 'Bearer opaque-token-value' }, nested: [jwt] },
        response: { error: { code: 'InvalidAuthenticationToken', message: `Token ${jwt} expired` } },
      }),
    ]);
    const stored = JSON.stringify(await lib.listAuditEntries());
    expect(stored).not.toContain('eyJ0eXAi');
    expect(stored).not.toContain('opaque-token-value');
    expect(stored).toContain(`${CONFIGURATION_URL}?access_token=[token removed]`);
    expect(stored).toContain('"Authorization":"[token removed]"');
    expect(stored).toContain('Token [token removed] expired');
  });

  it('skips a damaged line and lists the rest', async () => {
    const factory = new IDBFactory();
    const lib = await library(factory, 'damaged-audit');
    await lib.addAuditEntries([auditEntry('2026-01-01T00:00:00.000Z')]);
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = factory.open('damaged-audit');
      request.onsuccess = () => resolve(request.result);
    });
    const tx = db.transaction('audit', 'readwrite');
    tx.objectStore('audit').add({ at: 7, method: 'PATCH' });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
    expect((await lib.listAuditEntries()).map((entry) => entry.seq)).toEqual([1]);
  });
});
