// Crypto is injected once, as the app does at start-up; pkijs mis-detects its engine under Vitest otherwise.
import { useWebCrypto } from '../core/crypto';

useWebCrypto(globalThis.crypto);
