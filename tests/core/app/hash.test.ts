// The incremental digest used for members too large to hold agrees with WebCrypto's, however the bytes are split; a
// host's synchronous digest (core/app/platform.ts) gives the same seal digests, truncation included.
import { afterEach, describe, expect, it } from 'vitest';
import { sealDigest, sealDigestNow, streamingDigest, streamsCheaply, type SealHash } from '../../../core/app/hash';
import { useAppPrimitives } from '../../../core/app/platform';
import { NODE_APP_PRIMITIVES } from '../../../cli/node-primitives';

afterEach(() => useAppPrimitives({}));
const bytes = new Uint8Array(70_000).map((_, i) => (i * 31 + (i >> 8)) & 0xff);

describe('streamingDigest', () => {
  it('equals the WebCrypto digest of the whole, for SHA-1 and SHA-256, fed in uneven pieces', async () => {
    for (const primitives of [{}, NODE_APP_PRIMITIVES]) {
      useAppPrimitives(primitives);
      for (const hash of ['SHA-1', 'SHA-256'] as const) {
        const state = streamingDigest(hash);
        for (let at = 0, step = 1; at < bytes.length; at += step, step = step * 3 + 1) state.update(bytes.subarray(at, at + step));
        useAppPrimitives({});
        expect(state.digest(), hash).toEqual(await sealDigest(hash, bytes));
        useAppPrimitives(primitives);
      }
    }
  });
});

describe('a host digest', () => {
  it('is used at once and agrees with WebCrypto for every seal hash, SHA-256/20 cut to 20 bytes', async () => {
    expect(sealDigestNow('SHA-256', bytes)).toBeNull();
    expect(streamsCheaply()).toBe(false);
    for (const hash of ['SHA-1', 'SHA-256', 'SHA-256/20', 'SHA-384'] as SealHash[]) {
      const web = await sealDigest(hash, bytes);
      useAppPrimitives(NODE_APP_PRIMITIVES);
      expect(sealDigestNow(hash, bytes), hash).toEqual(web);
      expect(await sealDigest(hash, bytes), hash).toEqual(web);
      useAppPrimitives({});
    }
    expect((await sealDigest('SHA-256/20', bytes)).length).toBe(20);
  });

  it('a host that gives only createHash gets one-shot digests from it', async () => {
    const web = await sealDigest('SHA-256', bytes);
    useAppPrimitives({ createHash: NODE_APP_PRIMITIVES.createHash! });
    expect(streamsCheaply()).toBe(true);
    expect(sealDigestNow('SHA-256', bytes)).toEqual(web);
  });
});
