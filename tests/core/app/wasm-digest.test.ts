// The browser path's WebAssembly digests (core/app/wasm-digest.ts) must equal WebCrypto's, whole or in pieces, and
// keep digests in progress apart when several share one WebAssembly instance (two apps checked at once).
import { describe, expect, it } from 'vitest';
import { loadWasmDigests } from '../../../core/app/wasm-digest';
import type { DigestName } from '../../../core/app/platform';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const NAMES: DigestName[] = ['SHA-1', 'SHA-256', 'SHA-384'];
const webCryptoHex = async (name: DigestName, bytes: Uint8Array) => hex(new Uint8Array(await crypto.subtle.digest(name, bytes as Uint8Array<ArrayBuffer>)));

describe('WebAssembly digests', () => {
  const bytes = new Uint8Array(100_000).map((_, i) => (i * 131 + (i >> 7)) & 0xff);

  it('load here (Node runs WebAssembly) and hash as WebCrypto does, at once and in pieces', async () => {
    const wasm = await loadWasmDigests();
    expect(wasm).not.toBeNull();
    for (const name of NAMES) {
      const expected = await webCryptoHex(name, bytes);
      expect(hex(wasm!.digest(name, bytes))).toBe(expected);
      const state = wasm!.createHash(name);
      for (let at = 0; at < bytes.length; at += 7_001) state.update(bytes.subarray(at, at + 7_001));
      const out = state.digest();
      expect(Object.getPrototypeOf(out)).toBe(Uint8Array.prototype);
      expect(hex(out)).toBe(expected);
    }
  });

  it('keep interleaved digests apart, with one-shot digests in between', async () => {
    const wasm = (await loadWasmDigests())!;
    const other = bytes.map((byte) => byte ^ 0x5a);
    const a = wasm.createHash('SHA-256');
    const b = wasm.createHash('SHA-256');
    const pages: string[] = [];
    for (let at = 0; at < bytes.length; at += 4096) {
      a.update(bytes.subarray(at, at + 4096));
      pages.push(hex(wasm.digest('SHA-256', other.subarray(at, at + 4096))));
      b.update(other.subarray(at, at + 4096));
    }
    const empty = wasm.createHash('SHA-256');
    expect(hex(b.digest())).toBe(await webCryptoHex('SHA-256', other));
    expect(hex(a.digest())).toBe(await webCryptoHex('SHA-256', bytes));
    expect(hex(empty.digest())).toBe(await webCryptoHex('SHA-256', new Uint8Array(0)));
    expect(pages[3]).toBe(await webCryptoHex('SHA-256', other.subarray(3 * 4096, 4 * 4096)));
  });
});
