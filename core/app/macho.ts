// Mach-O executables, thin and universal ("fat"), as far as finding each slice's code signature.
// Follows Apple's <mach-o/loader.h> (mach_header, mach_header_64, load_command, linkedit_data_command for
// LC_CODE_SIGNATURE) and <mach-o/fat.h> (fat_header, fat_arch, fat_arch_64; always big-endian).
// Never throws: an unreadable binary becomes `problems`, which the app reader turns into per-bundle notes.

export interface MachOSlice {
  /** CPU name ("arm64", "x86_64", …) or "cpu <n>" when unknown. */
  cpu: string;
  /** Offset of the slice within the file (0 for a thin binary). */
  offset: number;
  /** Bytes in the slice: the code pages of its CodeDirectory are counted from the slice's start. */
  size: number;
  /** The LC_CODE_SIGNATURE payload (an embedded-signature SuperBlob); null when the slice is unsigned. */
  codeSignature: Uint8Array | null;
}

export interface MachOFile {
  fat: boolean;
  slices: MachOSlice[];
  problems: string[];
}

const FAT_MAGIC = 0xcafebabe;
const FAT_MAGIC_64 = 0xcafebabf;
const MH_MAGIC = 0xfeedface;
const MH_MAGIC_64 = 0xfeedfacf;
const MH_CIGAM = 0xcefaedfe;
const MH_CIGAM_64 = 0xcffaedfe;
const LC_CODE_SIGNATURE = 0x1d;
// Java class files share FAT_MAGIC; real universal binaries carry a handful of slices.
const MAX_FAT_ARCHS = 32;

const CPU_NAMES: ReadonlyMap<number, string> = new Map([
  [7, 'i386'],
  [0x01000007, 'x86_64'],
  [12, 'arm'],
  [0x0100000c, 'arm64'],
  [0x0200000c, 'arm64_32'],
  [18, 'ppc'],
  [0x01000012, 'ppc64'],
]);

export function readMachO(bytes: Uint8Array): MachOFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8) return { fat: false, slices: [], problems: ['The executable is too short to be a Mach-O binary'] };
  const magic = view.getUint32(0, false);
  if (magic === FAT_MAGIC || magic === FAT_MAGIC_64) return readFat(bytes, view, magic === FAT_MAGIC_64);
  const slice = readThin(bytes, 0, bytes.length);
  return 'problem' in slice
    ? { fat: false, slices: [], problems: [slice.problem] }
    : { fat: false, slices: [slice], problems: [] };
}

function readFat(bytes: Uint8Array, view: DataView, wide: boolean): MachOFile {
  const count = view.getUint32(4, false);
  const entrySize = wide ? 32 : 20;
  if (count === 0 || count > MAX_FAT_ARCHS || 8 + count * entrySize > bytes.length) {
    return { fat: true, slices: [], problems: [`The universal binary header lists ${count} slices, which cannot be right`] };
  }
  const slices: MachOSlice[] = [];
  const problems: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = 8 + i * entrySize;
    const offset = wide ? safeUint64(view, at + 8) : view.getUint32(at + 8, false);
    const size = wide ? safeUint64(view, at + 16) : view.getUint32(at + 12, false);
    const slice = readThin(bytes, offset, size);
    if ('problem' in slice) problems.push(`Slice ${i + 1}: ${slice.problem}`);
    else slices.push(slice);
  }
  return { fat: true, slices, problems };
}

function readThin(bytes: Uint8Array, offset: number, size: number): MachOSlice | { problem: string } {
  if (offset + size > bytes.length || size < 0) return { problem: 'the slice runs past the end of the file' };
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, size);
  const raw = size >= 4 ? view.getUint32(0, true) : 0;
  const little = raw === MH_MAGIC || raw === MH_MAGIC_64;
  if (!little && raw !== MH_CIGAM && raw !== MH_CIGAM_64) return { problem: 'not a Mach-O binary' };
  const wide = raw === MH_MAGIC_64 || raw === MH_CIGAM_64;
  if (size < (wide ? 32 : 28)) return { problem: 'the Mach-O header is truncated' };
  const cpuType = view.getUint32(4, little);
  const cpu = CPU_NAMES.get(cpuType) ?? `cpu ${cpuType}`;
  const commandCount = view.getUint32(16, little);
  let at = wide ? 32 : 28;
  for (let i = 0; i < commandCount; i++) {
    if (at + 8 > size) return { problem: `${cpu}: load commands run past the end of the slice` };
    const command = view.getUint32(at, little);
    const commandSize = view.getUint32(at + 4, little);
    if (commandSize < 8) return { problem: `${cpu}: a load command has an impossible size` };
    if (command === LC_CODE_SIGNATURE && at + 16 <= size) {
      const dataOffset = view.getUint32(at + 8, little);
      const dataSize = view.getUint32(at + 12, little);
      if (dataOffset + dataSize > size) return { problem: `${cpu}: the code signature runs past the end of the slice` };
      const start = offset + dataOffset;
      return { cpu, offset, size, codeSignature: bytes.subarray(start, start + dataSize) };
    }
    at += commandSize;
  }
  return { cpu, offset, size, codeSignature: null };
}

function safeUint64(view: DataView, at: number): number {
  const value = view.getBigUint64(at, false);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}
