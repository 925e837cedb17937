import { zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAppPrimitives, WHOLE_MEMBER_BYTES } from '../../../core/app/platform';
import { decodeZipName, openZip } from '../../../core/app/zip';
import { ProvlensError } from '../../../core/errors';
import { NODE_APP_PRIMITIVES } from '../../../cli/node-primitives';
import { withoutUtf8Flag, withRawName } from '../../fixtures/app-wild';

const utf8 = new TextEncoder();

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof ProvlensError ? error.code : `not a ProvlensError: ${String(error)}`;
  }
}

/** Rewrites the central directory's declared uncompressed size of `name` (APPNOTE 4.3.12, offset 24). */
function understateSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const wanted = utf8.encode(name);
  for (let at = 0; at + 46 < out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50 || view.getUint16(at + 28, true) !== wanted.length) continue;
    if (wanted.every((byte, i) => out[at + 46 + i] === byte)) {
      view.setUint32(at + 24, size, true);
      return out;
    }
  }
  throw new Error(`no central directory entry for ${name}`);
}

async function streamed(zip: ReturnType<typeof openZip>, name: string): Promise<{ found: boolean; bytes: Uint8Array; chunks: number }> {
  const parts: Uint8Array[] = [];
  const found = await zip.stream(name, (chunk) => void parts.push(chunk.slice()));
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((at, part) => (bytes.set(part, at), at + part.length), 0);
  return { found, bytes, chunks: parts.length };
}

