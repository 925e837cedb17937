// The browser path's synchronous digests (FIPS 180-4 SHA-1, SHA-256, SHA-384) from hash-wasm: hand-written
// WebAssembly, MIT, no dependencies, one small module per hash. Why not WebCrypto: it has no incremental digest (a
// 150 MB resource would have to be held whole) and costs a promise per call (a 4 KiB code page); why not
// @noble/hashes: measured 5–8× slower in Chromium (35–63 MB/s against 290 MB/s). Compiling WebAssembly needs the
// page's CSP to allow 'wasm-unsafe-eval'; where it does not (or WebAssembly is missing), loading fails once, quietly,
// and the check keeps WebCrypto and @noble/hashes.
import { createSHA1, createSHA256, createSHA384, type IHasher } from 'hash-wasm';
import type { DigestName, IncrementalDigest } from './platform';

export interface SyncDigests {
  createHash(name: DigestName): IncrementalDigest;
  digest(name: DigestName, bytes: Uint8Array): Uint8Array;
}

let loading: Promise<SyncDigests | null> | null = null;

/** The WebAssembly digests, loaded (compiled) once; null where WebAssembly cannot run here. */
export function loadWasmDigests(): Promise<SyncDigests | null> {
  loading ??= loadAll().catch(() => null);
  return loading;
}

async function loadAll(): Promise<SyncDigests> {
  // Two instances per hash: one for one-shot digests (code pages), one shared by the incremental ones.
  const [oneShot, streams] = await Promise.all([hashers(), hashers()]);
  return {
    digest(name, bytes) {
      const hasher = oneShot[name];
      hasher.init();
      hasher.update(bytes);
      return hasher.digest('binary');
    },
    createHash: (name) => new SharedStateDigest(streams[name]),
  };
}

async function hashers(): Promise<Record<DigestName, IHasher>> {
  const [sha1, sha256, sha384] = await Promise.all([createSHA1(), createSHA256(), createSHA384()]);
  return { 'SHA-1': sha1, 'SHA-256': sha256, 'SHA-384': sha384 };
}

// One WebAssembly instance serves any number of digests in progress (two apps checked at once interleave at every
// await): the digest that last fed it owns its state; another saves that state before taking the instance over.
const owners = new WeakMap<IHasher, SharedStateDigest>();

class SharedStateDigest implements IncrementalDigest {
  private saved: Uint8Array | null = null;

  constructor(private readonly hasher: IHasher) {}

  update(bytes: Uint8Array): void {
    this.own().update(bytes);
  }

  digest(): Uint8Array {
    const out = this.own().digest('binary');
    owners.delete(this.hasher);
    return out;
  }

  private own(): IHasher {
    const owner = owners.get(this.hasher);
    if (owner === this) return this.hasher;
    if (owner) owner.saved = this.hasher.save();
    if (this.saved) this.hasher.load(this.saved);
    else this.hasher.init();
    this.saved = null;
    owners.set(this.hasher, this);
    return this.hasher;
  }
}
