// WebCrypto is injected once by the host (page, extension, Node CLI, tests) and read by the core through `subtle()`.
// The core verifies CMS with WebCrypto directly (core/cms.ts), so it needs no ASN.1 schema engine here.
import { ProvlensError } from './errors';

let injected: Crypto | null = null;

export function useWebCrypto(crypto: Crypto): void {
  injected = crypto;
}

export function webCrypto(): Crypto {
  if (!injected) throw new ProvlensError('crypto-unavailable', 'WebCrypto was not set: call useWebCrypto(crypto) first');
  return injected;
}

export function subtle(): SubtleCrypto {
  return webCrypto().subtle;
}
