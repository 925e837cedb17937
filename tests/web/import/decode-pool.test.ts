// The decode pool's dispatcher with stand-in workers (happy-dom has no Worker): groups go out one message at a time,
// at most IN_FLIGHT per worker; answers come back to the right caller; a worker that fails gives its groups to the
// others, and with none left the main thread decodes them; Cancel drops queued groups and terminates the workers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DecodedFile } from '../../../web/import/decode-group';
import { CORES_PER_WORKER, IN_FLIGHT, MAX_WORKERS, mainThreadDecoder, openDecoder, poolSize, prepareDecoder, workerPool, type WorkerLike } from '../../../web/import/decode-pool';
import type { DecodeReply, DecodeRequest, RelinkRequest, WorkerRequest } from '../../../web/import/decode-protocol';
import type { ImportedFile } from '../../../web/import/store-decoded';

class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  onmessageerror: WorkerLike['onmessageerror'] = null;
  received: WorkerRequest[] = [];
  transferred: Transferable[][] = [];
  terminated = false;
  postMessage(message: WorkerRequest, transfer: Transferable[]): void {
    this.received.push(message);
    this.transferred.push(transfer);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answers a request as the real worker does: one result per file, in order. */
  answer(request: WorkerRequest, by = 'worker'): void {
    if ('openLibrary' in request) return;
    if ('relink' in request) {
      this.onmessage?.({ data: { job: request.job, relinked: true } satisfies DecodeReply } as MessageEvent<DecodeReply>);
      return;
    }
    const decoded = request.files.map((file): DecodedFile => ({ fileName: file.name, failure: { fileName: file.name, code: by, message: by } }));
    this.onmessage?.({ data: { job: request.job, decoded } satisfies DecodeReply } as MessageEvent<DecodeReply>);
  }
  fail(): void {
    let prevented = false;
    this.onerror?.({ preventDefault: () => (prevented = true) } as unknown as ErrorEvent);
    expect(prevented).toBe(true);
  }
}

const firstName = (request: WorkerRequest) => ('files' in request ? request.files[0]?.name : 'relink' in request ? 'relink' : 'open');
const group = (...names: string[]) => names.map((name) => new File(['x'], name));
const names = (decoded: ImportedFile[]) => decoded.map((entry) => entry.fileName);
const by = (decoded: ImportedFile[]) => decoded.map((entry) => ('failure' in entry ? entry.failure.code : 'decoded'));
/** The pool posts one group per task: waits until `count` requests in all have gone out. */
const sent = (workers: readonly FakeWorker[], count: number) =>
  vi.waitFor(() => expect(workers.reduce((sum, worker) => sum + worker.received.length, 0)).toBe(count));
/** Lets every task the pool could still have queued run, before checking that something did not happen. */
const drain = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

function onMainThread(calls: string[][]) {
  return async (files: readonly File[]): Promise<DecodedFile[]> => {
    calls.push(files.map((file) => file.name));
    return files.map((file) => ({ fileName: file.name, failure: { fileName: file.name, code: 'main-thread', message: '' } }));
  };
}

describe('poolSize', () => {
  it('is one worker per CORES_PER_WORKER cores, at least one and at most MAX_WORKERS', () => {
    expect([undefined, Number.NaN, 0, 1, 2, 3, 4, 6, 64].map(poolSize)).toEqual([1, 1, 1, 1, 1, 1, 2, 3, MAX_WORKERS]);
    expect([CORES_PER_WORKER, MAX_WORKERS]).toEqual([2, 4]);
  });
});

