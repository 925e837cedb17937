// The library's public face: IndexedDB via idb, with numbered schema upgrades, renewal links and storage errors.
// Deliberately not re-exported by core/index.ts, so the CLI and the npm library never load idb.
// Modules inside core/ import the files directly (an index they also fed would close import circles).
export { openLibrary, copyId, withoutConclusions, withoutTokens, DEFAULT_SETTINGS, SCHEMA_VERSION, LIST_CHUNK, RELINK_CHUNK } from './store';
export type {
  AppInput,
  Library,
  LibraryChange,
  OpenLibraryOptions,
  ProfileInput,
  ProfileSource,
  ProfileSummary,
  PutStatus,
  Settings,
  StoredApp,
  StoredAuditEntry,
  StoredProfile,
} from './store';
export { isKeptCopy, renewalOrder } from './store-renewals';
export { readSignInApp } from './store-schema';
export type { SignInApp } from './records';
