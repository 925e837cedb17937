// Crypto is injected once, as the app does at start-up. Tests that verify with pkijs directly get its engine pointed
// at the same WebCrypto (pkijs mis-detects its engine under Vitest otherwise).
import { useWebCrypto } from '../core/cms/crypto';
import { usePkijsEngine } from './fixtures/pkijs-engine';

useWebCrypto(globalThis.crypto);
usePkijsEngine();
