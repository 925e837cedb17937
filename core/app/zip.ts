// The .ipa container: a ZIP archive (PKWARE APPNOTE.TXT 6.3.x, incl. ZIP64), read with fflate.
//
// Why fflate's `unzipSync` with a `filter`: it walks the central directory and hands every entry's name and declared
// sizes to the filter *before* inflating anything, so one pass lists the archive for free and later passes inflate
// only the few members a bundle needs (Info.plist, embedded.mobileprovision, the main executable). fflate is small,
// browser- and worker-safe, and fast; when given the declared size as its output buffer it never writes past it, so
// a member cannot inflate beyond what the limits below allowed.
//
// Names: fflate decodes a name as UTF-8 only when general purpose bit 11 is set and as Latin-1 otherwise, but Apple's
// tools write UTF-8 names without the flag, and iOS reads them as UTF-8. So every name is decoded here from the central
// directory's bytes, whichever reader later inflates the member (fflate, or the host's whole-member inflater): UTF-8
// when the bytes are valid UTF-8 (as iOS does), else CP437, the ZIP default (APPNOTE appendix D), not Latin-1. A name
// is looked up in either Unicode normalization form (NFC or NFD), as iOS's file systems are insensitive to it.
import { inflateSync, unzipSync } from 'fflate';
import { ProvlensError } from '../errors';
import { hasWholeInflater, inflateRaw, inflateRawWhole, pauseIfDue, PUSH_BYTES } from './platform';

export interface ZipLimits {
  /** Largest inflated member we agree to read (an app's main executable can be a few hundred MB). */
  maxMemberBytes: number;
  /** Sum of inflated bytes read from one archive, across all reads. */
  maxTotalBytes: number;
  /** Inflated/compressed ratio above which a large member is treated as a bomb. */
  maxRatio: number;
  /** Members at or below this size are exempt from the ratio rule (small runs of zeros compress 1000:1 honestly). */
  ratioExemptBytes: number;
  /** Central-directory entries; bounds the listing work on hostile archives. */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxMemberBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 100,
  ratioExemptBytes: 1024 * 1024,
  maxEntries: 200_000,
});

export interface ZipEntry {
  name: string;
  /** Bytes stored in the archive. */
  compressedSize: number;
  /** Declared inflated size (central directory). */
  size: number;
  compression: number;
}

export interface ZipArchive {
  readonly entries: readonly ZipEntry[];
  /** The member's name as the archive spells it, for a name in either Unicode normalization form; null when absent. */
  member(name: string): string | null;
  /**
   * Inflates the named members, keyed by the names asked for (names not in the archive are skipped; either Unicode
   * normalization form finds a member). Throws zip-bomb past the limits.
   */
  read(names: readonly string[]): Map<string, Uint8Array>;
  /**
   * The same members, handed to `visit` one at a time (once per name asked) instead of kept: the bytes are valid only
   * during the call. Without the host's inflater they are inflated into one buffer the archive reuses, so reading
   * thousands of small members leaves nothing for a page to collect. Same limits, bytes and errors as `read`; a throw
   * may come after some members were visited.
   */
  readEach(names: readonly string[], visit: (name: string, bytes: Uint8Array) => void): void;
  /**
   * Inflates one member as a stream, handing each piece to `onData` in order and awaiting it (so a consumer can bound
   * its own work in flight), never past the declared size. Same limits and errors as `read`; false when absent.
   */
  stream(name: string, onData: (chunk: Uint8Array) => void | Promise<void>): Promise<boolean>;
}

const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];
const END_OF_CENTRAL_DIRECTORY_BYTES = 22;
// The most `readEach` lends from its reused buffer: a batch of small members (integrity.ts reads 2 MiB at a time).
// A larger read gets buffers of its own, as `read` does, rather than a buffer the archive would hold until it goes.
const SCRATCH_MAX_BYTES = 4 * 1024 * 1024;

