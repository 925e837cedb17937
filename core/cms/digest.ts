// Message digests (FIPS 180-4), the one primitive both certificates (fingerprints) and signatures need; kept apart so
// that certificate.ts and signature.ts do not import each other. The host's native digest when it installed one
// (core/cms/crypto.ts), else WebCrypto.
import { nativeCrypto, subtle } from './crypto';
import { toHex } from '../bytes';

export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** WebCrypto's types want ArrayBuffer-backed views; profile bytes always are (files and fetches never yield shared memory). */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}

/** The digest of `bytes`. */
export async function digestBytes(hash: HashName, bytes: Uint8Array): Promise<Uint8Array> {
  const native = nativeCrypto();
  return native ? native.digest(hash, bytes) : new Uint8Array(await subtle().digest(hash, bufferSource(bytes)));
}

/** Hex digest of `bytes`. */
export async function digestHex(hash: HashName, bytes: Uint8Array): Promise<string> {
  return toHex(await digestBytes(hash, bytes));
}
