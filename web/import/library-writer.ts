// The storing half of an import when the page stores: decoded profiles are written a few dozen per IndexedDB
// transaction, each write overlapping further decoding. That is the main-thread decoder's path, and the path of apps
// and of groups a worker handed back unstored; with decode workers and a library they can open, the workers store
// the profiles themselves (store-decoded.ts), which takes the puts and the results' clones off the main thread.
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
  /** `relink`: App IDs whose renewal links the import recomputes once at its end (Library.putProfilesUnlinked). */
  stored(id: string, status: PutStatus, relink: readonly string[]): void;
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
    library.putProfilesUnlinked(inputs).then(
      (stored) => {
        idle = true;
        for (const { id, status, relink } of stored) events.stored(id, status, relink);
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