export function openZip(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): ZipArchive {
  const bounds: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  if (!looksLikeZip(bytes)) throw new ProvlensError('not-a-zip', 'This file is not a ZIP archive, so it is not an .ipa');
  const { entries, fflateNames, offsets } = listEntries(bytes, bounds);
  let totalRead = 0;
  const admit = (picked: readonly ZipEntry[]): void => {
    for (const entry of picked) checkReadable(entry, bounds);
    totalRead += picked.reduce((sum, entry) => sum + entry.size, 0);
    if (totalRead > bounds.maxTotalBytes) {
      throw new ProvlensError('zip-bomb', `Reading this archive would inflate more than ${bounds.maxTotalBytes} bytes`);
    }
  };
  const find = nameIndex(entries);
  let scratch = new Uint8Array(0);
  /** Inflates each asked member once and hands it out under every name it was asked by; `into` lends a buffer. */
  const readAsked = (names: readonly string[], into: ((total: number) => Uint8Array | null) | null, visit: (name: string, data: Uint8Array) => void): void => {
    const asked = new Map<number, string[]>();
    for (const name of names) {
      const index = find(name);
      if (index !== undefined) asked.set(index, [...(asked.get(index) ?? []), name]);
    }
    const indices = [...asked.keys()];
    admit(indices.map((index) => entries[index]!));
    const whole = offsets && hasWholeInflater() ? readWhole(bytes, entries, offsets, indices) : null;
    const files = whole ?? (offsets && into ? readInto(bytes, entries, offsets, indices, into) : null) ?? readWithFflate(bytes, fflateNames, indices);
    for (const [index, data] of files) for (const name of asked.get(index) ?? []) visit(name, data);
  };
  return {
    entries,
    member: (name) => entries[find(name) ?? -1]?.name ?? null,
    read(names) {
      const out = new Map<string, Uint8Array>();
      readAsked(names, null, (name, data) => void out.set(name, data));
      return out;
    },
    readEach(names, visit) {
      readAsked(names, (total) => (total > SCRATCH_MAX_BYTES ? null : (scratch = scratch.length >= total ? scratch : new Uint8Array(total))), visit);
    },
    async stream(name, onData) {
      const index = find(name);
      const entry = entries[index ?? -1];
      if (index === undefined || !entry) return false;
      admit([entry]);
      if (!offsets) throw new ProvlensError('not-a-zip', 'Could not read the central directory of this ZIP archive: it is damaged or not a ZIP');
      const data = guard(() => memberData(bytes, offsets[index] ?? -1, entry), 'inflate');
      await streamMember(data, entry, onData);
      return true;
    },
  };
}

/** Finds a member by name: as spelled, else in NFC (the NFC index is built on the first miss only). */
function nameIndex(entries: readonly ZipEntry[]): (name: string) => number | undefined {
  const exact = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (!exact.has(entry.name)) exact.set(entry.name, index);
  });
  let composed: Map<string, number> | null = null;
  return (name) => {
    const found = exact.get(name);
    if (found !== undefined) return found;
    if (composed === null) {
      composed = new Map();
      for (const [spelled, index] of exact) if (!composed.has(spelled.normalize('NFC'))) composed.set(spelled.normalize('NFC'), index);
    }
    return composed.get(name.normalize('NFC'));
  };
}

function readWithFflate(bytes: Uint8Array, fflateNames: readonly string[], indices: Iterable<number>): Map<number, Uint8Array> {
  const byName = new Map<string, number>();
  for (const index of indices) byName.set(fflateNames[index] ?? '', index);
  const files = guard(() => unzipSync(bytes, { filter: (file) => byName.has(file.name) }), 'inflate');
  const out = new Map<number, Uint8Array>();
  for (const [name, data] of Object.entries(files)) {
    const index = byName.get(name);
    if (index !== undefined) out.set(index, data);
  }
  return out;
}

// With the host's native whole-member inflater (Node's zlib: several times fflate's speed on the many small members a
// bundle seals), each member is inflated on its own; a member it cannot inflate as fflate would (damaged, longer than
// declared, or anything unexpected) sends the whole read back to fflate's unzipSync, so results never depend on it.
function readWhole(bytes: Uint8Array, entries: readonly ZipEntry[], offsets: readonly number[], indices: readonly number[]): Map<number, Uint8Array> | null {
  const files = new Map<number, Uint8Array>();
  try {
    for (const index of indices) {
      const entry = entries[index];
      if (!entry) return null;
      const data = memberData(bytes, offsets[index] ?? -1, entry);
      const inflated = entry.compression === STORED ? data.slice() : entry.size > 0 ? inflateRawWhole(data, entry.size) : null;
      if (!inflated) return null;
      files.set(index, inflated);
    }
  } catch {
    return null;
  }
  return files;
}

