// The digests a code signature seals (FIPS 180-4 SHA-1, SHA-256, SHA-384; "SHA-256/20" is Apple's truncated
// CS_HASHTYPE_SHA256_TRUNCATED), through the injected WebCrypto. A signature seals thousands of 4 KiB pages and small
// files: callers keep many digests in flight at once, since WebCrypto's per-call latency, not hashing, dominates.
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { subtle } from '../cms/crypto';
import { bufferSource } from '../cms/signature';

export type SealHash = 'SHA-1' | 'SHA-256' | 'SHA-256/20' | 'SHA-384';

export async function sealDigest(hash: SealHash, bytes: Uint8Array): Promise<Uint8Array> {
  const name = hash === 'SHA-256/20' ? 'SHA-256' : hash;
  const out = new Uint8Array(await subtle().digest(name, bufferSource(bytes)));
  return hash === 'SHA-256/20' ? out.subarray(0, 20) : out;
}

/** A digest fed piece by piece, for members too large to hold whole (WebCrypto has no incremental digest). */
export interface StreamingDigest {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

// @noble/hashes (audited, dependency-free, browser-safe) rather than WebCrypto: only an incremental hash lets a large
// resource be checked while it inflates without holding it; it costs more CPU per byte, so only large members use it.
export function streamingDigest(hash: 'SHA-1' | 'SHA-256'): StreamingDigest {
  const state = hash === 'SHA-1' ? sha1.create() : sha256.create();
  return { update: (bytes) => void state.update(bytes), digest: () => state.digest() };
}
