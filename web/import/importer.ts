// Imports many files into the library. Files are read on the page and decoded in a pool of Web Workers
// (decode-pool.ts), which also store the profiles (store-decoded.ts) when the library is one they can open; where
// there are no workers, decoding runs on the main thread and the page stores (library-writer.ts), as it does apps.
//
// A 1,000-file import is a pipeline: files go to the decoder in small groups (batching.ts), a few groups ahead of the
// one being stored; each group is read with a single read and its files decode concurrently; the page gets the event
// loop back between groups (about every SLICE_MS); progress renders at most once per frame; and profiles are stored a
// few dozen per transaction, each write overlapping further decoding.
import type { Library, StoredProfile } from '../../core/store';
import type { ProfileResult } from '../../core/types';
import { toErrorData } from '../../core/errors';
import { loadCore } from '../lazy-core';
import { isAcceptedFile } from './accepted-files';
import { frameThrottle, groupFiles } from './batching';
import { failure, type ImportFailure } from './decode-group';
import { openDecoder, prepareDecoder, type Decoder } from './decode-pool';
import { libraryWriter } from './library-writer';
import type { ImportedFile } from './store-decoded';
import { createYielder } from './yield';

export type { ImportFailure } from './decode-group';
export { MIN_STORE_BATCH, STORE_BATCH_SIZE } from './library-writer';

/** Groups asked for ahead of the one being stored, at least: reading a File is the slowest step in Chromium. */
const READ_AHEAD = 3;
/** Main-thread work between two yields: long enough to amortise the yield, short enough that input stays prompt. */
const SLICE_MS = 30;

export interface ImportProgress {
  total: number;
  done: number;
  current: string | null;
  added: number;
  unchanged: number;
  replaced: number;
  /** Unverified copies of a UUID the library holds as Apple-verified: stored beside it, named for what they are. */
  'kept-beside': number;
  apps: number;
  skipped: number;
  failures: ImportFailure[];
  /** The last profile stored, so a single-file import can open it. */
  lastProfileId: string | null;
  lastAppId: string | null;
}

export interface ImportOptions {
  /** Called with a copy of the progress at most once per animation frame, and always with the final state. */
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /** Where decoding runs; by default a worker pool, or the main thread where Workers are unavailable. */
  openDecoder?: () => Decoder;
}

/** Gets the next import into `library` ready while files are being chosen (decode-pool.ts prepareDecoder); returns
 *  a function that releases what no import took. */
export function prepareImport(library: Library): () => void {
  return prepareDecoder({ ...workersStore(library), loadCore });
}

function workersStore(library: Library): { library?: string } {
  return library.databaseName === undefined ? {} : { library: library.databaseName };
}

export async function importFiles(files: readonly File[], library: Library, options: ImportOptions = {}): Promise<ImportProgress> {
  const accepted = files.filter((file) => isAcceptedFile(file.name));
  const progress: ImportProgress = {
    total: accepted.length,
    done: 0,
    current: null,
    added: 0,
    unchanged: 0,
    replaced: 0,
    'kept-beside': 0,
    apps: 0,
    skipped: files.length - accepted.length,
    failures: [],
    lastProfileId: null,
    lastAppId: null,
  };
  const report = frameThrottle(() => options.onProgress?.({ ...progress, failures: [...progress.failures] }));
  report.now();
  const decoder = (options.openDecoder ?? (() => openDecoder(loadCore, workersStore(library))))();
  // Cancel reaches the workers at once, not after the group being awaited: queued groups are dropped.
  const stop = () => decoder.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  const pause = createYielder(SLICE_MS);
  /** App IDs of profiles stored without renewal links (by the workers or the writer): relinked once, at the end. */
  const relink = new Set<string>();
  const writer = libraryWriter(library, {
    stored(id, status, appIdentifiers) {
      for (const appIdentifier of appIdentifiers) relink.add(appIdentifier);
      progress[status] += 1;
      progress.lastProfileId = id;
      report.request();
    },
    app(id) {
      progress.apps += 1;
      progress.lastAppId = id;
    },
    failed: (lost) => progress.failures.push(lost),
  });

  const groups = groupFiles(accepted);
  const decoding: Promise<ImportedFile[] | null>[] = [];
  let storeBroken = false;
  const ahead = Math.max(READ_AHEAD, decoder.parallelism);
  const decodeUpTo = (last: number) => {
    for (let next = decoding.length; next <= last && next < groups.length; next++) {
      const group = groups[next] ?? [];
      // A group dropped by Cancel is simply not imported; one the decoder lost otherwise is listed, file by file.
      const lost = (error: unknown) =>
        isAbort(error) ? null : group.map((file): ImportedFile => ({ fileName: file.name, failure: failure(file.name, toErrorData(error)) }));
      decoding.push(decoder.decode(group).catch(lost));
    }
  };
  try {
    for (let index = 0; index < groups.length && !options.signal?.aborted && !writer.broken && !storeBroken; index++) {
      decodeUpTo(index + ahead);
      const decoded = await decoding[index];
      if (!decoded) break;
      progress.current = decoded.at(-1)?.fileName ?? null;
      for (const entry of decoded) {
        if ('failure' in entry) {
          progress.failures.push(entry.failure);
        } else if ('stored' in entry) {
          // Stored by a worker (store-decoded.ts): counted as the page's own writes are.
          progress[entry.stored.status] += 1;
          progress.lastProfileId = entry.stored.id;
          for (const appIdentifier of entry.stored.relink) relink.add(appIdentifier);
        } else if ('notStored' in entry) {
          // The group's write failed (quota, a broken database): listed once, and later groups would meet it too.
          if (!storeBroken) progress.failures.push(entry.notStored);
          storeBroken = true;
        } else if (entry.result.kind === 'profile') {
          await writer.addProfile({ fileName: entry.fileName, bytes: entry.bytes, result: entry.result, source: { kind: 'file' } });
        } else if (entry.result.app) {
          await writer.addApp({ fileName: entry.fileName, bytes: entry.bytes, result: entry.result, profileBytes: entry.embedded });
          if (writer.broken) break;
        }
        progress.done += 1;
      }
      report.request();
      await pause();
    }
    await writer.finish();
    // Also after Stop or a failed write: whatever was stored gets its links. In a worker where the workers store
    // (after Stop the pool is closed, and the page does it), else on the page.
    const appIdentifiers = [...relink];
    if (appIdentifiers.length > 0) {
      const inWorker = decoder.relink && !options.signal?.aborted ? decoder.relink(appIdentifiers) : Promise.reject(new Error('no worker'));
      await inWorker
        .catch(() => library.relinkRenewals(appIdentifiers))
        .catch((error: unknown) => {
          progress.failures.push(failure('(linking renewals in the library)', toErrorData(error)));
        });
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    decoder.close();
  }
  progress.current = null;
  report.now();
  return progress;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Stores one already-decoded profile (the sample, or a file checked in App check). */
export async function storeProfile(
  library: Library,
  fileName: string,
  bytes: Uint8Array,
  result: ProfileResult,
  source: StoredProfile['source'] = { kind: 'file' },
): Promise<string> {
  const { id } = await library.putProfile({ fileName, bytes, result, source });
  return id;
}