// fflate's own reading of a member (unzipSync: a stored member's bytes, else inflateSync into a buffer of the declared
// size), but into consecutive views of one lent buffer. Anything unexpected returns null, and unzipSync then reads
// the batch (and names the fault), so bytes and errors are always fflate's.
function readInto(bytes: Uint8Array, entries: readonly ZipEntry[], offsets: readonly number[], indices: readonly number[], into: (total: number) => Uint8Array | null): Map<number, Uint8Array> | null {
  const files = new Map<number, Uint8Array>();
  try {
    const buffer = into(indices.reduce((sum, index) => sum + (entries[index]?.size ?? 0), 0));
    if (!buffer) return null;
    let at = 0;
    for (const index of indices) {
      const entry = entries[index];
      if (!entry || (entry.compression !== STORED && entry.compression !== DEFLATED)) return null;
      const data = memberData(bytes, offsets[index] ?? -1, entry);
      if (entry.compression === STORED) files.set(index, data);
      else files.set(index, inflateSync(data, { out: buffer.subarray(at, (at += entry.size)) }));
    }
  } catch {
    return null;
  }
  return files;
}

function tryOrNull<T>(run: () => T): T | null {
  try {
    return run();
  } catch {
    return null;
  }
}

async function streamMember(data: Uint8Array, entry: ZipEntry, onData: (chunk: Uint8Array) => void | Promise<void>): Promise<void> {
  if (entry.compression === STORED) {
    for (let at = 0; at < Math.min(data.length, entry.size); at += PUSH_BYTES) {
      await onData(data.subarray(at, Math.min(at + PUSH_BYTES, entry.size)));
      await pauseIfDue();
    }
    return;
  }
  const whole = inflateRawWhole(data, entry.size);
  if (whole) {
    await onData(whole);
    return;
  }
  let produced = 0;
  try {
    // The host's inflater (core/app/platform.ts); like `read`, never past the declared size: a member that lies about
    // its size is cut where it said it ends, and the inflater is stopped there.
    for await (const chunk of inflateRaw(data, entry.size)) {
      const room = entry.size - produced;
      if (room <= 0) break;
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      produced += kept.length;
      await onData(kept);
      await pauseIfDue();
    }
  } catch (error) {
    if (error instanceof ProvlensError) throw error;
    throw new ProvlensError('not-a-zip', 'Could not inflate this ZIP archive: it is damaged or not a ZIP', { cause: error });
  }
}

interface CentralRecord {
  /** Where the member's local header starts. */
  offset: number;
  name: Uint8Array;
}

/** Each member's local header offset, flags and raw name, from the central directory (APPNOTE 4.3.12, ZIP64 4.3.14
 *  and extra field 0x0001). */
