// The executable read once as it streams: the same slices and signatures as reading it whole, page digests equal to
// hashing each page on its own, whatever the chunking, and a second pass when the CodeDirectory wants another plan.
import { beforeAll, describe, expect, it } from 'vitest';
import { scanExecutable, type MemberStream } from '../../../core/app/executable';
import { sealDigest, type SealHash } from '../../../core/app/hash';
import { readMachO } from '../../../core/app/macho';
import { codeSigningIdentity, makeMachO, type CodeSignatureSpec } from '../../fixtures/app-factory';
import type { DevCert, TestPki } from '../../fixtures/factory';
import { appFixtures } from './app-fixtures';

let pki: TestPki;
let developer: DevCert;

beforeAll(async () => {
  // The app tests' Contoso distribution certificate (valid 2025–2028).
  ({ pki, developer } = await appFixtures());
}, 120_000);

const signed = (): CodeSignatureSpec => ({ signer: codeSigningIdentity(pki, developer), identifier: 'com.contoso.field', teamId: 'CONTOSO123' });

/** Hands `bytes` to the scanner in pieces of `size` bytes, as an inflater would. */
function chunked(bytes: Uint8Array, size: number): MemberStream {
  return async (onData) => {
    for (let at = 0; at < bytes.length; at += size) await onData(bytes.subarray(at, at + size));
  };
}

/** As `chunked`, but every piece is written into one buffer, reused: what the browser path's inflater hands out for
 *  a member too large to hold (core/app/zlib-inflate.ts), each piece valid only until the next. */
function reusing(bytes: Uint8Array, size: number): MemberStream {
  const scratch = new Uint8Array(size);
  return async (onData) => {
    for (let at = 0; at < bytes.length; at += size) {
      const piece = bytes.subarray(at, at + size);
      scratch.set(piece);
      await onData(scratch.subarray(0, piece.length));
    }
  };
}

async function pagesOf(slice: Uint8Array, hash: SealHash, pageSize: number, codeLimit: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let at = 0; at < codeLimit; at += pageSize) out.push(await sealDigest(hash, slice.subarray(at, Math.min(at + pageSize, codeLimit))));
  return out;
}

describe('scanExecutable', () => {
  it('finds what readMachO finds in a universal binary, and hashes every page, whatever the chunk size', async () => {
    const binary = await makeMachO({ slices: ['armv7', 'arm64'], signature: signed(), codeBytes: 20_000 });
    const whole = readMachO(binary);
    for (const size of [1, 7, 4096, 5000, binary.length]) {
      const scan = await scanExecutable(chunked(binary, size), binary.length, 'SHA-256');
      expect(scan.fat, `chunks of ${size}`).toBe(true);
      expect(scan.problems).toEqual([]);
      expect(scan.slices.map(({ cpu, offset, size: bytes }) => ({ cpu, offset, size: bytes }))).toEqual(
        whole.slices.map(({ cpu, offset, size: bytes }) => ({ cpu, offset, size: bytes })),
      );
      for (const [i, slice] of scan.slices.entries()) {
        const expected = whole.slices[i]!;
        expect(slice.codeSignature).toEqual(expected.codeSignature);
        const signatureAt = expected.codeSignature!.byteOffset - binary.byteOffset - expected.offset;
        expect(slice.pages?.codeLimit).toBe(signatureAt);
        const code = binary.subarray(expected.offset, expected.offset + expected.size);
        expect(slice.pages?.digests).toEqual(await pagesOf(code, 'SHA-256', 4096, signatureAt));
      }
    }
  });

  it('reads the same from pieces written into one reused buffer: nothing it keeps points into a piece', async () => {
    const binary = await makeMachO({ slices: ['armv7', 'arm64'], signature: signed(), codeBytes: 20_000 });
    for (const size of [1, 7, 100, 5000]) {
      const expected = await scanExecutable(chunked(binary, size), binary.length, 'SHA-256');
      const scan = await scanExecutable(reusing(binary, size), binary.length, 'SHA-256');
      expect(scan.problems, `pieces of ${size}`).toEqual([]);
      expect(scan.slices, `pieces of ${size}`).toEqual(expected.slices);
    }
  });

  it('hashes a slice again with the plan its CodeDirectory names', async () => {
    const binary = await makeMachO({ slices: ['arm64'], signature: signed(), codeBytes: 10_000 });
    const scan = await scanExecutable(chunked(binary, 3000), binary.length, 'SHA-256');
    const digests = await scan.rehash(0, { hash: 'SHA-1', pageSize: 16384, codeLimit: 9000 });
    expect(digests).toEqual(await pagesOf(binary, 'SHA-1', 16384, 9000));
    expect(digests[0]).toHaveLength(20);
  });

  it('an unsigned slice has no pages; a stream that ends early is a problem, not an exception', async () => {
    const unsigned = await makeMachO({ slices: ['x86_64'], signature: null });
    const scan = await scanExecutable(chunked(unsigned, 100), unsigned.length, 'SHA-256');
    expect(scan.slices.map((slice) => [slice.codeSignature, slice.pages])).toEqual([[null, null]]);
    const binary = await makeMachO({ slices: ['armv7', 'arm64'], signature: signed() });
    const cut = await scanExecutable(chunked(binary.subarray(0, 20), 8), binary.length, 'SHA-256');
    expect(cut.slices).toEqual([]);
    expect(cut.problems).toEqual(['The executable is too short to be a Mach-O binary']);
    const text = new TextEncoder().encode('#!/bin/sh\necho hello\n');
    expect((await scanExecutable(chunked(text, 4), text.length, 'SHA-256')).problems).toEqual(['not a Mach-O binary']);
  });
});
