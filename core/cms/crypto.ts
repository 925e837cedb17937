// WebCrypto is injected once by the host (page, extension, Node CLI, tests) and read by the core through `subtle()`.
// The core verifies CMS with WebCrypto directly (core/cms/cms.ts), so it needs no ASN.1 schema engine here.
import { ProvlensError } from '../errors';

let injected: Crypto | null = null;

export function useWebCrypto(crypto: Crypto): void {
  injected = crypto;
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
