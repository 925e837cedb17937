// The digests a code signature seals (FIPS 180-4 SHA-1, SHA-256, SHA-384; "SHA-256/20" is Apple's truncated
// CS_HASHTYPE_SHA256_TRUNCATED): through a synchronous digest when there is one (the host's, or the browser path's
// WebAssembly one; core/app/platform.ts), else through the injected WebCrypto. A signature seals thousands of 4 KiB pages and small files: with WebCrypto,
// callers keep many digests in flight at once, since its per-call latency, not hashing, dominates.
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { subtle } from '../cms/crypto';
import { bufferSource } from '../cms/signature';
import { syncDigest, syncHash, type IncrementalDigest } from './platform';

export type SealHash = 'SHA-1' | 'SHA-256' | 'SHA-256/20' | 'SHA-384';

/** The digest at once, when the host installed a synchronous one; null: use `sealDigest`. */
export function sealDigestNow(hash: SealHash, bytes: Uint8Array): Uint8Array | null {
  const digest = syncDigest();
  return digest ? sealed(hash, digest(digestName(hash), bytes)) : null;
}

export async function sealDigest(hash: SealHash, bytes: Uint8Array): Promise<Uint8Array> {
  return sealDigestNow(hash, bytes) ?? sealed(hash, new Uint8Array(await subtle().digest(digestName(hash), bufferSource(bytes))));
}

const digestName = (hash: SealHash) => (hash === 'SHA-256/20' ? 'SHA-256' : hash);
const sealed = (hash: SealHash, digest: Uint8Array) => (hash === 'SHA-256/20' ? digest.subarray(0, 20) : digest);

/** A digest fed piece by piece, for members too large to hold whole (WebCrypto has no incremental digest). */
export type StreamingDigest = IncrementalDigest;

/** True when every member can be hashed while it inflates at the cost of hashing it whole, so none needs holding. */
export function streamsCheaply(): boolean {
  return syncHash() !== null;
}

// Without a synchronous digest (WebAssembly refused by the page's policy), @noble/hashes (audited, dependency-free, browser-safe) rather than WebCrypto: only an
// incremental hash lets a large resource be checked while it inflates without holding it; it costs more CPU per byte,
// so only large members use it.
export function streamingDigest(hash: 'SHA-1' | 'SHA-256'): StreamingDigest {
  const create = syncHash();
  if (create) return create(hash);
  const state = hash === 'SHA-1' ? sha1.create() : sha256.create();
  return { update: (bytes) => void state.update(bytes), digest: () => state.digest() };
}
