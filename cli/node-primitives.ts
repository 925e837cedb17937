// The app check's platform primitives under Node (core/app/platform.ts): node:crypto's native, synchronous,
// incremental hashes and node:zlib's raw inflater. Installed once at start-up by the CLI (and the bench, so it
// measures what the CLI runs); the core cannot import Node modules, so they live here.
import * as nodeCrypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { createInflateRaw } from 'node:zlib';
import type { AppPrimitives, DigestName } from '../core/app/platform';

const NODE_HASH: Readonly<Record<DigestName, string>> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384' };
// Inflated bytes per output piece.
const CHUNK_BYTES = 64 * 1024;

export const NODE_APP_PRIMITIVES: AppPrimitives = {
  createHash(name) {
    const state = createHash(NODE_HASH[name]);
    return {
      update: (bytes) => void state.update(bytes),
      digest: () => plain(state.digest()),
    };
  },
  // crypto.hash (Node ≥ 20.12) hashes one input without building a Hash object: a third of the cost per 4 KiB page.
  digest: typeof nodeCrypto.hash === 'function'
    ? (name, bytes) => plain(nodeCrypto.hash(NODE_HASH[name], bytes, 'buffer'))
    : (name, bytes) => plain(createHash(NODE_HASH[name]).update(bytes).digest()),
  inflateRaw,
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
  try {
    for await (const chunk of inflater) yield chunk as Uint8Array;
  } finally {
    inflater.destroy();
  }
}