describe('workerPool', () => {
  it('spreads groups over the workers, IN_FLIGHT each, and answers each caller with its own group', async () => {
    const workers = [new FakeWorker(), new FakeWorker()];
    const pool = workerPool(workers, onMainThread([]));
    expect(pool).toMatchObject({ kind: 'workers', parallelism: 2 * IN_FLIGHT });
    const pending = ['a', 'b', 'c', 'd', 'e'].map((name) => pool.decode(group(`${name}1`, `${name}2`)));
    await sent(workers, 2 * IN_FLIGHT);
    await drain();
    expect(workers.map((worker) => worker.received.length)).toEqual([IN_FLIGHT, IN_FLIGHT]);
    // The fifth waits for a free slot: answering one of the first worker's groups sends it there.
    const [first, second] = workers as [FakeWorker, FakeWorker];
    first.answer(first.received[1] as DecodeRequest);
    await sent(workers, 2 * IN_FLIGHT + 1);
    expect(first.received.map(firstName)).toEqual(['a1', 'c1', 'e1']);
    expect(second.received.map(firstName)).toEqual(['b1', 'd1']);
    // Answered out of order, each caller still gets its own group.
    for (const request of [first.received[2], first.received[0]]) first.answer(request as DecodeRequest);
    for (const request of [...second.received].reverse()) second.answer(request);
    const results = await Promise.all(pending);
    expect(results.map(names)).toEqual([['a1', 'a2'], ['b1', 'b2'], ['c1', 'c2'], ['d1', 'd2'], ['e1', 'e2']]);
  });

  it('gives a failed worker\'s groups to the others, and decodes on the main thread once none is left', async () => {
    const calls: string[][] = [];
    const workers = [new FakeWorker(), new FakeWorker()];
    const pool = workerPool(workers, onMainThread(calls));
    const a = pool.decode(group('a'));
    const b = pool.decode(group('b'));
    await sent(workers, 2);
    const [first, second] = workers as [FakeWorker, FakeWorker];
    expect([first.received.length, second.received.length]).toEqual([1, 1]);
    first.fail();
    expect(first.terminated).toBe(true);
    await sent([second], 2);
    expect(second.received.map(firstName)).toEqual(['b', 'a']);
    second.fail();
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(calls).toEqual([['b'], ['a']]);
    expect([by(await a), by(await b)]).toEqual([['main-thread'], ['main-thread']]);
    // Later groups go straight to the main thread.
    expect(by(await pool.decode(group('c')))).toEqual(['main-thread']);
  });

  it('retires a worker whose answer cannot be read, and sends its group to another', async () => {
    const workers = [new FakeWorker(), new FakeWorker()];
    const pool = workerPool(workers, onMainThread([]));
    const pending = pool.decode(group('a'));
    await sent(workers, 1);
    const [first, second] = workers as [FakeWorker, FakeWorker];
    first.onmessageerror?.({} as MessageEvent);
    expect(first.terminated).toBe(true);
    await sent([second], 1);
    second.answer(second.received[0] as DecodeRequest);
    expect(by(await pending)).toEqual(['worker']);
  });

  it('decodes a group again on the main thread when the worker reports that the whole group failed', async () => {
    const calls: string[][] = [];
    const worker = new FakeWorker();
    const pool = workerPool([worker], onMainThread(calls));
    const pending = pool.decode(group('a', 'b'));
    await sent([worker], 1);
    const request = worker.received[0] as DecodeRequest;
    worker.onmessage?.({ data: { job: request.job, error: { code: 'internal', message: 'out of memory' } } } as MessageEvent<DecodeReply>);
    expect(by(await pending)).toEqual(['main-thread', 'main-thread']);
    expect(calls).toEqual([['a', 'b']]);
    expect(worker.terminated).toBe(false);
  });

  it('on close, rejects running and queued groups as aborted, sends nothing more and terminates every worker', async () => {
    const workers = [new FakeWorker(), new FakeWorker()];
    const pool = workerPool(workers, onMainThread([]));
    const pending = Array.from({ length: 10 }, (_, i) => pool.decode(group(`f${i}`)).then(names, (error: unknown) => (error as DOMException).name));
    await sent(workers, 2 * IN_FLIGHT);
    pool.close();
    expect(workers.map((worker) => worker.terminated)).toEqual([true, true]);
    expect(await Promise.all(pending)).toEqual(Array(10).fill('AbortError'));
    await drain();
    expect(workers.reduce((sum, worker) => sum + worker.received.length, 0)).toBe(2 * IN_FLIGHT);
    await expect(pool.decode(group('late'))).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reads each group of profiles on the page and transfers its bytes, never posting a File', async () => {
    const worker = new FakeWorker();
    const pool = workerPool([worker], onMainThread([]));
    const pending = pool.decode([new File(['first'], 'a.mobileprovision'), new File(['second!'], 'b.mobileprovision')]);
    await sent([worker], 1);
    const [request] = worker.received as [DecodeRequest];
    const text = request.files.map((file) => ('bytes' in file ? new TextDecoder().decode(file.bytes) : 'unread'));
    expect(request.files.map((file) => file.name)).toEqual(['a.mobileprovision', 'b.mobileprovision']);
    expect(text).toEqual(['first', 'second!']);
    expect(request.files.some((file) => file instanceof File)).toBe(false);
    expect(worker.transferred[0]).toEqual(request.files.map((file) => ('bytes' in file ? file.bytes.buffer : null)));
    worker.answer(request);
    expect(names(await pending)).toEqual(['a.mobileprovision', 'b.mobileprovision']);
  });

  it('posts an app, alone in its group, for the worker to read: no read of its bytes on the page', async () => {
    const worker = new FakeWorker();
    const pool = workerPool([worker], onMainThread([]));
    const app = new File(['PK app'], 'Field.ipa');
    const pending = pool.decode([app]);
    await sent([worker], 1);
    const [request] = worker.received as [DecodeRequest];
    expect(request.files).toEqual([{ name: 'Field.ipa', file: app }]);
    expect(worker.transferred[0]).toEqual([]);
    worker.answer(request);
    expect(names(await pending)).toEqual(['Field.ipa']);
  });

  it('ignores an answer for a group it no longer waits for', async () => {
    const worker = new FakeWorker();
    const pool = workerPool([worker], onMainThread([]));
    const pending = pool.decode(group('a'));
    await sent([worker], 1);
    worker.answer({ job: 999, files: [{ name: 'stray', bytes: new Uint8Array(1) }] });
    worker.answer(worker.received[0] as DecodeRequest);
    expect(names(await pending)).toEqual(['a']);
  });
});

