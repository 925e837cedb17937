// The platform primitives under Node: for the app check (core/app/platform.ts) node:crypto's native, synchronous,
// incremental hashes and node:zlib's raw inflater (synchronous for members small enough to hold whole); for the CMS
// layer (core/cms/crypto.ts) node:crypto's synchronous digests and signature checks. Installed once at start-up by the
// CLI (and the bench, so it measures what the CLI runs); the core cannot import Node modules, so they live here.
import * as nodeCrypto from 'node:crypto';
import { constants, createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { useAppPrimitives, type AppPrimitives, type DigestName } from '../core/app/platform';
import { useNativeCrypto, useWebCrypto, type NativeCrypto } from '../core/cms/crypto';
import type { HashName } from '../core/cms/digest';

const NODE_HASH: Readonly<Record<DigestName, string>> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384' };
// Inflated bytes per output piece of a streamed member (over 16 MiB). Each piece is a round trip to zlib's thread
// pool: at 64 KiB the 150 MB Assets.car took 0.93–1.02× its floor, at 256 KiB 0.71–0.97×, with the same peak (measured).
const CHUNK_BYTES = 256 * 1024;
// Every piece zlib hands out is a fresh 64 KiB buffer, freed only when V8 next collects its small wrapper, which
// comes late when little else is allocated: a 150 MB member left 24–35 MB of spent pieces resident (measured). A young-
// generation collection (a scavenge, about a millisecond) every 4 MiB streamed frees them: 9 MB beyond the .ipa. Only for streamed members, which are large; none when the flag cannot be set.
const COLLECT_EVERY_BYTES = 4 * 1024 * 1024;
type Collect = (options: { type: 'minor' }) => void;
let collect: Collect | null | undefined;

function collectSpentPieces(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as Collect;
    } catch {
      collect = null;
    }
  }
  collect?.({ type: 'minor' });
}

// zlib's smallest output buffer (Z_MIN_CHUNK).
const MIN_CHUNK_BYTES = 64;

// crypto.hash (Node ≥ 20.12) hashes one input without building a Hash object: a third of the cost per 4 KiB page.
const oneShot: (algorithm: string, bytes: Uint8Array) => Uint8Array = typeof nodeCrypto.hash === 'function'
  ? (algorithm, bytes) => plain(nodeCrypto.hash(algorithm, bytes, 'buffer'))
  : (algorithm, bytes) => plain(createHash(algorithm).update(bytes).digest());

export const NODE_APP_PRIMITIVES: AppPrimitives = {
  createHash(name) {
    const state = createHash(NODE_HASH[name]);
    return {
      update: (bytes) => void state.update(bytes),
      digest: () => plain(state.digest()),
    };
  },
  digest: (name, bytes) => oneShot(NODE_HASH[name], bytes),
  inflateRaw,
  // Never more than `size`: zlib stops with an error past maxOutputLength, and the member is then streamed and cut.
  // One output buffer a byte larger than the member, so zlib fills it once and hands it back without a copy.
  inflateRawWhole: (data, size) => plain(inflateRawSync(data, { maxOutputLength: size, chunkSize: Math.max(size + 1, MIN_CHUNK_BYTES) })),
};

/** A plain Uint8Array, as the default digests return: a Buffer would serialise differently. */
function plain(out: Buffer): Uint8Array {
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

async function* inflateRaw(data: Uint8Array): AsyncGenerator<Uint8Array> {
  // All the input at once: zlib still inflates CHUNK_BYTES at a time and waits for each piece to be read before the
  // next (its readable side's back-pressure), so the output held stays bounded whatever the member's ratio.
  const inflater = createInflateRaw({ chunkSize: CHUNK_BYTES });
  inflater.end(data);
  let sinceCollected = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Uint8Array>) {
      yield chunk;
      sinceCollected += chunk.length;
      if (sinceCollected >= COLLECT_EVERY_BYTES) {
        sinceCollected = 0;
        collectSpentPieces();
      }
    }
  } finally {
    inflater.destroy();
  }
}

const NODE_DIGEST: Readonly<Record<HashName, string>> = { ...NODE_HASH, 'SHA-512': 'sha512' };
const KEY_CACHE_LIMIT = 256;
const keys = new Map<string, KeyObject>();

function publicKey(keyId: string, spki: Uint8Array): KeyObject {
  let key = keys.get(keyId);
  if (!key) {
    key = createPublicKey({ key: Buffer.from(spki.buffer, spki.byteOffset, spki.byteLength), format: 'der', type: 'spki' });
    if (keys.size >= KEY_CACHE_LIMIT) keys.clear();
    keys.set(keyId, key);
  }
  return key;
}

/**
 * The CMS layer's digests and signature checks through node:crypto, synchronously (core/cms/crypto.ts): the same
 * OpenSSL calls Node's WebCrypto makes, without a promise and a thread-pool job per call. ECDSA signatures arrive as
 * r ‖ s (the core's strict DER reader already read them), so both paths accept the same bytes.
 */
export const NODE_NATIVE_CRYPTO: NativeCrypto = {
  digest: (hash, bytes) => oneShot(NODE_DIGEST[hash], bytes),
  verify({ keyId, spki, kind, hash, saltLength, signature, data }) {
    const key = publicKey(keyId, spki);
    const algorithm = NODE_DIGEST[hash];
    if (kind === 'rsa-pkcs1') return verify(algorithm, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
    if (kind === 'rsa-pss') return verify(algorithm, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, signature);
    return verify(algorithm, data, { key, dsaEncoding: 'ieee-p1363' }, signature);
  },
};

/** What the CLI runs on, installed once at start-up: Node's WebCrypto, node:crypto's synchronous digests and checks, node:zlib. */
export function useNodePlatform(): void {
  useWebCrypto(globalThis.crypto);
  useNativeCrypto(NODE_NATIVE_CRYPTO);
  useAppPrimitives(NODE_APP_PRIMITIVES);
}
