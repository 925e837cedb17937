// Where an import's decoding runs: a small pool of module workers (decode-worker.ts) so that 1,000 files decode in
// parallel and the page stays responsive, or the main thread where Workers are unavailable or fail to start (an old
// browser, a host or policy that refuses the worker script): the results are the same either way (decode-group.ts).
//
// The queue lives here, not in the workers: each worker holds at most IN_FLIGHT groups, so Cancel drops the rest at
// once and terminating the workers ends the little that was running.
//
// Profiles are read here and their bytes transferred, rather than the File objects posted: posting a picked File makes
// the page wait on the browser process for its size (Blob::CaptureSnapshot in a Chromium trace, ~0.5 ms a file, the
// main thread's largest cost in a 1,000-file import), while File.arrayBuffer() here is asynchronous. An app is the
// opposite case, one large file: it is posted and the worker reads it.
import { isAppArchive } from './batching';
import { decodeGroup, readGroup, readTransferables, type DecodedFile, type ReadFile } from './decode-group';
import type { ImportedFile } from './store-decoded';
import { createYielder, nextTask } from './yield';
import type { DecodeReply, WorkerRequest } from './decode-protocol';
import type * as CoreModule from '../../core/index';

/** More workers than this add start-up cost and memory, not speed: an import also waits on IndexedDB. */
export const MAX_WORKERS = 4;
/** Cores per decode worker. The page's own share of an import (the browser's per-File work on the main thread, the
 *  progress, IndexedDB's replies) and the browser's IndexedDB and WebCrypto threads need the rest: told 2 cores, one
 *  worker imported faster than two here (tests/bench/web-bench.ts; the README's performance section). */
export const CORES_PER_WORKER = 2;
/** Groups sent to a worker before it answers: one decoding, one being read, so a worker never waits for work. */
export const IN_FLIGHT = 2;

export interface Decoder {
  readonly kind: 'workers' | 'main-thread';
  /** How many groups are worth asking for ahead of the one being stored. */
  readonly parallelism: number;
  /** Reads and decodes a group; rejects with an AbortError if the decoder is closed before it is done. Workers
   *  given a library's database name store the group's profiles too, answering with their ids and statuses. */
  decode(files: readonly File[]): Promise<ImportedFile[]>;
  /** Recomputes the renewal links of these App IDs in the library the workers store to, in a worker; absent where
   *  the decoder stores nothing (the page relinks). Rejects if no worker could do it. */
  relink?(appIdentifiers: readonly string[]): Promise<void>;
  /** Drops queued groups, stops the running ones and releases the workers. */
  close(): void;
}

