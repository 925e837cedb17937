// The platform primitives the app check runs on, injected once by the host like WebCrypto (core/cms/crypto.ts): a
// synchronous incremental digest (FIPS 180-4) and a raw-DEFLATE inflater (RFC 1951). The defaults are the browser's:
// WebCrypto for digests (asynchronous, one call per input) and DecompressionStream (fflate where it is missing).
// Why injectable: under Node a native, synchronous, incremental hash (node:crypto) and node:zlib are several times
// cheaper per 4 KiB page than a WebCrypto promise, and the core may not import Node modules; the CLI installs them.
import { Inflate } from 'fflate';

export type DigestName = 'SHA-1' | 'SHA-256' | 'SHA-384';

/** A digest fed piece by piece; `digest` is called once, after the last `update`. */
export interface IncrementalDigest {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

export interface AppPrimitives {
  /** A synchronous incremental digest; when absent, digests go through WebCrypto (and @noble/hashes for streams). */
  createHash?: (name: DigestName) => IncrementalDigest;
  /** One input's digest at once (what a 4 KiB code page needs); defaults to `createHash` fed once. */
  digest?: (name: DigestName, bytes: Uint8Array) => Uint8Array;
  /**
   * Inflates raw DEFLATE data, yielding its output in order in pieces of bounded size. The caller cuts the output at
   * the member's declared size and stops iterating there; a damaged stream throws.
   */
  inflateRaw?: (data: Uint8Array) => AsyncIterable<Uint8Array>;
}

let injected: AppPrimitives = {};

/** Installs the host's primitives (absent members fall back to the browser defaults); `{}` restores the defaults. */
export function useAppPrimitives(primitives: AppPrimitives): void {
  injected = { ...primitives };
}

/** The injected synchronous one-shot digest, or null: callers then use WebCrypto. */
export function syncDigest(): ((name: DigestName, bytes: Uint8Array) => Uint8Array) | null {
  const { digest, createHash } = injected;
  if (digest) return digest;
  if (!createHash) return null;
  return (name, bytes) => {
    const state = createHash(name);
    state.update(bytes);
    return state.digest();
  };
}

/** The injected synchronous incremental digest, or null: callers then use WebCrypto. */
export function syncHash(): ((name: DigestName) => IncrementalDigest) | null {
  return injected.createHash ?? null;
}

export function inflateRaw(data: Uint8Array): AsyncIterable<Uint8Array> {
  if (injected.inflateRaw) return injected.inflateRaw(data);
  // Native zlib where the platform has it (every current browser, Node ≥ 18): several times faster than fflate's
  // streaming Inflate and far less garbage (measured: 9.6 vs 36 MB peak for a 7.7 MB executable).
  return typeof DecompressionStream === 'function' ? inflateWithStream(data) : inflateWithFflate(data);
}

// Input is pushed in slices this size: each push yields at most ~maxRatio times as much output to hold at once.
export const PUSH_BYTES = 64 * 1024;

async function* inflateWithStream(data: Uint8Array): AsyncGenerator<Uint8Array> {
  const inflater = new DecompressionStream('deflate-raw');
  const writer = inflater.writable.getWriter();
  const writing = (async () => {
    for (let at = 0; at < data.length; at += PUSH_BYTES) {
      await writer.ready;
      await writer.write(data.subarray(at, Math.min(at + PUSH_BYTES, data.length)) as Uint8Array<ArrayBuffer>);
    }
    await writer.close();
  })();
  writing.catch(() => undefined);
  const reader = inflater.readable.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

async function* inflateWithFflate(data: Uint8Array): AsyncGenerator<Uint8Array> {
  let out: Uint8Array[] = [];
  const inflater = new Inflate((chunk) => void out.push(chunk));
  for (let at = 0; at < data.length; at += PUSH_BYTES) {
    const end = Math.min(at + PUSH_BYTES, data.length);
    inflater.push(data.subarray(at, end), end === data.length);
    const ready = out;
    out = [];
    yield* ready;
  }
}
