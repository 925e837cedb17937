import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openZip } from '../../../core/app/zip';
import { ProvlensError } from '../../../core/errors';

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
});
