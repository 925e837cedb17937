// The incremental digest used for members too large to hold agrees with WebCrypto's, however the bytes are split.
import { describe, expect, it } from 'vitest';
import { sealDigest, streamingDigest } from '../../../core/app/hash';

describe('streamingDigest', () => {
  it('equals the WebCrypto digest of the whole, for SHA-1 and SHA-256, fed in uneven pieces', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31 + (i >> 8)) & 0xff);
    for (const hash of ['SHA-1', 'SHA-256'] as const) {
      const state = streamingDigest(hash);
      for (let at = 0, step = 1; at < bytes.length; at += step, step = step * 3 + 1) state.update(bytes.subarray(at, at + step));
      expect(state.digest(), hash).toEqual(await sealDigest(hash, bytes));
    }
  });
});
