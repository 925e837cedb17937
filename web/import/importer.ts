// Imports many files into the library. Decoding runs in a pool of Web Workers (decode-pool.ts), or on the main
// thread where there are none; storing stays on the main thread, where the library instance lives (its change
// listeners, e.g. the extension's badge, hear about every write).
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
import { failure, type DecodedFile, type ImportFailure } from './decode-group';
import { openDecoder, type Decoder } from './decode-pool';
import { createYielder } from './yield';

export type { ImportFailure } from './decode-group';

/** A write starts as soon as the previous one is done and this many profiles wait, so storing keeps pace with
 *  decoding and little is left to write at the end; */
export const MIN_STORE_BATCH = 32;
/** but decoding waits for the writer once this many wait: writing a batch is one main-thread task (IndexedDB
 *  serialises each record as it is put), which took 100–300 ms at 250 profiles and 50–150 ms at 128 here (load 10). */
export const STORE_BATCH_SIZE = 64;
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

type ProfileInput = Parameters<Library['putProfile']>[0];

export interface ImportOptions {
  /** Called with a copy of the progress at most once per animation frame, and always with the final state. */
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /** Where decoding runs; by default a worker pool, or the main thread where Workers are unavailable. */
  openDecoder?: () => Decoder;
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
  const decoder = (options.openDecoder ?? (() => openDecoder(loadCore)))();
  // Cancel reaches the workers at once, not after the group being awaited: queued groups are dropped.
  const stop = () => decoder.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  const pause = createYielder(SLICE_MS);
  let batch: ProfileInput[] = [];
  let writing: Promise<void> = Promise.resolve();
  let writerIdle = true;
  let storageFailed = false;

  // Never rejects (a write error becomes a listed failure), so it can run while the next files decode.
  const store = (inputs: ProfileInput[]): Promise<void> =>
    library.putProfiles(inputs).then(
      (stored) => {
        writerIdle = true;
        for (const { id, status } of stored) {
          progress[status] += 1;
          progress.lastProfileId = id;
        }
        report.request();
      },
      (error: unknown) => {
        // Quota or a broken database: later batches would fail the same way, so the import stops here.
        writerIdle = true;
        storageFailed = true;
        progress.failures.push(failure(`(saving ${inputs.length} profiles to the library)`, toErrorData(error)));
      },
    );
  /** Starts writing the batch once the previous write is done. */
  const flush = async (): Promise<void> => {
    await writing;
    if (batch.length === 0 || storageFailed) return;
    writerIdle = false;
    writing = store(batch);
    batch = [];
  };

  const groups = groupFiles(accepted);
  const decoding: Promise<DecodedFile[] | null>[] = [];
  const ahead = Math.max(READ_AHEAD, decoder.parallelism);
  const decodeUpTo = (last: number) => {
    for (let next = decoding.length; next <= last && next < groups.length; next++) {
      const group = groups[next] ?? [];
      // A group dropped by Cancel is simply not imported; one the decoder lost otherwise is listed, file by file.
      const lost = (error: unknown) =>
        isAbort(error) ? null : group.map((file): DecodedFile => ({ fileName: file.name, failure: failure(file.name, toErrorData(error)) }));
      decoding.push(decoder.decode(group).catch(lost));
    }
  };
  try {
    for (let index = 0; index < groups.length && !options.signal?.aborted && !storageFailed; index++) {
      decodeUpTo(index + ahead);
      const decoded = await decoding[index];
      if (!decoded) break;
      progress.current = decoded.at(-1)?.fileName ?? null;
      for (const entry of decoded) {
        if ('failure' in entry) {
          progress.failures.push(entry.failure);
        } else if (entry.result.kind === 'profile') {
          batch.push({ fileName: entry.fileName, bytes: entry.bytes, result: entry.result, source: { kind: 'file' } });
        } else if (entry.result.app) {
          // The app's embedded profiles may also be in the batch: store those first, in file order.
          await flush();
          await writing;
          if (storageFailed) break;
          try {
            const { id } = await library.putApp({ fileName: entry.fileName, bytes: entry.bytes, result: entry.result, profileBytes: entry.embedded });
            progress.apps += 1;
            progress.lastAppId = id;
          } catch (error) {
            progress.failures.push(failure(entry.fileName, toErrorData(error)));
          }
        }
        progress.done += 1;
      }
      if (batch.length >= STORE_BATCH_SIZE || (writerIdle && batch.length >= MIN_STORE_BATCH)) await flush();
      report.request();
      await pause();
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    decoder.close();
  }
  await flush();
  await writing;
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
