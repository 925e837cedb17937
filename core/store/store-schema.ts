// The library's IndexedDB schema (W3C Indexed Database API 3.0) as an idb `DBSchema`, its numbered upgrades, and the
// read-back checks for stored records. Upgrades run in order from the stored version, so a database of any age
// arrives at the current shape with its data; a step never drops what an earlier one kept.
//   v1: 'profiles' held each file's bytes inline; 'settings'.
//   v2: bytes move to 'files', so listing 10,000 profiles reads summaries, not megabytes of files; 'apps';
//       indexes for renewal links (application-identifier) and for an app's embedded profiles.
//   v3: records keep what the file says, not what was concluded on import day: stored findings are dropped (every
//       view recomputes them live, core/profile/profile-verdict.ts), in profiles and in apps' embedded profiles.
//   v4: renewal links are recomputed for every stored profile with today's pairing rule (same App ID, team and
//       type; a copy kept beside a verified record links to nothing): links written under an older rule were
//       otherwise only fixed on the next import of the same App ID. Ids, records and bytes are kept as they are.
//   v5: 'audit', the tenant board's trail of what was sent to Intune and what Graph answered (auto-numbered, so
//       the trail keeps the order it was written in). Settings gain `signIn` without a step: readSettings fills it.
import { queue } from './store-errors';
import type { IDBPTransaction, StoreNames } from 'idb';
import { relinkRenewals } from './store-renewals';
import {
  DEFAULT_SETTINGS,
  type LibraryDatabase,
  type LibrarySchema,
  type ProfileSource,
  type ProfileSummary,
  type Settings,
  type SignInApp,
  type StoredApp,
  type StoredAuditEntry,
  type StoredProfile,
} from './records';
import { CLOUD_NAMES, type CloudName } from '../export/clouds';
import type { AppResult, ProfileResult } from '../types';

export * from './records';

export const SCHEMA_VERSION = 5;

type UpgradeTransaction = IDBPTransaction<LibrarySchema, StoreNames<LibrarySchema>[], 'versionchange'>;

/** A v1 'profiles' record, before bytes moved out and links existed. */
interface ProfileRecordV1 extends Omit<StoredProfile, 'source' | 'renewalOf' | 'renewedBy'> {
  source?: ProfileSource;
}

// Each step takes the database from version index to index + 1. Steps are synchronous about the schema and only
// await IndexedDB requests of the upgrade transaction, which keeps that transaction alive until they finish.
const UPGRADES: readonly ((db: LibraryDatabase, tx: UpgradeTransaction) => Promise<void> | void)[] = [
  function createV1(db) {
    const profiles = db.createObjectStore('profiles', { keyPath: 'id' });
    profiles.createIndex('by-expiry', 'expiresAt');
    profiles.createIndex('by-team', 'teamId');
    db.createObjectStore('settings');
  },
  async function splitFilesV2(db, tx) {
    db.createObjectStore('files', { keyPath: 'id' });
    db.createObjectStore('apps', { keyPath: 'id' });
    const profiles = tx.objectStore('profiles');
    profiles.createIndex('by-app-identifier', 'appIdentifier');
    profiles.createIndex('by-source-app', 'source.appId');
    const files = tx.objectStore('files');
    const appIdentifiers: string[] = [];
    for (let cursor = await profiles.openCursor(); cursor; cursor = await cursor.continue()) {
      const old = cursor.value as unknown as ProfileRecordV1;
      queue(files.put({ id: old.id, bytes: old.bytes }));
      const { bytes: _bytes, ...summary } = old;
      queue(cursor.update({ ...summary, source: old.source ?? { kind: 'file' }, renewalOf: null, renewedBy: null }));
      if (old.appIdentifier) appIdentifiers.push(old.appIdentifier);
    }
    await relinkRenewals(profiles, appIdentifiers);
  },
  async function dropConclusionsV3(_db, tx) {
    const profiles = tx.objectStore('profiles');
    for (let cursor = await profiles.openCursor(); cursor; cursor = await cursor.continue()) {
      const record = cursor.value;
      if (Array.isArray(record.result?.findings) && record.result.findings.length > 0) {
        queue(cursor.update({ ...record, result: { ...record.result, findings: [] } }));
      }
    }
    const apps = tx.objectStore('apps');
    for (let cursor = await apps.openCursor(); cursor; cursor = await cursor.continue()) {
      const app = cursor.value;
      const bundles = app.result?.app?.bundles;
      if (!app.result?.app || !Array.isArray(bundles)) continue;
      const stripped = bundles.map((bundle) => (bundle.profile ? { ...bundle, profile: { ...bundle.profile, findings: [] } } : bundle));
      queue(cursor.update({ ...app, result: { ...app.result, app: { ...app.result.app, bundles: stripped } } }));
    }
  },
  async function relinkAllV4(_db, tx) {
    const profiles = tx.objectStore('profiles');
    // A unique key cursor on the index yields each App ID once without reading a single record.
    const appIdentifiers: string[] = [];
    const index = profiles.index('by-app-identifier');
    for (let cursor = await index.openKeyCursor(null, 'nextunique'); cursor; cursor = await cursor.continue()) {
      appIdentifiers.push(cursor.key);
    }
    await relinkRenewals(profiles, appIdentifiers);
  },
  function auditTrailV5(db) {
    db.createObjectStore('audit', { keyPath: 'seq', autoIncrement: true });
  },
];

