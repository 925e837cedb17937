// Message digests through WebCrypto (FIPS 180-4), the one primitive both certificates (fingerprints) and signatures
// need; kept apart so that certificate.ts and signature.ts do not import each other.
import { subtle } from './crypto';
import { toHex } from '../bytes';

export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** WebCrypto's types want ArrayBuffer-backed views; profile bytes always are (files and fetches never yield shared memory). */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}

/** Hex digest of `bytes`. */
export async function digestHex(hash: HashName, bytes: Uint8Array): Promise<string> {
  return toHex(await subtle().digest(hash, bufferSource(bytes)));
}