/** The part of a Worker the pool uses, so tests can stand in for one (happy-dom has no Worker). */
export interface WorkerLike {
  onmessage: ((event: MessageEvent<DecodeReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  postMessage(message: WorkerRequest, transfer: Transferable[]): void;
  terminate(): void;
}

export type DecodeGroup = (files: readonly File[]) => Promise<DecodedFile[]>;

export function poolSize(hardwareConcurrency: number | undefined): number {
  const cores = Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency ?? 1) : 1;
  return Math.min(MAX_WORKERS, Math.max(1, Math.floor(cores / CORES_PER_WORKER)));
}

/** The decoder for this page: workers if it can have them, else the main thread. Workers started by
 *  prepareDecoder are used first. */
export function openDecoder(
  loadCore: () => Promise<Pick<typeof CoreModule, 'inspect' | 'embeddedProfileFiles' | 'toErrorData'>>,
  options: { library?: string; maxWorkers?: number } = {},
): Decoder {
  const pause = createYielder();
  const onMainThread: DecodeGroup = (files) => loadCore().then((core) => decodeGroup(core, files, pause));
  if (typeof Worker !== 'function') return mainThreadDecoder(onMainThread);
  const size = Math.min(poolSize(globalThis.navigator?.hardwareConcurrency), options.maxWorkers ?? MAX_WORKERS);
  const workers = spare.splice(0, size);
  while (workers.length < size) workers.push(spawnDecodeWorker());
  return workerPool(workers, onMainThread, options.library === undefined ? {} : { library: options.library });
}

/** Workers started before an import asked for them, not yet handed to a pool. */
const spare: WorkerLike[] = [];

/**
 * Starts the workers the next import on this page will use, while the user is still choosing files: an import that
 * starts them itself first waits 0.2–0.3 s for their script to load and the library to open (tests/bench/web-bench.ts,
 * 1,000 files, told 2 cores). A worker that fails to load meanwhile is dropped, and the import starts another or
 * decodes on the main thread. Without Workers, loads the core (`loadCore`) the main thread will decode with.
 * Returns a function that stops the workers no import has taken.
 */
export function prepareDecoder(options: { library?: string; loadCore?: () => Promise<unknown> } = {}): () => void {
  if (typeof Worker !== 'function') {
    // No workers: the import will decode here, so the core is loaded now, while the user chooses files and the page
    // has nothing else to do, rather than in the import's first tasks.
    options.loadCore?.().catch(() => undefined);
    return () => undefined;
  }
  const size = poolSize(globalThis.navigator?.hardwareConcurrency);
  while (spare.length < size) {
    const worker = spawnDecodeWorker();
    const drop = () => {
      worker.terminate();
      const position = spare.indexOf(worker);
      if (position >= 0) spare.splice(position, 1);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      drop();
    };
    worker.onmessageerror = drop;
    if (options.library !== undefined) worker.postMessage({ openLibrary: options.library }, []);
    spare.push(worker);
  }
  return () => {
    for (const worker of spare.splice(0)) worker.terminate();
  };
}

// Vite sees this exact form, builds decode-worker.ts as a module chunk and rewrites the URL next to this one, so it
// resolves from any sub-path or static host (and inside the extension).
function spawnDecodeWorker(): WorkerLike {
  return new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module', name: 'provlens-decode' });
}

export function mainThreadDecoder(decode: DecodeGroup): Decoder {
  let closed = false;
  return {
    kind: 'main-thread',
    parallelism: 1,
    // A group already started finishes (it is one short slice of work); groups asked for after close() never start.
    decode: (files) => (closed ? Promise.reject(aborted()) : decode(files)),
    close: () => void (closed = true),
  };
}

type Job = { id: number; reject(error: unknown): void } & (
  | { files: readonly File[]; resolve(decoded: ImportedFile[]): void }
  | { relink: readonly string[]; resolve(): void }
);

interface Slot {
  worker: WorkerLike;
  running: Map<number, Job>;
}

/** Hands groups to `workers` in turn; a worker that fails (to load, or later) gives its groups back to the queue,
 *  and once none is left the queue is decoded by `fallback` on the main thread. */
export function workerPool(workers: readonly WorkerLike[], fallback: DecodeGroup, options: { library?: string } = {}): Decoder {
  let slots: Slot[] = workers.map((worker) => ({ worker, running: new Map() }));
  const queue: Job[] = [];
  let nextId = 0;
  let closed = false;

  let pumpScheduled = false;
  /** Starts one group, then comes back in a task of its own for the next, so the page gets the event loop back
   *  between groups. */
  const pump = () => {
    pumpScheduled = false;
    if (closed) return;
    if (slots.length === 0) {
      for (const job of queue.splice(0)) {
        if ('files' in job) fallback(job.files).then(job.resolve, job.reject);
        else job.reject(new Error('No decode worker is left to relink in'));
      }
      return;
    }
    const slot = slots.reduce((least, other) => (other.running.size < least.running.size ? other : least));
    if (slot.running.size >= IN_FLIGHT || queue.length === 0) return;
    const job = queue.shift() as Job;
    slot.running.set(job.id, job);
    if ('relink' in job) {
      slot.worker.postMessage({ job: job.id, relink: [...job.relink], library: options.library ?? '' }, []);
      schedulePump();
      return;
    }
    // The slot counts the group from now on, so the next pump fills another slot while this one is read. An app
    // (alone in its group) is read by the worker: one large read here held the page's main thread in 60–170 ms
    // tasks for a 91 MB .ipa, where one File posted costs one short round-trip to the browser process.
    const sent = isAppGroup(job.files) ? Promise.resolve(job.files.map((file): ReadFile => ({ name: file.name, file }))) : readGroup(job.files);
    void sent.then((files: ReadFile[]) => {
      if (closed || slot.running.get(job.id) !== job) return;
      const request = options.library === undefined ? { job: job.id, files } : { job: job.id, files, library: options.library };
      slot.worker.postMessage(request, readTransferables(files));
    }, job.reject);
    schedulePump();
  };
  const schedulePump = () => {
    if (pumpScheduled || closed) return;
    pumpScheduled = true;
    nextTask(pump);
  };

  const retire = (slot: Slot) => {
    slot.worker.terminate();
    slots = slots.filter((other) => other !== slot);
    queue.unshift(...slot.running.values());
    slot.running.clear();
    schedulePump();
  };

  for (const slot of slots) {
    slot.worker.onmessage = ({ data }) => {
      const job = slot.running.get(data.job);
      if (!job) return;
      slot.running.delete(data.job);
      if ('relink' in job) {
        if ('relinked' in data) job.resolve();
        else job.reject(new Error('error' in data ? data.error.message : 'Unexpected answer to a relink'));
      } else if ('decoded' in data) job.resolve(data.decoded);
      // The whole group failed inside the worker (not one bad file): give it one more chance on the main thread.
      else fallback(job.files).then(job.resolve, job.reject);
      schedulePump();
    };
    slot.worker.onerror = (event) => {
      // A worker that could not load or run its script: without preventDefault it is also reported as a page error.
      event.preventDefault();
      if (!closed) retire(slot);
    };
    // An answer that could not be read here cannot be matched to its group: treat the worker as failed.
    slot.worker.onmessageerror = () => {
      if (!closed) retire(slot);
    };
  }

  return {
    kind: 'workers',
    parallelism: slots.length * IN_FLIGHT,
    decode(files) {
      if (closed) return Promise.reject(aborted());
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, files, resolve, reject });
        schedulePump();
      });
    },
    ...(options.library === undefined
      ? {}
      : {
          relink(appIdentifiers: readonly string[]) {
            if (closed) return Promise.reject(aborted());
            return new Promise<void>((resolve, reject) => {
              queue.push({ id: nextId++, relink: appIdentifiers, resolve, reject });
              schedulePump();
            });
          },
        }),
    close() {
      if (closed) return;
      closed = true;
      const error = aborted();
      for (const slot of slots) {
        slot.worker.terminate();
        for (const job of slot.running.values()) job.reject(error);
      }
      for (const job of queue.splice(0)) job.reject(error);
      slots = [];
    },
  };
}

function isAppGroup(files: readonly File[]): boolean {
  return files.length === 1 && isAppArchive(files[0]?.name ?? '');
}

function aborted(): DOMException {
  return new DOMException('The import was stopped', 'AbortError');
}
