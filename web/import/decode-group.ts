// One unit of import work: read a group of files and decode each. Reading happens on the page (decode-pool.ts says
// why), decoding in a decode worker (decode-worker.ts) or, where Workers are unavailable, on the main thread too:
// the same code runs in both, so both paths give the same results. Results are plain data (structured-cloneable),
// and each file's bytes travel with its result because the library stores the bytes.
import type * as CoreModule from '../../core/index';
import type { InspectResult } from '../../core/types';
import { toErrorData } from '../../core/errors';

type Core = Pick<typeof CoreModule, 'inspect' | 'embeddedProfileFiles' | 'toErrorData'>;

export interface ImportFailure {
  fileName: string;
  code: string;
  message: string;
}

export type DecodedFile =
  | {
      fileName: string;
      bytes: Uint8Array;
      result: InspectResult;
      /** An .ipa's embedded profiles, taken out of the archive where it was decoded (not again on the main thread). */
      embedded: { bundlePath: string; bytes: Uint8Array }[];
    }
  | { fileName: string; failure: ImportFailure };

/** A file's bytes, or why they could not be read: plain data, so it can be posted to a worker; or the file itself,
 *  for the worker to read (an app: one large file, which read on the page would hold its main thread). */
export type ReadFile =
  | { name: string; bytes: Uint8Array }
  | { name: string; error: { code: string; message: string } | null }
  | { name: string; file: Blob };

/** `pause` (on a page's main thread): awaited before each file's decoding starts, so the page can answer in between. */
export async function decodeGroup(core: Core, files: readonly File[], pause?: () => Promise<void>): Promise<DecodedFile[]> {
  return decodeReadGroup(core, await readGroup(files), pause);
}

export async function decodeReadGroup(core: Core, read: readonly ReadFile[], pause?: () => Promise<void>): Promise<DecodedFile[]> {
  // Concurrently: one file's WebCrypto verification overlaps the next one's parsing. Without pauses every file's
  // parsing up to its first await ran in the same task, a whole group's at once (on the main thread, where there are
  // no Workers, that is the page's).
  const decoding: Promise<DecodedFile>[] = [];
  for (const entry of read) {
    await pause?.();
    decoding.push(decodeEntry(core, entry));
  }
  return Promise.all(decoding);
}

async function decodeEntry(core: Core, entry: ReadFile): Promise<DecodedFile> {
  return decodeRead(core, 'file' in entry ? await readFile(entry.name, entry.file) : entry);
}

/** Every buffer a group's results hold, to transfer rather than copy them out of a worker. */
export function transferables(decoded: readonly (DecodedFile | { fileName: string })[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const entry of decoded) {
    if (!('bytes' in entry)) continue;
    for (const bytes of [entry.bytes, ...entry.embedded.map((member) => member.bytes)]) {
      if (bytes.buffer instanceof ArrayBuffer) buffers.add(bytes.buffer);
    }
  }
  return [...buffers];
}

/** The buffers of a read group, to transfer rather than copy them into a worker. */
export function readTransferables(read: readonly ReadFile[]): ArrayBuffer[] {
  return read.flatMap((entry) => ('bytes' in entry && entry.bytes.buffer instanceof ArrayBuffer ? [entry.bytes.buffer] : []));
}

/** Reads a group's files, each with its own asynchronous read; a file that vanished or changed since it was picked
 *  is listed alone. Not one read of their concatenation: in Chromium `new Blob(files)` and each `File.size` wait on
 *  the browser process synchronously (Blob::CaptureSnapshot), so a group of 32 held the main thread 50–120 ms, while
 *  reading the same files one by one finishes as soon, in short tasks (tests/bench/web-bench.ts, 1,000 files). */
export async function readGroup(files: readonly File[]): Promise<ReadFile[]> {
  return Promise.all(files.map((file) => readFile(file.name, file)));
}

function readFile(name: string, file: Blob): Promise<Exclude<ReadFile, { file: Blob }>> {
  return file.arrayBuffer().then(
    (buffer) => ({ name, bytes: new Uint8Array(buffer) }),
    (error: unknown) => ({ name, error: toErrorData(error) }),
  );
}

async function decodeRead(core: Core, entry: Exclude<ReadFile, { file: Blob }>): Promise<DecodedFile> {
  const fileName = entry.name;
  if ('error' in entry) return { fileName, failure: failure(fileName, entry.error) };
  try {
    const result = await core.inspect(fileName, entry.bytes);
    if (!result.ok) return { fileName, failure: failure(fileName, result.error) };
    const embedded = result.kind === 'app' && result.app ? core.embeddedProfileFiles(entry.bytes, result.app) : [];
    return { fileName, bytes: entry.bytes, result, embedded };
  } catch (error) {
    return { fileName, failure: failure(fileName, core.toErrorData(error)) };
  }
}

export function failure(fileName: string, error: { code: string; message: string } | null): ImportFailure {
  return { fileName, code: error?.code ?? 'internal', message: error?.message ?? 'Could not be read' };
}
