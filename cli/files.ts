// Command-line paths → files to read. Admins point the CLI at a folder of downloads, so a directory expands to the
// profiles and apps inside it (recursively, in a stable sorted order); a file named explicitly is always taken,
// whatever its extension.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const INSPECTABLE = /\.(mobileprovision|provisionprofile|ipa)$/i;

export interface InputFile {
  /** The path as the user gave it (or as found under a directory they gave). */
  path: string;
  /** null when the file could not be read; `readError` then says why. */
  bytes: Uint8Array | null;
  readError: string | null;
}

export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const expanded: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) expanded.push(...(await walk(path)));
    else expanded.push(path);
  }
  return expanded;
}

async function walk(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(path)));
    else if (INSPECTABLE.test(entry.name) && (entry.isFile() || (await isLinkToFile(path)))) found.push(path);
  }
  return found;
}

// Links to files are taken, links to directories are not followed: a link loop must not hang a scheduled job.
async function isLinkToFile(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  return info?.isFile() ?? false;
}

export async function readInput(path: string): Promise<InputFile> {
  try {
    const buffer = await readFile(path);
    // A view over Node's Buffer, not a copy: an .ipa can be large.
    return { path, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), readError: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? error);
    return { path, bytes: null, readError: `cannot read ${path}: ${reason}` };
  }
}
