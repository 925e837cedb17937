// The App check's decode, off the page's main thread: the same result the core gives, a failure named by its code,
// and one decode worker for one file, stopped once the file is read.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkerRequest } from '../../../web/import/decode-protocol';
import { inspectOffThread } from '../../../web/import/inspect-off-thread';
import { makeApp } from '../../fixtures/app-factory';
import { APP_ID, appFixtures, type AppFixtures } from '../../core/app/app-fixtures';

let f: AppFixtures;
beforeAll(async () => {
  f = await appFixtures();
}, 120_000);
afterEach(() => vi.unstubAllGlobals());

describe('inspectOffThread', () => {
  it('gives the core\'s result for an app (on the main thread where there is no Worker, as in happy-dom)', async () => {
    const bytes = await makeApp({
      bundles: [{ path: 'Payload/Field.app/', bundleId: APP_ID, executable: 'Field', profile: await f.profile({}), executableContent: f.machO(f.developer) }],
    });
    const inspected = await inspectOffThread(new File([bytes as Uint8Array<ArrayBuffer>], 'Field.ipa'));
    expect('result' in inspected && inspected.result.kind).toBe('app');
    if (!('result' in inspected) || inspected.result.kind !== 'app') return;
    expect(inspected.result.app?.bundles.map((bundle) => [bundle.path, bundle.bundleId])).toEqual([['Payload/Field.app/', APP_ID]]);
  });

  it('names a file that is not an app by its error code and file name', async () => {
    const inspected = await inspectOffThread(new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])], 'broken.ipa'));
    expect(inspected).toEqual({ failure: { fileName: 'broken.ipa', code: 'not-a-zip', message: expect.any(String) } });
  });

  it('starts one worker for one file, whatever the cores, and stops it once the file is read', async () => {
    const started: { received: WorkerRequest[]; terminated: boolean }[] = [];
    vi.stubGlobal('navigator', { hardwareConcurrency: 8 });
    vi.stubGlobal('Worker', class {
      onmessage: ((event: { data: unknown }) => void) | null = null;
      onerror = null;
      onmessageerror = null;
      received: WorkerRequest[] = [];
      terminated = false;
      constructor() {
        started.push(this);
      }
      postMessage(message: WorkerRequest) {
        this.received.push(message);
        if (!('files' in message)) return;
        const decoded = message.files.map((file) => ({ fileName: file.name, failure: { fileName: file.name, code: 'from-worker', message: 'answered' } }));
        setTimeout(() => this.onmessage?.({ data: { job: message.job, decoded } }), 0);
      }
      terminate() {
        this.terminated = true;
      }
    });
    const inspected = await inspectOffThread(new File(['x'], 'App.ipa'));
    expect(inspected).toEqual({ failure: { fileName: 'App.ipa', code: 'from-worker', message: 'answered' } });
    expect(started).toHaveLength(1);
    expect(started[0]?.terminated).toBe(true);
  });

  it('stops the worker and rejects as aborted when the signal aborts first (another file chosen, the view left)', async () => {
    const started: { terminated: boolean }[] = [];
    vi.stubGlobal('navigator', { hardwareConcurrency: 2 });
    vi.stubGlobal('Worker', class {
      onmessage = null;
      onerror = null;
      onmessageerror = null;
      terminated = false;
      constructor() {
        started.push(this);
      }
      postMessage() {
        // Never answers: a check still running.
      }
      terminate() {
        this.terminated = true;
      }
    });
    const controller = new AbortController();
    const inspecting = inspectOffThread(new File(['x'], 'Big.ipa'), controller.signal);
    controller.abort();
    await expect(inspecting).rejects.toMatchObject({ name: 'AbortError' });
    expect(started.map((worker) => worker.terminated)).toEqual([true]);
    await expect(inspectOffThread(new File(['x'], 'Big.ipa'), controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(started).toHaveLength(1);
  });
});