describe('relinking in a worker', () => {
  it('is offered only with a library, sends the App IDs and the library name to one worker, and resolves on its answer', async () => {
    expect(workerPool([new FakeWorker()], onMainThread([])).relink).toBeUndefined();
    const workers = [new FakeWorker(), new FakeWorker()];
    const pool = workerPool(workers, onMainThread([]), { library: 'provlens' });
    const done = pool.relink?.(['T.app0', 'T.app1']);
    await sent(workers, 1);
    const [worker] = workers.filter((one) => one.received.length === 1) as [FakeWorker];
    const request = worker.received[0] as RelinkRequest;
    expect(request).toEqual({ job: request.job, relink: ['T.app0', 'T.app1'], library: 'provlens' });
    expect(worker.transferred[0]).toEqual([]);
    worker.answer(request);
    await expect(done).resolves.toBeUndefined();
  });

  it('rejects when the worker could not relink, or no worker is left, so the page relinks instead', async () => {
    const worker = new FakeWorker();
    const pool = workerPool([worker], onMainThread([]), { library: 'provlens' });
    const failed = pool.relink?.(['T.app0']);
    await sent([worker], 1);
    const request = worker.received[0] as RelinkRequest;
    worker.onmessage?.({ data: { job: request.job, error: { code: 'storage-failed', message: 'nope' } } } as MessageEvent<DecodeReply>);
    await expect(failed).rejects.toThrow('nope');
    const orphaned = pool.relink?.(['T.app1']);
    await sent([worker], 2);
    worker.fail();
    await expect(orphaned).rejects.toThrow();
    pool.close();
    await expect(pool.relink?.(['T.app2'])).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('the main-thread fallback', () => {
  it('is what openDecoder gives where there is no Worker (happy-dom), and it decodes with the real core', async () => {
    expect(typeof (globalThis as { Worker?: unknown }).Worker).toBe('undefined');
    const decoder = openDecoder(() => import('../../../core/index'));
    expect(decoder).toMatchObject({ kind: 'main-thread', parallelism: 1 });
    const [result] = await decoder.decode(group('notes.mobileprovision'));
    expect(result).toEqual({ fileName: 'notes.mobileprovision', failure: { fileName: 'notes.mobileprovision', code: 'not-a-profile', message: expect.any(String) } });
  });

  it('finishes a group it started but starts none after close', async () => {
    const calls: string[][] = [];
    const decoder = mainThreadDecoder(onMainThread(calls));
    const started = decoder.decode(group('a'));
    decoder.close();
    expect(names(await started)).toEqual(['a']);
    await expect(decoder.decode(group('b'))).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toEqual([['a']]);
  });
});

describe('workers started before an import (prepareDecoder)', () => {
  /** Stands in for the Worker constructor (happy-dom has none), recording every worker the page starts. */
  function stubWorkers(cores: number): FakeWorker[] {
    const started: FakeWorker[] = [];
    vi.stubGlobal('Worker', class extends FakeWorker {
      constructor() {
        super();
        started.push(this);
      }
    });
    vi.stubGlobal('navigator', { hardwareConcurrency: cores });
    return started;
  }
  afterEach(() => vi.unstubAllGlobals());

  it('starts the pool\'s workers, has them open the library, and the next import uses them instead of starting more', async () => {
    const started = stubWorkers(4);
    const release = prepareDecoder({ library: 'provlens-test' });
    expect(started).toHaveLength(poolSize(4));
    expect(started.map((worker) => worker.received)).toEqual(started.map(() => [{ openLibrary: 'provlens-test' }]));
    // Asked again (the view re-prepares after an import), it only tops the pool up.
    prepareDecoder({ library: 'provlens-test' });
    expect(started).toHaveLength(poolSize(4));

    const decoder = openDecoder(() => Promise.reject(new Error('not on the main thread')), { library: 'provlens-test' });
    expect(started).toHaveLength(poolSize(4));
    const decoding = decoder.decode(group('a.mobileprovision'));
    await sent(started, poolSize(4) + 1);
    const worker = started.find((candidate) => candidate.received.length === 2) as FakeWorker;
    worker.answer(worker.received[1] as DecodeRequest);
    expect(names(await decoding)).toEqual(['a.mobileprovision']);
    // Taken by the import: releasing the view's spares no longer stops them; closing the import does.
    release();
    expect(started.some((candidate) => candidate.terminated)).toBe(false);
    decoder.close();
    expect(started.every((candidate) => candidate.terminated)).toBe(true);
  });

  it('without Workers, loads the core the main thread will decode with, and starts nothing', async () => {
    vi.stubGlobal('Worker', undefined);
    let loads = 0;
    const release = prepareDecoder({ library: 'provlens-test', loadCore: () => (loads++, Promise.resolve()) });
    expect(loads).toBe(1);
    release();
    // A core that fails to load here is the import's to report, not an unhandled rejection now.
    prepareDecoder({ loadCore: () => Promise.reject(new Error('offline')) });
    await Promise.resolve();
  });

  it('drops a worker that failed to load while waiting, and the import starts another in its place', () => {
    const started = stubWorkers(2);
    prepareDecoder();
    const [broken] = started;
    expect(started).toHaveLength(1);
    expect(broken?.received).toEqual([]);
    broken?.fail();
    expect(broken?.terminated).toBe(true);
    const decoder = openDecoder(() => Promise.reject(new Error('not on the main thread')));
    expect(started).toHaveLength(2);
    expect(started[1]?.terminated).toBe(false);
    decoder.close();
  });

  it('stops the workers no import took when the view releases them', () => {
    const started = stubWorkers(8);
    const release = prepareDecoder({ library: 'provlens-test' });
    expect(started).toHaveLength(MAX_WORKERS);
    release();
    expect(started.every((worker) => worker.terminated)).toBe(true);
    // None is left over for the next import: it starts its own.
    const decoder = openDecoder(() => Promise.reject(new Error('not on the main thread')));
    expect(started).toHaveLength(MAX_WORKERS * 2);
    decoder.close();
  });
});
