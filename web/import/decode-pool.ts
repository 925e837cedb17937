// Where an import's decoding runs: a small pool of module workers (decode-worker.ts) so that 1,000 files decode in
// parallel and the page stays responsive, or the main thread where Workers are unavailable or fail to start (an old
// browser, a host or policy that refuses the worker script): the results are the same either way (decode-group.ts).
//
// The queue lives here, not in the workers: each worker holds at most IN_FLIGHT groups, so Cancel drops the rest at
// once and terminating the workers ends the little that was running.
import { decodeGroup, type DecodedFile } from './decode-group';
import { nextTask } from './yield';
import type { DecodeReply, DecodeRequest } from './decode-protocol';
import type * as CoreModule from '../../core/index';

/** More workers than this add start-up cost and memory, not speed: an import also waits on IndexedDB. */
export const MAX_WORKERS = 4;
/** Groups sent to a worker before it answers: one decoding, one being read, so a worker never waits for work. */
export const IN_FLIGHT = 2;

export interface Decoder {
  readonly kind: 'workers' | 'main-thread';
  /** How many groups are worth asking for ahead of the one being stored. */
  readonly parallelism: number;
  /** Reads and decodes a group; rejects with an AbortError if the decoder is closed before it is done. */
  decode(files: readonly File[]): Promise<DecodedFile[]>;
  /** Drops queued groups, stops the running ones and releases the workers. */
  close(): void;
}

/** The part of a Worker the pool uses, so tests can stand in for one (happy-dom has no Worker). */
export interface WorkerLike {
  onmessage: ((event: MessageEvent<DecodeReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  postMessage(message: DecodeRequest): void;
  terminate(): void;
}

export type DecodeGroup = (files: readonly File[]) => Promise<DecodedFile[]>;

export function poolSize(hardwareConcurrency: number | undefined): number {
  const cores = Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency ?? 1) : 1;
  return Math.min(MAX_WORKERS, Math.max(1, cores));
}

/** The decoder for this page: workers if it can have them, else the main thread. */
export function openDecoder(loadCore: () => Promise<Pick<typeof CoreModule, 'inspect' | 'embeddedProfileFiles' | 'toErrorData'>>): Decoder {
  const onMainThread: DecodeGroup = (files) => loadCore().then((core) => decodeGroup(core, files));
  if (typeof Worker !== 'function') return mainThreadDecoder(onMainThread);
  const size = poolSize(globalThis.navigator?.hardwareConcurrency);
  return workerPool(Array.from({ length: size }, spawnDecodeWorker), onMainThread);
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

interface Job {
  id: number;
  files: readonly File[];
  resolve(decoded: DecodedFile[]): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: WorkerLike;
  running: Map<number, Job>;
}

/** Hands groups to `workers` in turn; a worker that fails (to load, or later) gives its groups back to the queue,
 *  and once none is left the queue is decoded by `fallback` on the main thread. */
export function workerPool(workers: readonly WorkerLike[], fallback: DecodeGroup): Decoder {
  let slots: Slot[] = workers.map((worker) => ({ worker, running: new Map() }));
  const queue: Job[] = [];
  let nextId = 0;
  let closed = false;

  let pumpScheduled = false;
  /** Sends one group, then comes back in a task of its own for the next: handing a picked File to a worker costs
   *  the main thread a synchronous browser round-trip per file the first time (0.2–0.8 ms here), so posting every
   *  free slot's group at once made one long task. */
  const pump = () => {
    pumpScheduled = false;
    if (closed) return;
    if (slots.length === 0) {
      for (const job of queue.splice(0)) fallback(job.files).then(job.resolve, job.reject);
      return;
    }
    const slot = slots.reduce((least, other) => (other.running.size < least.running.size ? other : least));
    if (slot.running.size >= IN_FLIGHT || queue.length === 0) return;
    const job = queue.shift() as Job;
    slot.running.set(job.id, job);
    slot.worker.postMessage({ job: job.id, files: [...job.files] });
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
      if ('decoded' in data) job.resolve(data.decoded);
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

function aborted(): DOMException {
  return new DOMException('The import was stopped', 'AbortError');
}
