// The on-device library: profiles and apps the user imported, kept in IndexedDB (W3C Indexed Database API 3.0) via
// idb. Runs in pages and in the extension's service worker (no DOM). Every failure leaves as a ProvlensError with a
// storage-* code; a write that fails is one aborted transaction, so the rest of the library is never touched.
import { wrap, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from 'idb';
import { bytesEqual, toHex } from '../bytes';
import { ProvlensError } from '../errors';
import { signatureStatus } from '../profile/profile-verdict';
import { queue, storageError } from './store-errors';
import { relinkRenewals, type ProfilesStore } from './store-renewals';
import {
  DEFAULT_SETTINGS,
  SCHEMA_VERSION,
  SETTINGS_KEY,
  isProfileSummary,
  isStoredApp,
  readSettings,
  upgradeSchema,
  type LibraryDatabase,
  type LibrarySchema,
  type ProfileSource,
  type ProfileSummary,
  type Settings,
  type StoredApp,
  type StoredAuditEntry,
  type StoredProfile,
  isAuditEntry,
} from './store-schema';
import type { AuditEntry } from '../tenant/types';
import type { AppResult, ProfileResult } from '../types';


/** Summaries per read transaction when listing the whole library (see listProfilesWithIssues). */
export const LIST_CHUNK = 250;
/** Application-identifiers relinked per transaction by relinkRenewals: each reads and puts back all its records. */
export const RELINK_CHUNK = 8;
export { DEFAULT_SETTINGS, SCHEMA_VERSION };
export type { ProfileSource, ProfileSummary, Settings, StoredApp, StoredAuditEntry, StoredProfile };

export interface ProfileInput {
  fileName: string;
  bytes: Uint8Array;
  result: ProfileResult;
  source?: ProfileSource;
}

/** 'kept-beside': the same UUID is stored from a file Apple's signature vouches for, or from a copy of another
 *  kind, and this copy is not verified (tampered, re-signed or unsigned), so it was stored under its own id
 *  (`<uuid>~<what it is>`: one slot per kind) next to it. */
export type PutStatus = 'added' | 'unchanged' | 'replaced' | 'kept-beside';

export interface AppInput {
  fileName: string;
  bytes: Uint8Array;
  result: AppResult;
  /** The embedded.mobileprovision of each bundle that has one; bundlePath matches AppBundle.path. */
  profileBytes: { bundlePath: string; bytes: Uint8Array }[];
}

/** What changed, for listeners that only care about part of the library (e.g. settings). */
export interface LibraryChange {
  kind: 'profiles' | 'apps' | 'settings' | 'audit' | 'all';
}

export interface Library {
  /** Idempotent: the same bytes again → 'unchanged'; the same UUID with other bytes → 'replaced', except that an
   *  Apple-verified record is never replaced by an unverified copy ('kept-beside'), in either import order, and an
   *  unverified copy never replaces one of another kind (tampered, unsigned, untrusted: each keeps its own slot). */
  putProfile(input: ProfileInput): Promise<{ id: string; status: PutStatus }>;
  /** One transaction for the whole batch: all land or none do. */
  putProfiles(inputs: readonly ProfileInput[]): Promise<{ id: string; status: PutStatus }[]>;
  /** putProfiles without renewal links: each outcome lists the application-identifiers whose links the caller must
   *  recompute with relinkRenewals once it is done. A 1,000-file import then reads each App ID's records once, not
   *  once per batch (which was most of its IndexedDB time). Until then the new records link to nothing. */
  putProfilesUnlinked(inputs: readonly ProfileInput[]): Promise<{ id: string; status: PutStatus; relink: string[] }[]>;
  /** Recomputes the renewal links of these application-identifiers' profiles, a few App IDs per transaction. */
  relinkRenewals(appIdentifiers: readonly string[]): Promise<void>;
  /** Stores the app's summary and its embedded profiles (source.kind 'app'), not the .ipa itself. */
  putApp(input: AppInput): Promise<{ id: string; profiles: { id: string; status: PutStatus }[] }>;
  /** undefined when absent; throws 'storage-corrupt' when the record exists but cannot be read back. */
  getProfile(id: string): Promise<StoredProfile | undefined>;
  /** Sorted by expiresAt ascending, nulls last; unreadable records are skipped. With `limit`, only the first ones,
   *  read through the expiry index: a first screen of rows without deserializing the whole library. */
  listProfiles(options?: { limit?: number }): Promise<ProfileSummary[]>;
  /** listProfiles plus the ids of records it had to skip, so the UI can say so. */
  listProfilesWithIssues(): Promise<{ profiles: ProfileSummary[]; corrupt: string[] }>;
  /** Profiles whose expiresAt is before `date`, soonest first (the extension's daily check). */
  listExpiringBefore(date: Date): Promise<ProfileSummary[]>;
  listApps(): Promise<StoredApp[]>;
  deleteProfiles(ids: readonly string[]): Promise<void>;
  /** Deletes the app and the profiles that came only from it. */
  deleteApp(id: string): Promise<void>;
  /** "Clear all data": profiles, apps, settings and the audit trail. */
  clear(): Promise<void>;
  /** Appends to the tenant board's audit trail, in order, in one transaction. A string shaped like an access token
   *  (a JWT, or "Bearer …") is replaced before it is written: the trail must never hold one, whoever calls this. */
  addAuditEntries(entries: readonly AuditEntry[]): Promise<void>;
  /** The audit trail, oldest first; unreadable lines are skipped. */
  listAuditEntries(): Promise<StoredAuditEntry[]>;
  getSettings(): Promise<Settings>;
  putSettings(settings: Settings): Promise<void>;
  /** Fires after changes made through any Library on this database, in this tab or another (BroadcastChannel). */
  onChange(listener: (change: LibraryChange) => void): () => void;
  close(): void;
  /** The database's name when this library is on the global indexedDB, so a worker of the same origin can open the
   *  same library (openLibrary({ name })) and write to it, its changes reaching this one's listeners; absent when
   *  the library was opened on another IDBFactory, which a worker cannot share. */
  readonly databaseName?: string;
}

export interface OpenLibraryOptions {
  /** Database name; default 'provlens'. */
  name?: string;
  /** Default: the global indexedDB. Must share the global IDB* classes (idb checks instanceof). */
  indexedDB?: IDBFactory;
}

export async function openLibrary(options: OpenLibraryOptions = {}): Promise<Library> {
  const name = options.name ?? 'provlens';
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) throw new ProvlensError('storage-unavailable', 'This browser offers no IndexedDB (private mode?)');
  const connection = new Connection(factory, name);
  await connection.get();
  return new IndexedDbLibrary(connection, name, options.indexedDB === undefined ? name : undefined);
}

