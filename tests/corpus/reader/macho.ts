// Mach-O as <mach-o/loader.h> and <mach-o/fat.h> lay it out: a fat header (big-endian, 32- or 64-bit arch entries)
// or one thin image; in each image the LC_CODE_SIGNATURE load command's (dataoff, datasize).
export interface Slice {
  cpu: string;
  /** The slice's bytes (a view into the file). */
  bytes: Uint8Array;
  /** Its code signature superblob, or null when it has no LC_CODE_SIGNATURE. */
  signature: Uint8Array | null;
}

const CPU: Record<number, string> = { 7: 'i386', 12: 'arm', 0x01000007: 'x86_64', 0x0100000c: 'arm64', 0x0200000c: 'arm64_32' };

export function isMachO(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  const magic = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(0, false);
  return [0xcafebabe, 0xcafebabf, 0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(magic);
}

export function slices(bytes: Uint8Array): Slice[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic === 0xcafebabe || magic === 0xcafebabf) {
    const wide = magic === 0xcafebabf;
    const count = view.getUint32(4, false);
    const out: Slice[] = [];
    for (let i = 0; i < count; i++) {
      const at = 8 + i * (wide ? 32 : 20);
      const offset = wide ? Number(view.getBigUint64(at + 8, false)) : view.getUint32(at + 8, false);
      const size = wide ? Number(view.getBigUint64(at + 16, false)) : view.getUint32(at + 12, false);
      out.push(thin(bytes.subarray(offset, offset + size)));
    }
    return out;
  }
  return [thin(bytes)];
}

function thin(bytes: Uint8Array): Slice {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  if (magic !== 0xfeedface && magic !== 0xfeedfacf) throw new Error('not a Mach-O image');
  const cputype = view.getUint32(4, true);
  const commands = view.getUint32(16, true);
  let at = magic === 0xfeedfacf ? 32 : 28;
  let signature: Uint8Array | null = null;
  for (let i = 0; i < commands; i++) {
    const cmd = view.getUint32(at, true);
    const size = view.getUint32(at + 4, true);
    if (cmd === 0x1d) {
      const offset = view.getUint32(at + 8, true);
      const length = view.getUint32(at + 12, true);
      signature = bytes.subarray(offset, offset + length);
    }
    at += size;
  }
  return { cpu: CPU[cputype] ?? `cpu ${cputype}`, bytes, signature };
}
