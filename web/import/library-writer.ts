// The storing half of an import: decoded profiles are written a few dozen per IndexedDB transaction, each write
// overlapping further decoding, on the main thread where the page's Library lives (its change listeners, e.g. the
// extension's badge, hear about every write). Tried with the writes moved into the decode workers instead
// (tests/bench/web-bench.ts, 1,000 profiles, load ~10 on 2 cores): end to end within the run-to-run noise (±15%),
// longest main-thread task ~10% shorter; not worth a Library per worker that the page hears of only through
// BroadcastChannel, and that would need the database's name, which a Library does not expose.
import type { AppInput, Library, ProfileInput, PutStatus } from '../../core/store';
import { toErrorData } from '../../core/errors';
import { failure, type ImportFailure } from './decode-group';

/** A write starts as soon as the previous one is done and this many profiles wait, so storing keeps pace with
 *  decoding and little is left to write at the end; */
export const MIN_STORE_BATCH = 32;
/** but decoding waits for the writer once this many wait: writing a batch is one main-thread task (IndexedDB
 *  serialises each record as it is put), which took 100–300 ms at 250 profiles and 50–150 ms at 128 here (load 10). */
export const STORE_BATCH_SIZE = 64;

export interface WriterEvents {
  stored(id: string, status: PutStatus): void;
  app(id: string): void;
  failed(failure: ImportFailure): void;
}

export interface LibraryWriter {
  /** Queues a profile; resolves once the caller may go on decoding (at once, unless the writer is far behind). */
  addProfile(input: ProfileInput): Promise<void>;
  /** Stores an app after every profile queued before it (they may be its own embedded profiles). */
  addApp(input: AppInput): Promise<void>;
  /** Writes what is queued and waits for every write. */
  finish(): Promise<void>;
  /** True once a write failed: quota or a broken database, which later writes would meet too. */
  readonly broken: boolean;
}

export function libraryWriter(library: Library, events: WriterEvents): LibraryWriter {
  let batch: ProfileInput[] = [];
  let writing: Promise<void> = Promise.resolve();
  let idle = true;
  let broken = false;

  // Never rejects (a write error becomes a listed failure), so it can run while the next files decode.
  const store = (inputs: ProfileInput[]): Promise<void> =>
    library.putProfiles(inputs).then(
      (stored) => {
        idle = true;
        for (const { id, status } of stored) events.stored(id, status);
      },
      (error: unknown) => {
        idle = true;
        broken = true;
        events.failed(failure(`(saving ${inputs.length} profiles to the library)`, toErrorData(error)));
      },
    );
  /** Starts writing the batch once the previous write is done. */
  const flush = async (): Promise<void> => {
    await writing;
    if (batch.length === 0 || broken) return;
    idle = false;
    writing = store(batch);
    batch = [];
  };

  return {
    get broken() {
      return broken;
    },
    async addProfile(input) {
      batch.push(input);
      if (batch.length >= STORE_BATCH_SIZE || (idle && batch.length >= MIN_STORE_BATCH)) await flush();
    },
    async addApp(input) {
      await flush();
      await writing;
      if (broken) return;
      try {
        const { id } = await library.putApp(input);
        events.app(id);
      } catch (error) {
        events.failed(failure(input.fileName, toErrorData(error)));
      }
    },
    async finish() {
      await flush();
      await writing;
    },
  };
}
