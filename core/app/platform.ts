// The platform primitives the app check runs on, injected once by the host like WebCrypto (core/cms/crypto.ts): a
// synchronous incremental digest (FIPS 180-4) and a raw-DEFLATE inflater (RFC 1951). The defaults are the browser's:
// hash-wasm's synchronous digests (wasm-digest.ts) where WebAssembly may run, else WebCrypto (asynchronous, one call
// per input); DecompressionStream for inflating (fflate where it is missing), and for a member too large to hold
// (over WHOLE_MEMBER_BYTES) pako's port of zlib writing into one reused buffer (zlib-inflate.ts).
// Why injectable: under Node a native, synchronous, incremental hash (node:crypto) and node:zlib are several times
// cheaper per 4 KiB page than anything in JavaScript, and the core may not import Node modules; the CLI installs them.
import { Inflate } from 'fflate';
import { loadWasmDigests, type SyncDigests } from './wasm-digest';
import { inflatePieces } from './zlib-inflate';

export type DigestName = 'SHA-1' | 'SHA-256' | 'SHA-384';

/** A digest fed piece by piece; `digest` is called once, after the last `update`. */
export interface IncrementalDigest {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

export interface AppPrimitives {
  /** A synchronous incremental digest; when absent, the WebAssembly digests, else WebCrypto (and @noble/hashes for streams). */
  createHash?: (name: DigestName) => IncrementalDigest;
  /** One input's digest at once (what a 4 KiB code page needs); defaults to `createHash` fed once. */
  digest?: (name: DigestName, bytes: Uint8Array) => Uint8Array;
  /**
   * Inflates raw DEFLATE data, yielding its output in order in pieces of bounded size. The caller cuts the output at
   * the member's declared size and stops iterating there; a damaged stream throws. A piece need only stay valid until
   * the next is asked for: consumers copy what they keep.
   */
  inflateRaw?: (data: Uint8Array) => AsyncIterable<Uint8Array>;
  /**
   * Inflates a whole member at once, synchronously, up to `size` bytes; throws when it cannot (damaged data, more
   * than `size`): the member is then streamed through `inflateRaw`, which names the fault. Used only for members
   * small enough to hold (WHOLE_MEMBER_BYTES). Absent: every member is streamed.
   */
  inflateRawWhole?: (data: Uint8Array, size: number) => Uint8Array;
  /**
   * Without `createHash`: whether to load the WebAssembly digests (default true). false keeps WebCrypto and
   * @noble/hashes, the path before them (the tests compare both).
   */
  wasmDigests?: boolean;
  /**
   * Gives the event loop back (a macrotask), for a check on a page's main thread: the extension's panel in the portal.
   * Without it a large app holds the thread for seconds in one task, as the inflate stream's pieces arrive as
   * microtasks. A check pauses about every PAUSE_EVERY_MS of work. Absent (workers, Node): never.
   */
  pause?: () => Promise<void>;
}

let injected: AppPrimitives = {};
let wasm: SyncDigests | null = null;

/** Installs the host's primitives (absent members fall back to the browser defaults); `{}` restores the defaults. */
export function useAppPrimitives(primitives: AppPrimitives): void {
  injected = { ...primitives };
}

/** Work between two pauses, when the host asked for pauses: a task this long still lets the page answer input. */
export const PAUSE_EVERY_MS = 30;
let lastPause = 0;

/** A pause when one is due, else null (no promise: called for every streamed piece). */
export function pauseIfDue(): Promise<void> | null {
  const pause = injected.pause;
  if (!pause) return null;
  const now = performance.now();
  if (now - lastPause < PAUSE_EVERY_MS) return null;
  lastPause = now;
  return pause().then(() => void (lastPause = performance.now()));
}

/** Loads what the defaults need before a check (the WebAssembly digests, once); a no-op when the host gave its own. */
export async function preparePrimitives(): Promise<void> {
  if (injected.createHash || injected.wasmDigests === false) return;
  wasm ??= await loadWasmDigests();
}

const wasmDigests = (): SyncDigests | null => (injected.createHash || injected.wasmDigests === false ? null : wasm);

/** The synchronous one-shot digest (the host's, else the WebAssembly one), or null: callers then use WebCrypto. */
export function syncDigest(): ((name: DigestName, bytes: Uint8Array) => Uint8Array) | null {
  const { digest, createHash } = injected;
  if (digest) return digest;
  if (!createHash) return wasmDigests()?.digest ?? null;
  return (name, bytes) => {
    const state = createHash(name);
    state.update(bytes);
    return state.digest();
  };
}

/** The synchronous incremental digest (the host's, else the WebAssembly one), or null: callers then use WebCrypto. */
export function syncHash(): ((name: DigestName) => IncrementalDigest) | null {
  return injected.createHash ?? wasmDigests()?.createHash ?? null;
}

// Members up to this size are inflated whole where the host can do it synchronously: one native call instead of a
// stream whose every piece waits on a thread pool. Bounded so what is held stays well inside 32 MB beyond the .ipa.
export const WHOLE_MEMBER_BYTES = 16 * 1024 * 1024;

export const hasWholeInflater = (): boolean => injected.inflateRawWhole !== undefined;

/** The member inflated at once by the host, cut at `size`; null when the host has no such inflater or it failed. */
export function inflateRawWhole(data: Uint8Array, size: number): Uint8Array | null {
  const whole = injected.inflateRawWhole;
  if (!whole || size === 0 || size > WHOLE_MEMBER_BYTES) return null;
  try {
    const out = whole(data, size);
    return out.length > size ? out.subarray(0, size) : out;
  } catch {
    return null; // streamed instead, which names the fault
  }
}

/** The member's inflated pieces, in order; `size` is what the archive declares it inflates to. Each piece is valid
 *  until the next is asked for. */
export function inflateRaw(data: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  if (injected.inflateRaw) return injected.inflateRaw(data);
  // A member too large to hold is inflated into one reused buffer (zlib-inflate.ts): every other inflater here hands
  // out a fresh buffer per piece, and the page would hold tens of MB of spent pieces before a collection. Smaller
  // members keep the browser's native inflater, faster on code (1.2–1.3× the check's time on real apps with pako).
  if (size > WHOLE_MEMBER_BYTES) return inflatePieces(data);
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
    // Waits for room (the stream's back-pressure), not for each piece to be inflated: awaiting every write made the
    // inflater idle while the reader hashed, and cost 1.4× on a 150 MB member (measured under Node's stream).
    for (let at = 0; at < data.length; at += PUSH_BYTES) {
      await writer.ready;
      writer.write(data.subarray(at, Math.min(at + PUSH_BYTES, data.length)) as Uint8Array<ArrayBuffer>).catch(() => undefined);
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