function centralDirectory(bytes: Uint8Array, count: number): CentralRecord[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - END_OF_CENTRAL_DIRECTORY_BYTES;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('no end of central directory');
  let at = view.getUint32(end + 16, true);
  if (at === 0xffffffff && end >= 20 && view.getUint32(end - 20, true) === 0x07064b50) {
    const zip64End = Number(view.getBigUint64(end - 12, true));
    at = Number(view.getBigUint64(zip64End + 48, true));
  }
  const records: CentralRecord[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('central directory record expected');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    let offset = view.getUint32(at + 42, true);
    if (offset === 0xffffffff) offset = zip64Offset(view, at, nameLength, extraLength);
    if (at + 46 + nameLength > bytes.length) throw new Error('central directory record runs past the end');
    records.push({ offset, name: bytes.subarray(at + 46, at + 46 + nameLength) });
    at += 46 + nameLength + extraLength + view.getUint16(at + 32, true);
  }
  return records;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
// CP437's upper half (APPNOTE appendix D); its lower half is ASCII in file names.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** A member name from its bytes: UTF-8 when they are valid UTF-8 (flag or not, as iOS reads them), else CP437. */
export function decodeZipName(raw: Uint8Array): string {
  // ASCII is valid UTF-8: one native decode serves it too (the byte-by-byte test it replaced cost ~1 ms per 700 names).
  try {
    return strictUtf8.decode(raw);
  } catch {
    return Array.from(raw, (byte) => (byte < 0x80 ? String.fromCharCode(byte) : CP437_HIGH[byte - 0x80]!)).join('');
  }
}

function zip64Offset(view: DataView, record: number, nameLength: number, extraLength: number): number {
  const stop = record + 46 + nameLength + extraLength;
  for (let at = record + 46 + nameLength; at + 4 <= stop; at += 4 + view.getUint16(at + 2, true)) {
    if (view.getUint16(at, true) !== 1) continue;
    // The ZIP64 fields appear only for the 32-bit fields that overflowed, in this order.
    let field = at + 4;
    if (view.getUint32(record + 24, true) === 0xffffffff) field += 8;
    if (view.getUint32(record + 20, true) === 0xffffffff) field += 8;
    return Number(view.getBigUint64(field, true));
  }
  throw new Error('ZIP64 offset missing');
}

function memberData(bytes: Uint8Array, offset: number, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (offset < 0 || offset + 30 > bytes.length || view.getUint32(offset, true) !== 0x04034b50) throw new Error('local header expected');
  const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new Error('member data runs past the end');
  return bytes.subarray(start, start + entry.compressedSize);
}

function looksLikeZip(bytes: Uint8Array): boolean {
  if (bytes.length < END_OF_CENTRAL_DIRECTORY_BYTES) return false;
  const head = [...bytes.subarray(0, 4)];
  return [LOCAL_HEADER, EMPTY_ARCHIVE].some((magic) => magic.every((byte, i) => head[i] === byte));
}

interface Listing {
  entries: ZipEntry[];
  /** Each member's name as fflate decodes it, to pick members out of fflate's reads. */
  fflateNames: string[];
  /** Each member's local header offset; null when the central directory could not be read here (fflate could). */
  offsets: number[] | null;
}

function listEntries(bytes: Uint8Array, bounds: ZipLimits): Listing {
  const entries: ZipEntry[] = [];
  guard(
    () =>
      unzipSync(bytes, {
        filter: (file) => {
          if (entries.length >= bounds.maxEntries) {
            throw new ProvlensError('zip-bomb', `The archive lists more than ${bounds.maxEntries} members`);
          }
          entries.push({ name: file.name, compressedSize: file.size, size: file.originalSize, compression: file.compression });
          return false;
        },
      }),
    'read the central directory of',
  );
  const fflateNames = entries.map((entry) => entry.name);
  const records = tryOrNull(() => centralDirectory(bytes, entries.length));
  // fflate walks the same central directory in the same order, so record i is entry i.
  if (records) records.forEach((record, i) => void (entries[i]!.name = decodeZipName(record.name)));
  for (const entry of entries) assertSafeName(entry.name);
  return { entries, fflateNames, offsets: records ? records.map((record) => record.offset) : null };
}

/** Member names that would escape an extraction folder: the installer refuses them, and so do we. */
export function assertSafeName(name: string): void {
  const segments = name.split(/[\\/]/);
  const unsafe = name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || segments.includes('..');
  if (unsafe || name.includes('\0')) {
    throw new ProvlensError('unsafe-path', `The archive has a member whose name escapes the archive: ${JSON.stringify(name)}`);
  }
}

const STORED = 0;
const DEFLATED = 8;

function checkReadable(entry: ZipEntry, bounds: ZipLimits): void {
  if (entry.compression !== STORED && entry.compression !== DEFLATED) {
    // iOS installs only stored or deflated members (what Xcode, ditto and zip write); anything else is not an .ipa.
    throw new ProvlensError('not-a-zip', `${entry.name} uses ZIP compression method ${entry.compression}, which an .ipa never does`);
  }
  if (entry.size > bounds.maxMemberBytes) {
    throw new ProvlensError('zip-bomb', `${entry.name} would inflate to ${entry.size} bytes (limit ${bounds.maxMemberBytes})`);
  }
  const ratio = entry.size / Math.max(entry.compressedSize, 1);
  if (entry.size > bounds.ratioExemptBytes && ratio > bounds.maxRatio) {
    throw new ProvlensError('zip-bomb', `${entry.name} inflates ${Math.round(ratio)}× (limit ${bounds.maxRatio}×)`);
  }
}

function guard<T>(run: () => T, action: string): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ProvlensError) throw error;
    throw new ProvlensError('not-a-zip', `Could not ${action} this ZIP archive: it is damaged or not a ZIP`, { cause: error });
  }
}
