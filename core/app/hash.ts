// The digests a code signature seals (FIPS 180-4 SHA-1, SHA-256, SHA-384; "SHA-256/20" is Apple's truncated
// CS_HASHTYPE_SHA256_TRUNCATED), through the injected WebCrypto. A signature seals thousands of 4 KiB pages and small
// files: callers keep many digests in flight at once, since WebCrypto's per-call latency, not hashing, dominates.
import { subtle } from '../cms/crypto';
import { bufferSource } from '../cms/signature';

export type SealHash = 'SHA-1' | 'SHA-256' | 'SHA-256/20' | 'SHA-384';

export async function sealDigest(hash: SealHash, bytes: Uint8Array): Promise<Uint8Array> {
  const name = hash === 'SHA-256/20' ? 'SHA-256' : hash;
  const out = new Uint8Array(await subtle().digest(name, bufferSource(bytes)));
  return hash === 'SHA-256/20' ? out.subarray(0, 20) : out;
}
