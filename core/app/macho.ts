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
  const layout = machOLayout(bytes, bytes.length);
  if ('need' in layout) return { fat: false, slices: [], problems: ['The executable is too short to be a Mach-O binary'] };
  const slices: MachOSlice[] = [];
  const problems = [...layout.problems];
  layout.slices.forEach((range, i) => {
    const slice = sliceHeader(bytes.subarray(range.offset, range.offset + range.size), range.offset, range.size, bytes.length);
    if ('need' in slice) return; // cannot happen: the whole slice is there
    if ('problem' in slice) problems.push(layout.fat ? `Slice ${i + 1}: ${slice.problem}` : slice.problem);
    else {
      const start = range.offset + (slice.signature?.offset ?? 0);
      slices.push({ cpu: slice.cpu, offset: range.offset, size: range.size, codeSignature: slice.signature ? bytes.subarray(start, start + slice.signature.size) : null });
    }
  });
  return { fat: layout.fat, slices, problems };
}

/** Bytes still needed at the start of the buffer before it can be read. */
export interface NeedMore {
  need: number;
}

export interface SliceRange {
  offset: number;
  size: number;
}

/**
 * Where the slices of a file of `fileSize` bytes lie, from its first bytes (`head`), so a streaming reader can find
 * them before the rest arrives. Problems here are the file's (a lying fat header); a thin file is one slice.
 */
export function machOLayout(head: Uint8Array, fileSize: number): { fat: boolean; slices: SliceRange[]; problems: string[] } | NeedMore {
  if (fileSize < 8) return { fat: false, slices: [], problems: ['The executable is too short to be a Mach-O binary'] };
  if (head.length < 8) return { need: 8 };
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== FAT_MAGIC && magic !== FAT_MAGIC_64) return { fat: false, slices: [{ offset: 0, size: fileSize }], problems: [] };
  const wide = magic === FAT_MAGIC_64;
  const count = view.getUint32(4, false);
  const entrySize = wide ? 32 : 20;
  if (count === 0 || count > MAX_FAT_ARCHS || 8 + count * entrySize > fileSize) {
    return { fat: true, slices: [], problems: [`The universal binary header lists ${count} slices, which cannot be right`] };
  }
  if (head.length < 8 + count * entrySize) return { need: 8 + count * entrySize };
  const slices: SliceRange[] = [];
  for (let i = 0; i < count; i++) {
    const at = 8 + i * entrySize;
    const offset = wide ? safeUint64(view, at + 8) : view.getUint32(at + 8, false);
    const size = wide ? safeUint64(view, at + 16) : view.getUint32(at + 12, false);
    slices.push({ offset, size });
  }
  return { fat: true, slices, problems: [] };
}

export interface SliceHeader {
  cpu: string;
  /** The LC_CODE_SIGNATURE data, relative to the slice; null when the slice is unsigned. */
  signature: { offset: number; size: number } | null;
}

/** A slice's header and load commands, read from its first bytes (`head`); says how many bytes it needs if short. */
export function sliceHeader(head: Uint8Array, offset: number, size: number, fileSize: number): SliceHeader | { problem: string } | NeedMore {
  if (offset + size > fileSize || size < 0) return { problem: 'the slice runs past the end of the file' };
  if (head.length < Math.min(size, 32)) return { need: Math.min(size, 32) };
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
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
    if (head.length < Math.min(size, at + 16)) return { need: Math.min(size, at + 16) };
    const command = view.getUint32(at, little);
    const commandSize = view.getUint32(at + 4, little);
    if (commandSize < 8) return { problem: `${cpu}: a load command has an impossible size` };
    if (command === LC_CODE_SIGNATURE && at + 16 <= size) {
      const dataOffset = view.getUint32(at + 8, little);
      const dataSize = view.getUint32(at + 12, little);
      if (dataOffset + dataSize > size) return { problem: `${cpu}: the code signature runs past the end of the slice` };
      return { cpu, signature: { offset: dataOffset, size: dataSize } };
    }
    at += commandSize;
  }
  return { cpu, signature: null };
}

function safeUint64(view: DataView, at: number): number {
  const value = view.getBigUint64(at, false);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}