/** Opens lazily and reopens after another tab's upgrade made this one step aside. */
class Connection {
  private database: Promise<LibraryDatabase> | null = null;

  constructor(
    private readonly factory: IDBFactory,
    private readonly name: string,
  ) {}

  get(): Promise<LibraryDatabase> {
    this.database ??= openDatabase(this.factory, this.name, () => (this.database = null));
    const opening = this.database;
    opening.catch(() => {
      if (this.database === opening) this.database = null;
    });
    return opening;
  }

  close(): void {
    const current = this.database;
    this.database = null;
    void current?.then((db) => db.close(), () => undefined);
  }
}

function openDatabase(factory: IDBFactory, name: string, onGone: () => void): Promise<LibraryDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, SCHEMA_VERSION);
    } catch (error) {
      reject(storageError(error));
      return;
    }
    let blocked = false;
    request.addEventListener('upgradeneeded', (event) => {
      const db = wrap(request.result) as unknown as LibraryDatabase;
      const tx = wrap(request.transaction as IDBTransaction) as unknown as Parameters<typeof upgradeSchema>[2];
      upgradeSchema(db, event.oldVersion, tx).catch(() => abortQuietly(tx));
    });
    request.addEventListener('blocked', () => {
      // Another tab holds an older version open and did not step aside: say so now instead of hanging.
      blocked = true;
      reject(new ProvlensError('storage-blocked', 'ProvLens is open in another tab with an older version: close it'));
    });
    (wrap(request) as Promise<LibraryDatabase | undefined>).then(
      (db) => {
        if (!db) return reject(new ProvlensError('storage-unavailable', 'IndexedDB returned no database'));
        if (blocked) return db.close();
        db.addEventListener('versionchange', () => {
          // A newer version (or a delete) is waiting in another tab: step aside; the next call reopens.
          db.close();
          onGone();
        });
        db.addEventListener('close', onGone);
        resolve(db);
      },
      (error: unknown) => reject(storageError(error)),
    );
  });
}

