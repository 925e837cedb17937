// One file decoded and verified as an import decodes it — in a decode worker, or on the main thread where there is
// none — for a view that shows a file without storing it (App check). On the page's main thread, a 150 MB app held it
// 1.5–2 s in a single task: the inflate stream's reads resolve as microtasks, which never give the event loop back
// (measured in Chromium on the bench's synthetic 150 MB app).
import type { InspectResult } from '../../core/types';
import { loadCore } from '../lazy-core';
import { failure, type ImportFailure } from './decode-group';
import { openDecoder } from './decode-pool';

export type Inspected = { result: InspectResult } | { failure: ImportFailure };

/** Rejects with an AbortError when `signal` aborts first (another file chosen, the view left): the worker stops. */
export async function inspectOffThread(file: File, signal?: AbortSignal): Promise<Inspected> {
  signal?.throwIfAborted();
  // One file: one worker is all it can use.
  const decoder = openDecoder(loadCore, { maxWorkers: 1 });
  const stop = () => decoder.close();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const [entry] = await decoder.decode([file]);
    if (entry && 'failure' in entry) return { failure: entry.failure };
    if (entry && 'result' in entry) return { result: entry.result };
    return { failure: failure(file.name, null) };
  } finally {
    signal?.removeEventListener('abort', stop);
    decoder.close();
  }
}
