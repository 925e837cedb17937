// One unit of import work: read a group of files and decode each. The same code runs in a decode worker
// (decode-worker.ts) and, where Workers are unavailable, on the main thread (decode-pool.ts), so both paths give the
// same results. Results are plain data (structured-cloneable), and each file's bytes travel with its result because
// the library stores the bytes.
import type * as CoreModule from '../../core/index';
import type { InspectResult } from '../../core/types';

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

type Read = { file: File; bytes: Uint8Array } | { file: File; error: unknown };

export async function decodeGroup(core: Core, files: readonly File[]): Promise<DecodedFile[]> {
  const read = await readGroup(files);
  // Concurrently: one file's WebCrypto verification overlaps the next one's parsing.
  return Promise.all(read.map((entry) => decodeRead(core, entry)));
}

/** Every buffer a group's results hold, to transfer rather than copy them out of a worker. */
export function transferables(decoded: readonly DecodedFile[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const entry of decoded) {
    if ('failure' in entry) continue;
    for (const bytes of [entry.bytes, ...entry.embedded.map((member) => member.bytes)]) {
      if (bytes.buffer instanceof ArrayBuffer) buffers.add(bytes.buffer);
    }
  }
  return [...buffers];
}

/** Reads a group's files with one read of their concatenation: in Chromium each File read is a round-trip to the
 *  browser process, and those round-trips, not the bytes, dominated a 1,000-file import. If the combined read
 *  fails (a file vanished or changed since it was picked), each file is read alone so only that one is listed. */
async function readGroup(files: readonly File[]): Promise<Read[]> {
  try {
    const all = new Uint8Array(await new Blob(files as File[]).arrayBuffer());
    let offset = 0;
    return files.map((file) => {
      // A copy, not a view: storing (or transferring) a view would carry the whole group's buffer with each profile.
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

async function decodeRead(core: Core, entry: Read): Promise<DecodedFile> {
  const fileName = entry.file.name;
  try {
    if ('error' in entry) throw entry.error;
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