class IndexedDbLibrary implements Library {
  private readonly listeners = new Set<(change: LibraryChange) => void>();
  private readonly channel: BroadcastChannel | null;

  constructor(
    private readonly connection: Connection,
    name: string,
    readonly databaseName: string | undefined,
  ) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`provlens-library:${name}`) : null;
    this.channel?.addEventListener('message', (event: MessageEvent<LibraryChange>) => this.emit(event.data));
  }

  async putProfile(input: ProfileInput): Promise<{ id: string; status: PutStatus }> {
    const [outcome] = await this.putProfiles([input]);
    if (!outcome) throw new ProvlensError('internal', 'putProfiles returned nothing for one input');
    return outcome;
  }

  async putProfiles(inputs: readonly ProfileInput[]): Promise<{ id: string; status: PutStatus }[]> {
    const outcomes = await this.storeProfiles(inputs, 'now');
    return outcomes.map(({ id, status }) => ({ id, status }));
  }

  putProfilesUnlinked(inputs: readonly ProfileInput[]): Promise<{ id: string; status: PutStatus; relink: string[] }[]> {
    return this.storeProfiles(inputs, 'later');
  }

  async relinkRenewals(appIdentifiers: readonly string[]): Promise<void> {
    const distinct = [...new Set(appIdentifiers)];
    if (distinct.length === 0) return;
    // Short transactions, each a short task for the page: every record of an App ID is read and put back.
    for (let start = 0; start < distinct.length; start += RELINK_CHUNK) {
      if (start > 0) await new Promise((resolve) => setTimeout(resolve, 0));
      await this.write(['profiles'], (tx) => relinkRenewals(tx.objectStore('profiles'), distinct.slice(start, start + RELINK_CHUNK)));
    }
    this.changed({ kind: 'profiles' });
  }

  private async storeProfiles(inputs: readonly ProfileInput[], links: 'now' | 'later') {
    if (inputs.length === 0) return [];
    // Hashing is WebCrypto, not IndexedDB: done before the transaction, which would auto-commit while awaiting it.
    const prepared = await Promise.all(inputs.map((input) => prepareProfile(input, new Date().toISOString())));
    const outcomes = await this.write(['profiles', 'files'], async (tx) => {
      const profiles = tx.objectStore('profiles');
      return writeProfiles(profiles, tx.objectStore('files'), prepared, links);
    });
    this.changed({ kind: 'profiles' });
    return outcomes;
  }

  async putApp(input: AppInput): Promise<{ id: string; profiles: { id: string; status: PutStatus }[] }> {
    const id = `sha256:${await sha256Hex(input.bytes)}`;
    const importedAt = new Date().toISOString();
    const embedded = input.profileBytes.flatMap(({ bundlePath, bytes }) => {
      const bundle = input.result.app?.bundles.find((candidate) => candidate.path === bundlePath);
      if (!bundle?.profile) return [];
      const source: ProfileSource = { kind: 'app', appId: id, bundlePath };
      return [{ fileName: `${input.fileName}:${bundlePath}embedded.mobileprovision`, bytes, result: bundle.profile, source }];
    });
    const prepared = await Promise.all(embedded.map((profile) => prepareProfile(profile, importedAt)));
    const profiles = await this.write(['apps', 'profiles', 'files'], async (tx) => {
      queue(tx.objectStore('apps').put({ id, fileName: input.fileName, importedAt, result: appWithoutConclusions(input.result) }));
      return writeProfiles(tx.objectStore('profiles'), tx.objectStore('files'), prepared, 'now');
    });
    this.changed({ kind: 'all' });
    return { id, profiles: profiles.map(({ id: profileId, status }) => ({ id: profileId, status })) };
  }

  async getProfile(id: string): Promise<StoredProfile | undefined> {
    const key = id.toLowerCase();
    const [summary, file] = await this.read(async (db) => {
      const tx = db.transaction(['profiles', 'files']);
      return Promise.all([tx.objectStore('profiles').get(key), tx.objectStore('files').get(key)]);
    });
    if (summary === undefined) return undefined;
    if (!isProfileSummary(summary) || !(file?.bytes instanceof Uint8Array)) {
      throw new ProvlensError('storage-corrupt', `The stored profile ${key} is damaged: delete it and import it again`);
    }
    return { ...summary, bytes: file.bytes };
  }

  async listProfiles(options: { limit?: number } = {}): Promise<ProfileSummary[]> {
    const { limit } = options;
    if (limit !== undefined) {
      // The index skips records without an expiry; those sort last, so only a short page needs the full read.
      const first = await this.read((db) => db.getAllFromIndex('profiles', 'by-expiry', null, limit));
      if (first.length === limit) return first.filter(isProfileSummary).sort(byExpiry);
    }
    const { profiles } = await this.listProfilesWithIssues();
    return limit === undefined ? profiles : profiles.slice(0, limit);
  }

  async listProfilesWithIssues(): Promise<{ profiles: ProfileSummary[]; corrupt: string[] }> {
    const profiles: ProfileSummary[] = [];
    const corrupt: string[] = [];
    // Read in short transactions, yielding between them: one getAll of 10,000 summaries holds the main thread for
    // seconds while it clones, and a page reloaded meanwhile waits for that transaction before it can open the store.
    let after: string | undefined;
    for (;;) {
      const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
      const [records, keys] = await this.read(async (db) => {
        const tx = db.transaction('profiles');
        return Promise.all([tx.store.getAll(range, LIST_CHUNK), tx.store.getAllKeys(range, LIST_CHUNK)]);
      });
      records.forEach((record, position) => {
        if (isProfileSummary(record)) profiles.push(record);
        else corrupt.push(String(keys[position]));
      });
      if (keys.length < LIST_CHUNK) break;
      after = String(keys[keys.length - 1]);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return { profiles: profiles.sort(byExpiry), corrupt };
  }

  async listExpiringBefore(date: Date): Promise<ProfileSummary[]> {
    const records = await this.read((db) =>
      db.getAllFromIndex('profiles', 'by-expiry', IDBKeyRange.upperBound(date.toISOString(), true)),
    );
    return records.filter(isProfileSummary);
  }

  async listApps(): Promise<StoredApp[]> {
    const records = await this.read((db) => db.getAll('apps'));
    return records.filter(isStoredApp).sort((a, b) => a.fileName.localeCompare(b.fileName));
  }

  async deleteProfiles(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.write(['profiles', 'files'], async (tx) => {
      const profiles = tx.objectStore('profiles');
      const keys = ids.map((id) => id.toLowerCase());
      const removed = await Promise.all(keys.map((key) => profiles.get(key)));
      for (const key of keys) {
        queue(profiles.delete(key));
        queue(tx.objectStore('files').delete(key));
      }
      await relinkRenewals(profiles, removed.map((record) => record?.appIdentifier ?? null));
    });
    this.changed({ kind: 'profiles' });
  }

  async deleteApp(id: string): Promise<void> {
    await this.write(['apps', 'profiles', 'files'], async (tx) => {
      const profiles = tx.objectStore('profiles');
      const embedded = await profiles.index('by-source-app').getAll(id);
      queue(tx.objectStore('apps').delete(id));
      for (const record of embedded) {
        queue(profiles.delete(record.id));
        queue(tx.objectStore('files').delete(record.id));
      }
      await relinkRenewals(profiles, embedded.map((record) => record.appIdentifier));
    });
    this.changed({ kind: 'all' });
  }

  async clear(): Promise<void> {
    await this.write(ALL_STORES, async (tx) => {
      await Promise.all(ALL_STORES.map((storeName) => tx.objectStore(storeName).clear()));
    });
    this.changed({ kind: 'all' });
  }

  async addAuditEntries(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.write(['audit'], async (tx) => {
      const audit = tx.objectStore('audit');
      for (const entry of entries) queue(audit.add(withoutTokens(entry)));
    });
    this.changed({ kind: 'audit' });
  }

  async listAuditEntries(): Promise<StoredAuditEntry[]> {
    const records = await this.read((db) => db.getAll('audit'));
    return records.filter(isAuditEntry);
  }

  async getSettings(): Promise<Settings> {
    return readSettings(await this.read((db) => db.get('settings', SETTINGS_KEY)));
  }

  async putSettings(settings: Settings): Promise<void> {
    await this.write(['settings'], async (tx) => {
      await tx.objectStore('settings').put(readSettings(settings), SETTINGS_KEY);
    });
    this.changed({ kind: 'settings' });
  }

  onChange(listener: (change: LibraryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.listeners.clear();
    this.channel?.close();
    this.connection.close();
  }

  private async read<T>(operation: (db: LibraryDatabase) => Promise<T>): Promise<T> {
    try {
      return await operation(await this.connection.get());
    } catch (error) {
      throw storageError(error);
    }
  }

  /** Runs `operation` in one readwrite transaction and resolves once it committed (durably, as far as the UA says). */
  private async write<T>(
    storeNames: StoreName[],
    operation: (tx: WriteTransaction) => Promise<T>,
  ): Promise<T> {
    try {
      const db = await this.connection.get();
      const tx = db.transaction(storeNames, 'readwrite');
      const [result] = await Promise.all([
        operation(tx).catch((error: unknown) => {
          abortQuietly(tx);
          throw error;
        }),
        tx.done,
      ]);
      return result;
    } catch (error) {
      throw storageError(error);
    }
  }

  private changed(change: LibraryChange): void {
    this.channel?.postMessage(change);
    this.emit(change);
  }

  private emit(change: LibraryChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // One broken listener must not keep the others from hearing about the change.
      }
    }
  }
}

