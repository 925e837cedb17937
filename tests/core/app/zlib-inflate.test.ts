// The browser path's inflater for members too large to hold: the same bytes as zlib (node:zlib here) on every kind
// of DEFLATE data — random, repetitive, empty, every level — and an error exactly where zlib has one (truncated or
// damaged data), bytes after the stream's end ignored as zlib ignores them; every piece at most OUT_BYTES and a view
// of the same buffer, so what it holds does not grow with the member.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflatePieces, inflatePiecesSync, OUT_BYTES } from '../../../core/app/zlib-inflate';

let seed = 7;
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);

function source(kind: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    bytes[i] = kind === 0 ? random() * 256 : kind === 1 ? i % 251 : kind === 2 ? (random() < 0.9 ? 65 : random() * 256) : 0;
  }
  return bytes;
}

/** Every piece copied out, or the error's message. */
function ours(data: Uint8Array): { bytes: Uint8Array; pieces: Uint8Array[] } | { error: string } {
  const pieces: Uint8Array[] = [];
  const copies: Uint8Array[] = [];
  try {
    for (const piece of inflatePiecesSync(data)) {
      pieces.push(piece);
      copies.push(piece.slice());
    }
  } catch (error) {
    return { error: (error as Error).message };
  }
  const bytes = new Uint8Array(copies.reduce((sum, piece) => sum + piece.length, 0));
  copies.reduce((at, piece) => (bytes.set(piece, at), at + piece.length), 0);
  return { bytes, pieces };
}

function zlib(data: Uint8Array): Uint8Array | null {
  try {
    return new Uint8Array(inflateRawSync(data));
  } catch {
    return null;
  }
}

describe('inflatePiecesSync', () => {
  it('gives zlib\'s bytes for random, repetitive, mixed and empty data at every level', () => {
    for (let i = 0; i < 80; i++) {
      const plain = source(i % 4, Math.floor(random() ** 3 * 600_000));
      const out = ours(new Uint8Array(deflateRawSync(plain, { level: i % 10 })));
      expect('bytes' in out && Buffer.compare(out.bytes, plain), `case ${i}`).toBe(0);
    }
  });

  it('fails where zlib fails and agrees where it does not, on truncated, damaged and over-long data', () => {
    let failures = 0;
    for (let i = 0; i < 120; i++) {
      const plain = source(i % 4, 1 + Math.floor(random() * 200_000));
      let data = new Uint8Array(deflateRawSync(plain, { level: 1 + (i % 9) }));
      if (i % 3 === 0) data = data.subarray(0, Math.floor(data.length * random()));
      else if (i % 3 === 1) {
        data = data.slice();
        data[Math.floor(random() * data.length)]! ^= 1 << Math.floor(random() * 8);
      } else {
        const longer = new Uint8Array(data.length + 16).fill(0x5a);
        longer.set(data);
        data = longer;
      }
      const expected = zlib(data);
      const out = ours(data);
      if (expected === null) {
        failures += 1;
        expect('error' in out, `case ${i}`).toBe(true);
      } else expect('bytes' in out && Buffer.compare(out.bytes, expected), `case ${i}`).toBe(0);
    }
    // The cases above really include failures (every truncation but the few that cut nothing): not vacuous.
    expect(failures).toBeGreaterThan(20);
  });

  it('names data that ends before its last block', () => {
    const data = new Uint8Array(deflateRawSync(source(0, 100_000)));
    expect(ours(data.subarray(0, data.length - 100))).toEqual({ error: 'The DEFLATE data ends before its last block' });
    expect(ours(new Uint8Array(0))).toEqual({ error: 'The DEFLATE data ends before its last block' });
  });

  it('hands out pieces of at most OUT_BYTES, every one a view of the same buffer', () => {
    const plain = new Uint8Array(5 * 1024 * 1024);
    const out = ours(new Uint8Array(deflateRawSync(plain)));
    if (!('pieces' in out)) throw new Error(out.error);
    expect(out.bytes.length).toBe(plain.length);
    expect(out.pieces.length).toBeGreaterThanOrEqual(plain.length / OUT_BYTES);
    expect(Math.max(...out.pieces.map((piece) => piece.length))).toBeLessThanOrEqual(OUT_BYTES);
    expect(new Set(out.pieces.map((piece) => piece.buffer)).size).toBe(1);
  });
});

describe('inflatePieces', () => {
  it('yields the same pieces asynchronously', async () => {
    const plain = source(1, 300_000);
    const pieces: Uint8Array[] = [];
    for await (const piece of inflatePieces(new Uint8Array(deflateRawSync(plain)))) pieces.push(piece.slice());
    expect(Buffer.compare(Buffer.concat(pieces), plain)).toBe(0);
  });
});