/** Runs the steps between the stored version and SCHEMA_VERSION inside the upgrade transaction. */
export function upgradeSchema(db: LibraryDatabase, oldVersion: number, tx: UpgradeTransaction): Promise<void> {
  let chain = Promise.resolve();
  for (let version = oldVersion; version < SCHEMA_VERSION; version++) {
    const step = UPGRADES[version];
    if (step) chain = chain.then(() => step(db, tx));
  }
  return chain;
}

/** A record is usable when the fields every view reads are there with the right types. */
export function isProfileSummary(value: unknown): value is ProfileSummary {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Record<keyof ProfileSummary, unknown>>;
  const result = record.result as Partial<ProfileResult> | null | undefined;
  const source = record.source as Partial<ProfileSource> | null | undefined;
  return (
    typeof record.id === 'string' &&
    typeof record.fileName === 'string' &&
    typeof record.importedAt === 'string' &&
    isStringOrNull(record.uuid) &&
    isStringOrNull(record.appIdentifier) &&
    isStringOrNull(record.teamId) &&
    isStringOrNull(record.expiresAt) &&
    isStringOrNull(record.renewalOf) &&
    isStringOrNull(record.renewedBy) &&
    typeof result === 'object' &&
    result !== null &&
    result.kind === 'profile' &&
    Array.isArray(result.findings) &&
    typeof source === 'object' &&
    source !== null &&
    (source.kind === 'file' || source.kind === 'app')
  );
}

export function isStoredApp(value: unknown): value is StoredApp {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Record<keyof StoredApp, unknown>>;
  const result = record.result as Partial<AppResult> | null | undefined;
  return (
    typeof record.id === 'string' &&
    typeof record.fileName === 'string' &&
    typeof record.importedAt === 'string' &&
    typeof result === 'object' &&
    result !== null &&
    result.kind === 'app'
  );
}

/** Stored settings merged over the defaults field by field, so one bad or missing value never loses the others. */
export function readSettings(stored: unknown): Settings {
  const value = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<Record<keyof Settings, unknown>>;
  const { warnDays, icsOffsets, theme, hideUdids, signIn } = value;
  return {
    warnDays: isDayCount(warnDays) ? warnDays : DEFAULT_SETTINGS.warnDays,
    icsOffsets:
      Array.isArray(icsOffsets) && icsOffsets.every(isDayCount) ? [...icsOffsets] : [...DEFAULT_SETTINGS.icsOffsets],
    theme: theme === 'light' || theme === 'dark' || theme === 'system' ? theme : DEFAULT_SETTINGS.theme,
    hideUdids: typeof hideUdids === 'boolean' ? hideUdids : DEFAULT_SETTINGS.hideUdids,
    signIn: readSignIn(signIn),
  };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A verified domain such as contoso.onmicrosoft.com: letters, digits and hyphens between dots. */
const DOMAIN = /^(?=.{4,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/** An app registration is usable when its client ID is a GUID and its tenant a GUID or a domain; the rest is dropped
 *  cloud by cloud, so one bad entry never loses the others. The values end up in a sign-in URL's path. */
export function readSignInApp(value: unknown): SignInApp | null {
  if (typeof value !== 'object' || value === null) return null;
  const { clientId, tenantId } = value as Partial<Record<keyof SignInApp, unknown>>;
  if (typeof clientId !== 'string' || typeof tenantId !== 'string') return null;
  const client = clientId.trim();
  const tenant = tenantId.trim();
  if (!GUID.test(client) || !(GUID.test(tenant) || DOMAIN.test(tenant))) return null;
  return { clientId: client.toLowerCase(), tenantId: tenant.toLowerCase() };
}

function readSignIn(value: unknown): Partial<Record<CloudName, SignInApp>> {
  if (typeof value !== 'object' || value === null) return {};
  const entries = CLOUD_NAMES.flatMap((cloud) => {
    const app = readSignInApp((value as Partial<Record<CloudName, unknown>>)[cloud]);
    return app ? [[cloud, app] as const] : [];
  });
  return Object.fromEntries(entries);
}

/** A stored audit line is shown when the fields the trail lists are there. */
export function isAuditEntry(value: unknown): value is StoredAuditEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Record<keyof StoredAuditEntry, unknown>>;
  return (
    typeof entry.at === 'string' &&
    typeof entry.cloud === 'string' &&
    (entry.action === 'push' || entry.action === 'renew-in-place') &&
    typeof entry.method === 'string' &&
    typeof entry.url === 'string' &&
    typeof entry.ok === 'boolean' &&
    (entry.status === null || typeof entry.status === 'number')
  );
}

function isDayCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 3650;
}

function isStringOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string';
}
