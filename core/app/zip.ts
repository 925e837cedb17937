// The .ipa container: a ZIP archive (PKWARE APPNOTE.TXT 6.3.x, incl. ZIP64), read with fflate.
//
// Why fflate's `unzipSync` with a `filter`: it walks the central directory and hands every entry's name and declared
// sizes to the filter *before* inflating anything, so one pass lists the archive for free and later passes inflate
// only the few members a bundle needs (Info.plist, embedded.mobileprovision, the main executable). fflate is small,
// browser- and worker-safe, and fast; when given the declared size as its output buffer it never writes past it, so
// a member cannot inflate beyond what the limits below allowed.
import { unzipSync } from 'fflate';
import { ProvlensError } from '../errors';

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
  /** Inflates the named members (names not in the archive are skipped). Throws zip-bomb past the limits. */
  read(names: readonly string[]): Map<string, Uint8Array>;
}

const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];
const END_OF_CENTRAL_DIRECTORY_BYTES = 22;

export function openZip(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): ZipArchive {
  const bounds: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  if (!looksLikeZip(bytes)) throw new ProvlensError('not-a-zip', 'This file is not a ZIP archive, so it is not an .ipa');
  const entries = listEntries(bytes, bounds);
  let totalRead = 0;
  return {
    entries,
    read(names) {
      const wanted = new Set(names);
      const picked = entries.filter((entry) => wanted.has(entry.name));
      for (const entry of picked) checkReadable(entry, bounds);
      totalRead += picked.reduce((sum, entry) => sum + entry.size, 0);
      if (totalRead > bounds.maxTotalBytes) {
        throw new ProvlensError('zip-bomb', `Reading this archive would inflate more than ${bounds.maxTotalBytes} bytes`);
      }
      const files = guard(() => unzipSync(bytes, { filter: (file) => wanted.has(file.name) }), 'inflate');
      return new Map(Object.entries(files));
    },
  };
}

function looksLikeZip(bytes: Uint8Array): boolean {
  if (bytes.length < END_OF_CENTRAL_DIRECTORY_BYTES) return false;
  const head = [...bytes.subarray(0, 4)];
  return [LOCAL_HEADER, EMPTY_ARCHIVE].some((magic) => magic.every((byte, i) => head[i] === byte));
}

function listEntries(bytes: Uint8Array, bounds: ZipLimits): ZipEntry[] {
  const entries: ZipEntry[] = [];
  guard(
    () =>
      unzipSync(bytes, {
        filter: (file) => {
          if (entries.length >= bounds.maxEntries) {
            throw new ProvlensError('zip-bomb', `The archive lists more than ${bounds.maxEntries} members`);
          }
          assertSafeName(file.name);
          entries.push({ name: file.name, compressedSize: file.size, size: file.originalSize, compression: file.compression });
          return false;
        },
      }),
    'read the central directory of',
  );
  return entries;
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
