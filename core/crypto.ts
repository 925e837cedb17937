// WebCrypto is injected once by the host (page, extension, Node CLI, tests) and read by the core through `subtle()`.
// pkijs gets the same engine explicitly: its auto-detection picks the wrong global under Vitest.
import * as pkijs from 'pkijs';
import { ProvlensError } from './errors';

let injected: Crypto | null = null;

export function useWebCrypto(crypto: Crypto): void {
  if (injected === crypto) return;
  injected = crypto;
  pkijs.setEngine('webcrypto', new pkijs.CryptoEngine({ name: 'webcrypto', crypto }));
}

export function webCrypto(): Crypto {
  if (!injected) throw new ProvlensError('crypto-unavailable', 'WebCrypto was not set: call useWebCrypto(crypto) first');
  return injected;
}

export function subtle(): SubtleCrypto {
  return webCrypto().subtle;
}