describe('openZip', () => {
  const archive = zipSync({
    'Payload/Demo.app/Info.plist': utf8.encode('<plist/>'),
    'Payload/Demo.app/Demo': new Uint8Array(3000).map((_, i) => (i * 7) & 0xff),
    'Payload/Demo.app/Assets.car': new Uint8Array(5000),
  });

  it('lists every member with its declared sizes without inflating any', () => {
    const zip = openZip(archive);
    expect(zip.entries.map((entry) => [entry.name, entry.size])).toEqual([
      ['Payload/Demo.app/Info.plist', 8],
      ['Payload/Demo.app/Demo', 3000],
      ['Payload/Demo.app/Assets.car', 5000],
    ]);
    expect(zip.entries.every((entry) => entry.compression === 8 || entry.compression === 0)).toBe(true);
  });

  it('inflates only the members asked for', () => {
    const read = openZip(archive).read(['Payload/Demo.app/Info.plist', 'Payload/Demo.app/Demo', 'Payload/Absent']);
    expect([...read.keys()].sort()).toEqual(['Payload/Demo.app/Demo', 'Payload/Demo.app/Info.plist']);
    expect(new TextDecoder().decode(read.get('Payload/Demo.app/Info.plist'))).toBe('<plist/>');
    expect(read.get('Payload/Demo.app/Demo')?.[11]).toBe(77);
  });

  it('refuses what is not a ZIP: text, a truncated archive, nothing at all', () => {
    expect(codeOf(() => openZip(utf8.encode('this is not an ipa')))).toBe('not-a-zip');
    expect(codeOf(() => openZip(archive.subarray(0, archive.length - 30)))).toBe('not-a-zip');
    expect(codeOf(() => openZip(new Uint8Array(0)))).toBe('not-a-zip');
  });

  it('refuses member names that escape the archive', () => {
    for (const name of ['Payload/../../evil', '/etc/passwd', 'Payload\\..\\evil', 'C:/Windows/evil.dll']) {
      expect(codeOf(() => openZip(zipSync({ [name]: utf8.encode('x') }))), name).toBe('unsafe-path');
    }
  });

  it('treats a large, highly compressible member as a bomb before inflating it', () => {
    // 8 MiB of zeros deflate to ~8 KiB: a 1000:1 ratio no executable or plist has.
    const bomb = zipSync({ 'Payload/Demo.app/Demo': new Uint8Array(8 * 1024 * 1024) }, { level: 1 });
    const zip = openZip(bomb);
    expect(zip.entries[0]?.compressedSize).toBeLessThan(64 * 1024);
    expect(codeOf(() => zip.read(['Payload/Demo.app/Demo']))).toBe('zip-bomb');
  });

  it('enforces the per-member and total limits on the bytes actually read', () => {
    expect(codeOf(() => openZip(archive, { maxMemberBytes: 4000 }).read(['Payload/Demo.app/Assets.car']))).toBe('zip-bomb');
    const zip = openZip(archive, { maxTotalBytes: 6000 });
    expect(zip.read(['Payload/Demo.app/Assets.car']).size).toBe(1);
    expect(codeOf(() => zip.read(['Payload/Demo.app/Demo']))).toBe('zip-bomb');
    expect(codeOf(() => openZip(archive, { maxEntries: 2 }))).toBe('zip-bomb');
  });

  it('refuses compression methods an .ipa never uses (here LZMA, 14)', () => {
    const stored = zipSync({ 'Payload/Demo.app/Info.plist': utf8.encode('<plist/>') }, { level: 0 });
    const lzma = stored.slice();
    const view = new DataView(lzma.buffer);
    for (let at = 0; at + 4 < lzma.length; at++) {
      const signature = view.getUint32(at, true);
      if (signature === 0x04034b50) view.setUint16(at + 8, 14, true);
      if (signature === 0x02014b50) view.setUint16(at + 10, 14, true);
    }
    const zip = openZip(lzma);
    expect(zip.entries[0]?.compression).toBe(14);
    expect(codeOf(() => zip.read(['Payload/Demo.app/Info.plist']))).toBe('not-a-zip');
    expect(openZip(stored).read(['Payload/Demo.app/Info.plist']).get('Payload/Demo.app/Info.plist')?.length).toBe(8);
  });

  it('never inflates a member past its declared size, even when the directory understates it', () => {
    const lying = understateSize(archive, 'Payload/Demo.app/Assets.car', 100);
    const read = openZip(lying).read(['Payload/Demo.app/Assets.car']);
    expect(read.get('Payload/Demo.app/Assets.car')?.length).toBe(100);
  });

  it("reads the same bytes, and fails the same way, through Node's whole-member inflater as through fflate", () => {
    const damaged = archive.slice();
    const at = damaged.findIndex((_, i) => i > 60 && damaged[i] !== 0);
    damaged.fill(0xff, at, at + 200);
    const names = ['Payload/Demo.app/Info.plist', 'Payload/Demo.app/Assets.car'];
    const outcome = (zip: Uint8Array) => {
      try {
        return [...openZip(zip).read(names)].map(([name, bytes]) => `${name} ${bytes.length} ${Buffer.from(bytes).toString('base64')}`);
      } catch (error) {
        return error instanceof ProvlensError ? `error ${error.code}: ${error.message}` : `thrown ${String(error)}`;
      }
    };
    for (const zip of [archive, understateSize(archive, 'Payload/Demo.app/Assets.car', 100), damaged, zipSync({ 'Payload/Demo.app/Info.plist': [utf8.encode('<plist/>'), { level: 0 }] })]) {
      useAppPrimitives({});
      const fflate = outcome(zip);
      useAppPrimitives(NODE_APP_PRIMITIVES);
      expect(outcome(zip)).toEqual(fflate);
    }
    useAppPrimitives({});
  });

  it('readEach hands out the same bytes and fails the same way as read, on every path, reusing one buffer', () => {
    const damaged = archive.slice();
    const at = damaged.findIndex((_, i) => i > 60 && damaged[i] !== 0);
    damaged.fill(0xff, at, at + 200);
    const names = ['Payload/Demo.app/Info.plist', 'Payload/Demo.app/Demo', 'Payload/Demo.app/Assets.car', 'Payload/Demo.app/absent'];
    const described = (name: string, bytes: Uint8Array) => `${name} ${bytes.length} ${Buffer.from(bytes).toString('base64')}`;
    const outcome = (run: () => string[]) => {
      try {
        return run();
      } catch (error) {
        return error instanceof ProvlensError ? `error ${error.code}: ${error.message}` : `thrown ${String(error)}`;
      }
    };
    const stored = zipSync({ 'Payload/Demo.app/Info.plist': [utf8.encode('<plist/>'), { level: 0 }] });
    const empty = zipSync({ 'Payload/Demo.app/Assets.car': new Uint8Array(0) });
    for (const zip of [archive, understateSize(archive, 'Payload/Demo.app/Assets.car', 100), damaged, stored, empty]) {
      for (const primitives of [{}, NODE_APP_PRIMITIVES]) {
        useAppPrimitives(primitives);
        const read = outcome(() => [...openZip(zip).read(names)].map(([name, bytes]) => described(name, bytes)));
        const each = outcome(() => {
          const seen: string[] = [];
          openZip(zip).readEach(names, (name, bytes) => void seen.push(described(name, bytes)));
          return seen;
        });
        expect(each).toEqual(read);
      }
    }
    // On the browser path a second call writes where the first did: a view kept past its call no longer holds its bytes.
    useAppPrimitives({});
    const zip = openZip(archive);
    let kept: Uint8Array = new Uint8Array(0);
    zip.readEach(['Payload/Demo.app/Assets.car'], (_, bytes) => void (kept = bytes));
    expect(kept[7]).toBe(0);
    zip.readEach(['Payload/Demo.app/Demo'], () => undefined);
    expect(kept[7]).toBe(49);
  });

  describe('stream', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
      useAppPrimitives({});
    });
    // 300 KB that compress poorly: several input pushes, so the stream really is one.
    let seed = 9;
    const large = new Uint8Array(300_000).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24));
    const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((byte, i) => byte === b[i]);
    const big = zipSync({ 'Payload/Demo.app/Demo': large, 'Payload/Demo.app/Info.plist': utf8.encode('<plist/>') });

    it('hands over the same bytes as read, in pieces, with the platform inflater and with fflate', async () => {
      for (const platform of [true, false]) {
        if (!platform) vi.stubGlobal('DecompressionStream', undefined);
        const out = await streamed(openZip(big), 'Payload/Demo.app/Demo');
        expect(out.found).toBe(true);
        expect(same(out.bytes, large)).toBe(true);
        // fflate emits a deflate block once it is whole; zipSync writes this member as one block.
        if (platform) expect(out.chunks).toBeGreaterThan(1);
      }
      const stored = zipSync({ 'Payload/Demo.app/Demo': large }, { level: 0 });
      expect(same((await streamed(openZip(stored), 'Payload/Demo.app/Demo')).bytes, large)).toBe(true);
      expect((await streamed(openZip(big), 'Payload/Absent')).found).toBe(false);
    });

    it('inflates a member too large to hold into one reused buffer on the browser path, piece by piece', async () => {
      const size = WHOLE_MEMBER_BYTES + 1024 * 1024;
      // Noise, so it deflates about as a real resource does (well inside the 100:1 bomb rule).
      let noise = 3;
      const huge = new Uint8Array(size).map(() => ((noise = (Math.imul(noise, 1664525) + 1013904223) >>> 0) >>> 24));
      const zip = openZip(zipSync({ 'Payload/Demo.app/Assets.car': huge }));
      const buffers = new Set<ArrayBufferLike>();
      let at = 0;
      let equal = true;
      await zip.stream('Payload/Demo.app/Assets.car', (piece) => {
        buffers.add(piece.buffer);
        for (let i = 0; i < piece.length; i++) if (piece[i] !== huge[at + i]) equal = false;
        at += piece.length;
      });
      expect(at).toBe(size);
      expect(equal).toBe(true);
      expect(buffers.size).toBe(1);
    });

    it('keeps the limits of read and stops at the declared size of a member that lies about it', async () => {
      const lying = understateSize(big, 'Payload/Demo.app/Demo', 1000);
      expect(same((await streamed(openZip(lying), 'Payload/Demo.app/Demo')).bytes, large.subarray(0, 1000))).toBe(true);
      vi.stubGlobal('DecompressionStream', undefined);
      expect(same((await streamed(openZip(lying), 'Payload/Demo.app/Demo')).bytes, large.subarray(0, 1000))).toBe(true);
      const error = await openZip(big, { maxMemberBytes: 1000 }).stream('Payload/Demo.app/Demo', () => undefined).catch((caught: unknown) => caught);
      expect(error instanceof ProvlensError && error.code).toBe('zip-bomb');
    });

    it('the Node inflater the CLI installs gives the same bytes and keeps the same limits', async () => {
      // A member this size is inflated whole, in one synchronous call; without that inflater, streamed in pieces.
      useAppPrimitives(NODE_APP_PRIMITIVES);
      const whole = await streamed(openZip(big), 'Payload/Demo.app/Demo');
      expect(same(whole.bytes, large)).toBe(true);
      expect(whole.chunks).toBe(1);
      useAppPrimitives({ ...NODE_APP_PRIMITIVES, inflateRawWhole: undefined });
      const out = await streamed(openZip(big), 'Payload/Demo.app/Demo');
      expect(same(out.bytes, large)).toBe(true);
      expect(out.chunks).toBeGreaterThan(1);
      useAppPrimitives(NODE_APP_PRIMITIVES);
      const lying = understateSize(big, 'Payload/Demo.app/Demo', 1000);
      expect(same((await streamed(openZip(lying), 'Payload/Demo.app/Demo')).bytes, large.subarray(0, 1000))).toBe(true);
      const damaged = big.slice();
      const at = damaged.findIndex((_, i) => i > 60 && damaged[i] !== 0);
      damaged.fill(0xff, at, at + 2000);
      const error = await openZip(damaged).stream('Payload/Demo.app/Demo', () => undefined).catch((caught: unknown) => caught);
      expect(error instanceof ProvlensError && error.code).toBe('not-a-zip');
    });

    it('a damaged member is not-a-zip, not an exception of the inflater', async () => {
      const damaged = big.slice();
      const at = damaged.findIndex((_, i) => i > 60 && damaged[i] !== 0);
      damaged.fill(0xff, at, at + 2000);
      const error = await openZip(damaged).stream('Payload/Demo.app/Demo', () => undefined).catch((caught: unknown) => caught);
      expect(error instanceof ProvlensError && error.code).toBe('not-a-zip');
    });
  });

  describe('member names (issue 19)', () => {
    afterEach(() => useAppPrimitives({}));
    const CHINESE = 'Payload/微信.app/微信';
    const content = (name: string) => utf8.encode(`member ${name}`);
    // Apple's tools: UTF-8 bytes, flag unset. fflate would read these as Latin-1 ("å¾®ä¿¡").
    const unflagged = withoutUtf8Flag(zipSync({ [CHINESE]: content(CHINESE), 'Payload/微信.app/Info.plist': utf8.encode('<plist/>') }));
    // An old Windows zip: CP437 bytes (0x82 is é, 0x81 is ü), which are not UTF-8.
    const cp437 = withRawName(zipSync({ 'Payload/Men__.txt': utf8.encode('menu') }), 'Payload/Men__.txt', new Uint8Array([...utf8.encode('Payload/Men'), 0x81, 0x82, ...utf8.encode('.txt')]));

    it('reads names as UTF-8 when they are valid UTF-8, flag or not, and as CP437 otherwise', () => {
      expect(decodeZipName(utf8.encode('Payload/A.app/Info.plist'))).toBe('Payload/A.app/Info.plist');
      expect(decodeZipName(utf8.encode('微信'))).toBe('微信');
      expect(decodeZipName(new Uint8Array([0x80, 0x81, 0x82, 0xe1, 0xff]))).toBe('Çüéß\u00a0');
      expect(openZip(unflagged).entries.map((entry) => entry.name)).toEqual([CHINESE, 'Payload/微信.app/Info.plist']);
      expect(openZip(cp437).entries.map((entry) => entry.name)).toEqual(['Payload/Menüé.txt']);
    });

    it('reads and streams members by those names through every reader: fflate, the whole-member inflater, the stream', async () => {
      for (const primitives of [{}, NODE_APP_PRIMITIVES]) {
        useAppPrimitives(primitives);
        const zip = openZip(unflagged);
        expect(new TextDecoder().decode(zip.read([CHINESE]).get(CHINESE))).toBe(`member ${CHINESE}`);
        expect(new TextDecoder().decode((await streamed(zip, CHINESE)).bytes)).toBe(`member ${CHINESE}`);
        expect(new TextDecoder().decode(openZip(cp437).read(['Payload/Menüé.txt']).get('Payload/Menüé.txt'))).toBe('menu');
      }
    });

    it('finds a member by either Unicode normalization form, and keys what it read by the name asked', async () => {
      const nfd = 'Payload/Café.app/Café'.normalize('NFD');
      const nfc = nfd.normalize('NFC');
      const zip = openZip(zipSync({ [nfd]: utf8.encode('code') }));
      expect(zip.member(nfc)).toBe(nfd);
      expect(zip.member(nfd)).toBe(nfd);
      expect(zip.member('Payload/Cafe.app/Cafe')).toBeNull();
      expect([...zip.read([nfc]).keys()]).toEqual([nfc]);
      expect((await streamed(zip, nfc)).found).toBe(true);
    });
  });
});