type StoreName = StoreNames<LibrarySchema>;
const ALL_STORES: StoreName[] = ['profiles', 'files', 'apps', 'settings', 'audit'];
type WriteTransaction = IDBPTransaction<LibrarySchema, StoreName[], 'readwrite'>;
type FilesWriteStore = IDBPObjectStore<LibrarySchema, StoreName[], 'files', 'readwrite'>;

interface PreparedProfile {
  record: ProfileSummary;
  bytes: Uint8Array;
}

async function prepareProfile(input: ProfileInput, importedAt: string): Promise<PreparedProfile> {
  const profile = input.result.profile;
  const uuid = profile?.uuid?.toLowerCase() ?? null;
  const id = uuid ?? `sha256:${await sha256Hex(input.bytes)}`;
  const record: ProfileSummary = {
    id,
    uuid,
    fileName: input.fileName,
    importedAt,
    result: withoutConclusions(input.result),
    source: input.source ?? { kind: 'file' },
    appIdentifier: profile?.applicationIdentifier ?? null,
    teamId: profile?.teamId ?? null,
    expiresAt: profile?.expiresAt ?? null,
    renewalOf: null,
    renewedBy: null,
  };
  return { record, bytes: input.bytes };
}

/** The stored record keeps what the file says, never what was concluded on import day: views judge it live
 *  (core/profile/profile-verdict.ts), so findings are dropped here and recomputed when shown. */
