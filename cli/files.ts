// Command-line paths → files to read. Admins point the CLI at a folder of downloads, so a directory expands to the
// profiles and apps inside it (recursively, in a stable sorted order); a file named explicitly is always taken,
// whatever its extension, and `-` is standard input. Real folders are messy: an entry that cannot be read (a folder
// without permission, a file that vanished, a broken link, a device or a FIFO) becomes that entry's error and the
// rest of the batch goes on. Sizes are checked with stat before a byte is read, so a huge file is refused, not loaded.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_APP_BYTES } from '../core/app/app';
import { MAX_PROFILE_BYTES } from '../core/profile';

const INSPECTABLE = /\.(mobileprovision|provisionprofile|ipa)$/i;
/** The path that means standard input. */
export const STDIN = '-';
/** How results name standard input. */
export const STDIN_NAME = '<stdin>';

export interface InputFile {
  /** The path as the user gave it (or as found under a directory they gave); `<stdin>` for `-`. */
  path: string;
  /** null when the file could not be read; `readError` then says why. */
  bytes: Uint8Array | null;
  readError: string | null;
  /** `too-large` when refused by its size, `unreadable` for everything else that stopped the read. */
  errorCode: 'unreadable' | 'too-large' | null;
}

export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const expanded: string[] = [];
  for (const path of paths) {
    const info = path === STDIN ? null : await stat(path).catch(() => null);
    if (info?.isDirectory()) expanded.push(...(await walk(path)));
    else expanded.push(path);
  }
  return expanded;
}

/** macOS debris that zip tools and Finder leave beside the real files: AppleDouble `._*` files and `__MACOSX/`. */
export function isMacDebris(name: string): boolean {
  return name.startsWith('._') || name === '__MACOSX';
}

// A folder that cannot be listed is kept as an entry of its own: readInput then reports why, in its place in the order.
async function walk(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => null);
  if (!entries) return [directory];
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: string[] = [];
  for (const entry of entries) {
    if (isMacDebris(entry.name)) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(path)));
    else if (INSPECTABLE.test(entry.name) && !(await isLinkToDirectory(entry.isSymbolicLink(), path))) found.push(path);
  }
  return found;
}

// Links to directories are not followed (a link loop must not hang a scheduled job). Every other inspectable name is
// taken, so a broken link, a FIFO or a device named like a profile is reported rather than silently left out.
// Synchronous stat calls here and below: a CLI reads one file at a time anyway, and they cost a fraction of a promise.
async function isLinkToDirectory(isLink: boolean, path: string): Promise<boolean> {
  if (!isLink) return false;
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

export async function readInput(path: string): Promise<InputFile> {
  if (path === STDIN) return readStdin();
  let info: Stats;
  try {
    info = statSync(path);
  } catch (error) {
    // stat follows links; lstat tells a broken link from a path that is not there at all.
    const link = lstatSync(path, { throwIfNoEntry: false });
    return failed(path, link?.isSymbolicLink() ? 'a broken symbolic link (its target does not exist)' : reason(error as NodeJS.ErrnoException));
  }
  if (info.isDirectory()) return failed(path, await directoryProblem(path));
  if (!info.isFile()) return failed(path, `not a regular file (${kindOf(info)})`);
  return readRegularFile(path);
}

// Opened without blocking (a FIFO swapped in after the stat must not hang the run) and checked again on the open
// descriptor, so the size limit holds for the file actually read, even if it changed after the walk.
function readRegularFile(path: string): InputFile {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return failed(path, reason(error as NodeJS.ErrnoException));
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return failed(path, `not a regular file (${kindOf(info)})`);
    const head = readExactly(fd, Math.min(4, info.size));
    const limit = isZip(head) || /\.ipa$/i.test(path) ? MAX_APP_BYTES : MAX_PROFILE_BYTES;
    if (info.size > limit) return tooLarge(path, info.size, limit);
    const bytes = new Uint8Array(info.size);
    bytes.set(head);
    const read = head.length + readInto(fd, bytes.subarray(head.length));
    // A file that shrank while being read is read as it now is; one that grew is read up to the size stat gave.
    return { path, bytes: read === bytes.length ? bytes : bytes.subarray(0, read), readError: null, errorCode: null };
  } catch (error) {
    return failed(path, reason(error as NodeJS.ErrnoException));
  } finally {
    closeSync(fd);
  }
}

function readExactly(fd: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  return bytes.subarray(0, readInto(fd, bytes));
}

function readInto(fd: number, target: Uint8Array): number {
  let done = 0;
  while (done < target.length) {
    // readSync takes at most 2 GiB - 1 bytes at a time.
    const count = readSync(fd, target, done, Math.min(target.length - done, 0x7fff_f000), null);
    if (count === 0) break;
    done += count;
  }
  return done;
}

async function readStdin(): Promise<InputFile> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of process.stdin as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > MAX_APP_BYTES) {
      process.stdin.destroy();
      return tooLarge(STDIN_NAME, total, MAX_APP_BYTES);
    }
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  const limit = isZip(bytes) ? MAX_APP_BYTES : MAX_PROFILE_BYTES;
  if (total > limit) return tooLarge(STDIN_NAME, total, limit);
  return { path: STDIN_NAME, bytes, readError: null, errorCode: null };
}

const isZip = (head: Uint8Array) => head[0] === 0x50 && head[1] === 0x4b;

async function directoryProblem(path: string): Promise<string> {
  const listed = await readdir(path).then(() => null, (error: NodeJS.ErrnoException) => error);
  return listed ? `cannot read folder ${path}: ${reason(listed)}` : `${path} is a directory`;
}

function reason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file (it may have been moved or deleted while the run was going on)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return error.code ?? error.message;
  }
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

function failed(path: string, why: string): InputFile {
  const message = why.startsWith('cannot read') ? why : `cannot read ${path}: ${why}`;
  return { path, bytes: null, readError: message, errorCode: 'unreadable' };
}

function tooLarge(path: string, size: number, limit: number): InputFile {
  const what = limit === MAX_APP_BYTES ? 'an .ipa' : 'a profile';
  return { path, bytes: null, readError: `${path} is ${size} bytes, over the ${limit}-byte limit for ${what}; not read`, errorCode: 'too-large' };
}
