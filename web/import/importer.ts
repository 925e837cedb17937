// Imports many files into the library. Decoding runs on the main thread in time-sliced steps; the core is
// worker-safe (its plist reader needs no DOMParser), so moving it to a Web Worker is the next step for large .ipa files.
//
// A 1,000-file import is a pipeline: files are read in small groups (batching.ts), a few groups ahead of the one
// decoding, each group with a single read; a group's files decode concurrently, so one file's WebCrypto verification
// overlaps the next one's parsing; the page gets the event loop back between groups (about every SLICE_MS), not
// after each file; progress renders at most once per frame; and profiles are stored a few hundred per transaction,
// each write overlapping further decoding.
import type { Library, StoredProfile } from '../../core/store';
import type { InspectResult, ProfileResult } from '../../core/types';
import { loadCore } from '../lazy-core';
import { isAcceptedFile } from './accepted-files';
import { frameThrottle, groupBySize, READ_GROUP } from './batching';
import { createYielder } from './yield';

/** A write starts as soon as the previous one is done and this many profiles wait, so storing keeps pace with
 *  decoding and little is left to write at the end; */
export const MIN_STORE_BATCH = 128;
/** but decoding waits for the writer once this many wait (memory, and one transaction per few hundred at most). */
export const STORE_BATCH_SIZE = 250;
/** Groups being read ahead of the one decoding: reading a File is the slowest step in Chromium, so several run. */
const READ_AHEAD = 3;
/** Main-thread work between two yields: long enough to amortise the yield, short enough that input stays prompt. */
const SLICE_MS = 30;

export interface ImportFailure {
  fileName: string;
  code: string;
  message: string;
}

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
type Core = Awaited<ReturnType<typeof loadCore>>;
type Read = { file: File; bytes: Uint8Array } | { file: File; error: unknown };

export interface ImportOptions {
  /** Called with a copy of the progress at most once per animation frame, and always with the final state. */
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
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
  const core = await loadCore();
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
        progress.failures.push(failure(`(saving ${inputs.length} profiles to the library)`, core.toErrorData(error)));
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

  const groups = groupBySize(accepted, READ_GROUP);
  const reads: Promise<Read[]>[] = [];
  const readUpTo = (last: number) => {
    for (let next = reads.length; next <= last && next < groups.length; next++) reads.push(readGroup(groups[next] ?? []));
  };
  for (let index = 0; index < groups.length && !options.signal?.aborted && !storageFailed; index++) {
    readUpTo(index + READ_AHEAD);
    const read = (await reads[index]) ?? [];
    progress.current = read.at(-1)?.file.name ?? null;
    const decoded = await Promise.all(read.map((entry) => decode(core, entry)));
    for (const entry of decoded) {
      if ('failure' in entry) {
        progress.failures.push(entry.failure);
      } else if (entry.result.kind === 'profile') {
        batch.push({ fileName: entry.file.name, bytes: entry.bytes, result: entry.result, source: { kind: 'file' } });
      } else if (entry.result.app) {
        // The app's embedded profiles may also be in the batch: store those first, in file order.
        await flush();
        await writing;
        if (storageFailed) break;
        try {
          const { id } = await library.putApp({
            fileName: entry.file.name,
            bytes: entry.bytes,
            result: entry.result,
            profileBytes: core.embeddedProfileFiles(entry.bytes, entry.result.app),
          });
          progress.apps += 1;
          progress.lastAppId = id;
        } catch (error) {
          progress.failures.push(failure(entry.file.name, core.toErrorData(error)));
        }
      }
      progress.done += 1;
    }
    if (batch.length >= STORE_BATCH_SIZE || (writerIdle && batch.length >= MIN_STORE_BATCH)) await flush();
    report.request();
    await pause();
  }
  await flush();
  await writing;
  progress.current = null;
  report.now();
  return progress;
}

/** Reads a group's files with one read of their concatenation: in Chromium each File read is a round-trip to the
 *  browser process, and those round-trips, not the bytes, dominated a 1,000-file import. If the combined read
 *  fails (a file vanished or changed since it was picked), each file is read alone so only that one is listed. */
async function readGroup(files: readonly File[]): Promise<Read[]> {
  try {
    const all = new Uint8Array(await new Blob(files as File[]).arrayBuffer());
    let offset = 0;
    return files.map((file) => {
      // A copy, not a view: storing a view would store the whole group's buffer with every profile.
      const bytes = all.slice(offset, offset + file.size);
      offset += file.size;
      return { file, bytes };
    });
  } catch {
    return Promise.all(
      files.map((file) =>
        file.arrayBuffer().then(
          (buffer): Read => ({ file, bytes: new Uint8Array(buffer) }),
          (error: unknown): Read => ({ file, error }),
        ),
      ),
    );
  }
}

type Decoded = { file: File; bytes: Uint8Array; result: InspectResult } | { file: File; failure: ImportFailure };

async function decode(core: Core, entry: Read): Promise<Decoded> {
  try {
    if ('error' in entry) throw entry.error;
    const result = await core.inspect(entry.file.name, entry.bytes);
    if (!result.ok) return { file: entry.file, failure: failure(entry.file.name, result.error) };
    return { file: entry.file, bytes: entry.bytes, result };
  } catch (error) {
    return { file: entry.file, failure: failure(entry.file.name, core.toErrorData(error)) };
  }
}

function failure(fileName: string, error: { code: string; message: string } | null): ImportFailure {
  return { fileName, code: error?.code ?? 'internal', message: error?.message ?? 'Could not be read' };
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
