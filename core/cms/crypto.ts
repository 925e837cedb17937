// WebCrypto is injected once by the host (page, extension, Node CLI, tests) and read by the core through `subtle()`.
// The core verifies CMS with WebCrypto directly (core/cms/cms.ts), so it needs no ASN.1 schema engine here.
// A host with synchronous native crypto (the CLI: node:crypto) may also inject it (`useNativeCrypto`): digests and
// signature checks then answer at once, with no promise, thread-pool hop or key import per call. Under Node that is
// most of a check's cost beyond inflating and hashing (measured: an app check 1.5–1.8× its floor with Node's WebCrypto,
// 1.2× with node:crypto). Results are the same either way (tests/cli/node-primitives.test.ts).
import { ProvlensError } from '../errors';
import type { HashName } from './digest';

/** One signature to check: the allow-listed scheme, the signer's SubjectPublicKeyInfo (DER) and the signed bytes. */
export interface NativeVerification {
  /** Names the key for caching (the certificate's SHA-256). */
  keyId: string;
  spki: Uint8Array;
  kind: 'rsa-pkcs1' | 'rsa-pss' | 'ecdsa';
  hash: HashName;
  /** RSASSA-PSS only. */
  saltLength?: number;
  /** RSA: the signature as carried; ECDSA: r ‖ s, fixed width (IEEE P1363), as WebCrypto takes it. */
  signature: Uint8Array;
  data: Uint8Array;
}

/** Synchronous crypto of the host's; either call may throw, which counts as "does not verify" / falls back. */
export interface NativeCrypto {
  digest(hash: HashName, bytes: Uint8Array): Uint8Array;
  verify(check: NativeVerification): boolean;
}

let injected: Crypto | null = null;
let native: NativeCrypto | null = null;

export function useWebCrypto(crypto: Crypto): void {
  injected = crypto;
}

/** Installs (or, with null, removes) the host's synchronous crypto; WebCrypto is used wherever none is installed. */
export function useNativeCrypto(crypto: NativeCrypto | null): void {
  native = crypto;
}

export function nativeCrypto(): NativeCrypto | null {
  return native;
}

export function webCrypto(): Crypto {
  // A host that injects nothing gets the platform's WebCrypto (browsers, workers, Node 20+ all have it), so the core
  // works as a library without set-up; injection stays for tests and hosts that must choose.
  const crypto = injected ?? (globalThis as { crypto?: Crypto }).crypto;
  if (!crypto?.subtle) throw new ProvlensError('crypto-unavailable', 'WebCrypto was not set: call useWebCrypto(crypto) first');
  return crypto;
}

export function subtle(): SubtleCrypto {
  return webCrypto().subtle;
}