export function withoutConclusions(result: ProfileResult): ProfileResult {
  return result.findings.length === 0 ? result : { ...result, findings: [] };
}

function appWithoutConclusions(result: AppResult): AppResult {
  if (!result.app) return result;
  const bundles = result.app.bundles.map((bundle) => (bundle.profile ? { ...bundle, profile: withoutConclusions(bundle.profile) } : bundle));
  return { ...result, app: { ...result.app, bundles } };
}

/** What a copy is, when Apple's signature does not vouch for it; null for a verified, intact file. */
function untrustedAs(record: ProfileSummary): string | null {
  const { profile, signature } = record.result;
  if (!profile || !signature) return 'unreadable';
  return signatureStatus({ profile, signature });
}

/** The id a copy is kept under beside the verified record of the same UUID: one slot per kind of copy. */
export function copyId(uuidId: string, what: string): string {
  return `${uuidId}~${what}`;
}

/** Writes a prepared batch; later entries in the batch see earlier ones, as if they were separate imports. With
 *  links 'later', records are put as they are and each outcome names the App IDs to relink afterwards. */
async function writeProfiles(
  profiles: ProfilesStore<'readwrite'>,
  files: FilesWriteStore,
  batch: readonly PreparedProfile[],
  links: 'now' | 'later',
): Promise<{ id: string; status: PutStatus; relink: string[] }[]> {
  // A copy that may be kept beside a verified record goes to its own slot, which must be read as well.
  const ids = [...new Set(batch.flatMap(({ record }) => {
    const what = untrustedAs(record);
    return what === null ? [record.id] : [record.id, copyId(record.id, what)];
  }))];
  // A file's bytes are read only where its record exists: an import into an empty library reads nothing more.
  const storedRecords = await Promise.all(ids.map((id) => profiles.get(id)));
  const found = ids.flatMap((id, position) => {
    const stored = storedRecords[position];
    return stored === undefined ? [] : [{ id, stored }];
  });
  const storedFiles = await Promise.all(found.map(({ id }) => files.get(id)));
  const current = new Map<string, { record: ProfileSummary | null; bytes: Uint8Array | undefined }>();
  found.forEach(({ id, stored }, position) => {
    current.set(id, { record: isProfileSummary(stored) ? stored : null, bytes: storedFiles[position]?.bytes });
  });
  const touchedAppIdentifiers: (string | null)[] = [];
  const pending = new Map<string, ProfileSummary>();
  const puts: (() => Promise<unknown>)[] = [];
  const outcomes = batch.map(({ record: incoming, bytes }) => {
    const relink: string[] = [];
    let record = incoming;
    let existing = current.get(record.id);
    let kept = false;
    // Trust wins over recency: whichever arrives first, the Apple-verified file holds the UUID's id and the other
    // copy is kept beside it under a name that says what it is.
    if (existing?.record && !(existing.bytes && bytesEqual(existing.bytes, bytes))) {
      const storedAs = untrustedAs(existing.record);
      const incomingAs = untrustedAs(record);
      // One slot per kind of copy: a tampered copy and an unsigned one of the same UUID are both kept, and the
      // one that came first keeps the UUID's id until a verified file claims it.
      if (incomingAs !== null && storedAs !== incomingAs) {
        record = { ...record, id: copyId(record.id, incomingAs) };
        existing = current.get(record.id);
        kept = true;
      } else if (storedAs !== null && incomingAs === null && existing.bytes) {
        const moved = { ...existing.record, id: copyId(existing.record.id, storedAs) };
        pending.set(moved.id, moved);
        if (moved.appIdentifier) relink.push(moved.appIdentifier);
        const movedBytes = existing.bytes;
        puts.push(() => files.put({ id: moved.id, bytes: movedBytes }));
        current.set(moved.id, { record: moved, bytes: existing.bytes });
      }
    }
    if (existing?.record && existing.bytes && bytesEqual(existing.bytes, bytes)) {
      // The same file imported on its own must outlive the app it also came in: deleting the app would take it.
      if (existing.record.source.kind === 'app' && record.source.kind === 'file') {
        const owned = { ...existing.record, source: record.source };
        pending.set(record.id, owned);
        current.set(record.id, { record: owned, bytes });
      }
      return { id: record.id, status: 'unchanged' as const, relink };
    }
    pending.set(record.id, record);
    const id = record.id;
    puts.push(() => files.put({ id, bytes }));
    touchedAppIdentifiers.push(existing?.record?.appIdentifier ?? null);
    for (const appIdentifier of [existing?.record?.appIdentifier, record.appIdentifier]) {
      if (appIdentifier && !relink.includes(appIdentifier)) relink.push(appIdentifier);
    }
    current.set(record.id, { record, bytes });
    return { id: record.id, status: kept ? ('kept-beside' as const) : existing ? ('replaced' as const) : ('added' as const), relink };
  });
  if (links === 'later') {
    for (const record of pending.values()) puts.push(() => profiles.put(record));
    await putInTurns(puts);
    return outcomes;
  }
  await putInTurns(puts);
  // The records themselves are put by relinkRenewals, once, with their links.
  await relinkRenewals(profiles, touchedAppIdentifiers, pending);
  return outcomes.map(({ id, status }) => ({ id, status, relink: [] }));
}

