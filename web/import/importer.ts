// Imports many files into the library. Decoding runs on the main thread in time-sliced steps rather than in a Web
// Worker: the core is worker-safe, but `plist`'s browser build parses XML with DOMParser, which workers lack, and
// shipping a second XML parser just for a worker would cost more bytes than it saves. A profile decodes in ~10 ms,
// so yielding every ~12 ms keeps the page responsive; profiles are written in batches (one transaction each).
import type { Library, StoredProfile } from '../../core/store';
import type { ProfileResult } from '../../core/types';
import { loadCore } from '../lazy-core';
import { isAcceptedFile } from './accepted-files';
import { embeddedProfiles } from './embedded-profiles';
import { createYielder } from './yield';

// One IndexedDB transaction per batch; 50 profiles serialize in ~25 ms, short enough not to be felt.
const BATCH_SIZE = 50;

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
  apps: number;
  skipped: number;
  failures: ImportFailure[];
  /** The last profile stored, so a single-file import can open it. */
  lastProfileId: string | null;
  lastAppId: string | null;
}

type ProfileInput = Parameters<Library['putProfile']>[0];

export interface ImportOptions {
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
    apps: 0,
    skipped: files.length - accepted.length,
    failures: [],
    lastProfileId: null,
    lastAppId: null,
  };
  const report = () => options.onProgress?.({ ...progress, failures: [...progress.failures] });
  report();
  const core = await loadCore();
  const pause = createYielder();
  let batch: ProfileInput[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const stored = await library.putProfiles(batch);
    batch = [];
    for (const { id, status } of stored) {
      progress[status] += 1;
      progress.lastProfileId = id;
    }
  };

  for (const file of accepted) {
    if (options.signal?.aborted) break;
    progress.current = file.name;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await core.inspect(file.name, bytes);
      if (!result.ok) {
        progress.failures.push(failure(file.name, result.error));
      } else if (result.kind === 'profile') {
        batch.push({ fileName: file.name, bytes, result, source: { kind: 'file' } });
        if (batch.length >= BATCH_SIZE) await flush();
      } else if (result.app) {
        await flush();
        const { id } = await library.putApp({
          fileName: file.name,
          bytes,
          result,
          profileBytes: embeddedProfiles(bytes, result.app),
        });
        progress.apps += 1;
        progress.lastAppId = id;
      }
    } catch (error) {
      progress.failures.push(failure(file.name, core.toErrorData(error)));
    }
    progress.done += 1;
    report();
    await pause();
  }
  try {
    await flush();
  } catch (error) {
    progress.failures.push(failure('(saving to the library)', core.toErrorData(error)));
  }
  progress.current = null;
  report();
  return progress;
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
