// The records the library stores and the idb `DBSchema` that names them: types and defaults only, so the schema's
// upgrades (store-schema.ts), the renewal links (store-renewals.ts) and the store (store.ts) share them without
// importing one another.
import type { DBSchema, IDBPDatabase } from 'idb';
import type { CloudName } from '../export/clouds';
import type { AuditEntry } from '../tenant/types';
import type { AppResult, ProfileResult } from '../types';

export type ProfileSource = { kind: 'file' } | { kind: 'app'; appId: string; bundlePath: string };

export interface StoredProfile {
  /** The profile UUID lowercased, or 'sha256:<hex of bytes>' when the file has none. */
  id: string;
  uuid: string | null;
  fileName: string;
  importedAt: string;
  bytes: Uint8Array;
  /** The decoded file: what it says, with no stored conclusions (schema v3). */
  result: ProfileResult;
  source: ProfileSource;
  // Copies of result fields, kept top-level because IndexedDB indexes need a key path.
  appIdentifier: string | null;
  teamId: string | null;
  expiresAt: string | null;
  /** The older profile for the same application-identifier and team that this one renews. */
  renewalOf: string | null;
  /** The newer profile for the same application-identifier and team that renews this one. */
  renewedBy: string | null;
}

export type ProfileSummary = Omit<StoredProfile, 'bytes'>;

export interface StoredApp {
  /** 'sha256:<hex>' of the .ipa. */
  id: string;
  fileName: string;
  importedAt: string;
  /** Its bundles' embedded profiles are stored as profiles too, with source.kind 'app'. */
  result: AppResult;
}

export interface StoredFile {
  id: string;
  bytes: Uint8Array;
}

/** The admin's own Entra ID app registration for "Sign in with Microsoft" in one cloud. Identifiers, not secrets:
 *  a single-page application has no client secret, and both appear in every sign-in URL. */
export interface SignInApp {
  /** Application (client) ID: a GUID. */
  clientId: string;
  /** Directory (tenant) ID, a GUID, or the tenant's verified domain (contoso.onmicrosoft.com). */
  tenantId: string;
}

export interface Settings {
  /** Days before expiry that count as "expiring soon". */
  warnDays: number;
  /** Days before expiry at which .ics reminders fire. */
  icsOffsets: number[];
  theme: 'system' | 'light' | 'dark';
  hideUdids: boolean;
  /** Sign in with Microsoft, per cloud; a cloud without an entry offers only the pasted access token. */
  signIn: Partial<Record<CloudName, SignInApp>>;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  warnDays: 30,
  icsOffsets: [30, 7, 1],
  theme: 'system',
  hideUdids: false,
  signIn: Object.freeze({}),
});

export const SETTINGS_KEY = 'settings';

/** One line of the tenant board's audit trail as stored: what was sent to Graph and what it answered (schema v5).
 *  `seq` orders the trail; an entry never holds a token or a header (core/tenant/types.ts AuditEntry). */
export interface StoredAuditEntry extends AuditEntry {
  seq?: number;
}

export interface LibrarySchema extends DBSchema {
  profiles: {
    key: string;
    value: ProfileSummary;
    indexes: { 'by-expiry': string; 'by-team': string; 'by-app-identifier': string; 'by-source-app': string };
  };
  files: { key: string; value: StoredFile };
  apps: { key: string; value: StoredApp };
  settings: { key: string; value: Settings };
  audit: { key: number; value: StoredAuditEntry };
}

export type LibraryDatabase = IDBPDatabase<LibrarySchema>;