// Puts issued in one go: IndexedDB clones each record as it is put, on the caller's thread, and one batch's 114 puts
// held a page's main thread for 70 ms in one task (Chromium, 1,000-profile import without Workers).
const PUTS_PER_TURN = 24;

/** Issues the puts a few at a time, each turn after the last put of the one before succeeded: in its success event,
 *  a task of its own in which the transaction is still active. The last turn's puts are left to the transaction. */
async function putInTurns(puts: readonly (() => Promise<unknown>)[]): Promise<void> {
  let last: Promise<unknown> = Promise.resolve();
  for (const [index, put] of puts.entries()) {
    if (index > 0 && index % PUTS_PER_TURN === 0) await last;
    last = put();
    queue(last);
  }
}

function byExpiry(a: ProfileSummary, b: ProfileSummary): number {
  if (a.expiresAt === b.expiresAt) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  if (a.expiresAt === null) return 1;
  if (b.expiresAt === null) return -1;
  return a.expiresAt < b.expiresAt ? -1 : 1;
}

// The global WebCrypto, not the injected one (core/cms/crypto.ts): the extension's service worker opens the store without
// ever decoding, so nothing injects crypto there. Every host that has IndexedDB has crypto.subtle.
async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return toHex(digest);
}

/** A JWT (header.payload.signature, base64url, the header starting `eyJ` = '{"') or a bearer credential. Base64 of a
 *  profile has no dots, so a payload is never mistaken for one. */
const TOKEN_SHAPED = /\bBearer\s+\S+|eyJ[\w-]*\.[\w-]+\.[\w-]*/g;

/** A deep copy of an audit entry with every token-shaped string replaced: defence in depth behind the contract. */
export function withoutTokens<T>(value: T): T {
  if (typeof value === 'string') return value.replace(TOKEN_SHAPED, '[token removed]') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withoutTokens(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutTokens(item)])) as T;
  }
  return value;
}

function abortQuietly(tx: IDBTransaction | { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted: nothing left to undo.
  }
}
