// The floor of a full app check (issue 20 part 3): every member of the app's bundles (Payload/…, what the check
// reads) inflated once and hashed once with SHA-256 — executables (Mach-O members without an extension: the bundles'
// and frameworks' binaries, whose code the check pages) in 4 KiB pages, every other member (resources, and loose
// dylibs, which seals name by a whole-file hash) whole — using
// one platform's primitives and nothing else: no parsing, no seal, no signature, no CMS. The check's time over this
// floor is what its own logic costs. Two floors, each with the primitives its path runs on:
//   Node:    node:zlib's inflateRawSync (the whole member at once; above 16 MiB streamed on zlib's thread pool in 1 MiB
//            pieces, hashed as they come) and node:crypto's hashes;
//   browser: fflate's inflateSync up to 64 KiB (a stream costs more to set up than such a member costs to inflate),
//            DecompressionStream above, fed in 64 KiB pieces and read to the end; hash-wasm's synchronous SHA-256.
// The members come from the central directory (PKWARE APPNOTE 4.3.12); the bench's apps need no ZIP64.
import { createHash, hash } from 'node:crypto';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { inflateSync } from 'fflate';
import { createSHA256, type IHasher } from 'hash-wasm';

const PAGE = 4096;
const SMALL = 64 * 1024;
const STREAM_CHUNK = 1024 * 1024;
const PUSH = 64 * 1024;
const MACH_O = new Set([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe]);

export interface FloorMember {
  name: string;
  method: number;
  size: number;
  data: Uint8Array;
}

/** The members of the app bundles, with their raw (stored or deflated) bytes. */
export function floorMembers(zip: Uint8Array): FloorMember[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) return [];
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const members: FloorMember[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const name = decoder.decode(zip.subarray(at + 46, at + 46 + nameLength));
    const local = view.getUint32(at + 42, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = zip.subarray(start, start + view.getUint32(at + 20, true));
    if (name.startsWith('Payload/') && !name.endsWith('/')) {
      members.push({ name, method: view.getUint16(at + 10, true), size: view.getUint32(at + 24, true), data });
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return members;
}

const isMachO = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 && MACH_O.has(new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false));
const executableName = (name: string): boolean => !/\.[^/]*$/.test(name.slice(name.lastIndexOf('/') + 1));

/** Node's floor: one synchronous native inflate and native hashes per member; the largest streamed, hashed as they come. */
export async function nodeFloor(members: readonly FloorMember[]): Promise<void> {
  for (const member of members) {
    if (member.method !== 0 && member.size > WHOLE) {
      await nodeStreamed(member);
      continue;
    }
    const bytes = member.method === 0 ? member.data : inflateRawSync(member.data, { chunkSize: Math.max(member.size + 1, 64) });
    if (executableName(member.name) && isMachO(bytes)) for (let at = 0; at < bytes.length; at += PAGE) hash('sha256', bytes.subarray(at, at + PAGE), 'buffer');
    else createHash('sha256').update(bytes).digest();
  }
}

// Above this a member is inflated on zlib's thread pool while the main thread hashes what came before: cheaper than
// one allocation of the whole (measured on the 150 MB Assets.car). The floor takes whichever is cheaper.
const WHOLE = 16 * 1024 * 1024;

async function nodeStreamed(member: FloorMember): Promise<void> {
  const inflater = createInflateRaw({ chunkSize: STREAM_CHUNK });
  inflater.end(member.data);
  const state = createHash('sha256');
  let first = true;
  let pending: Uint8Array = new Uint8Array(0);
  let machO = false;
  for await (const chunk of inflater as AsyncIterable<Uint8Array>) {
    if (first) machO = executableName(member.name) && isMachO(chunk);
    first = false;
    if (!machO) {
      state.update(chunk);
      continue;
    }
    const bytes = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let at = 0;
    for (; at + PAGE <= bytes.length; at += PAGE) hash('sha256', bytes.subarray(at, at + PAGE), 'buffer');
    pending = bytes.subarray(at);
  }
  if (machO && pending.length) hash('sha256', pending, 'buffer');
  else state.digest();
}

let wasm: Promise<IHasher> | null = null;

/** The browser path's floor, run with the browser's inflaters and hash-wasm. */
export async function browserFloor(members: readonly FloorMember[]): Promise<void> {
  const sha256 = await (wasm ??= createSHA256());
  const pages = (bytes: Uint8Array) => {
    for (let at = 0; at < bytes.length; at += PAGE) {
      sha256.init();
      sha256.update(bytes.subarray(at, at + PAGE));
      sha256.digest('binary');
    }
  };
  for (const member of members) {
    if (member.method === 0 || member.size <= SMALL) {
      const bytes = member.method === 0 ? member.data : inflateSync(member.data, { out: new Uint8Array(member.size) });
      if (executableName(member.name) && isMachO(bytes)) pages(bytes);
      else sha256.init().update(bytes).digest('binary');
      continue;
    }
    const stream = new DecompressionStream('deflate-raw');
    const writer = stream.writable.getWriter();
    // Fed in 64 KiB pieces as room opens, the cheapest feeding measured (one whole write was up to 2× slower).
    void (async () => {
      for (let at = 0; at < member.data.length; at += PUSH) {
        await writer.ready;
        writer.write(member.data.subarray(at, at + PUSH) as Uint8Array<ArrayBuffer>).catch(() => undefined);
      }
      await writer.close();
    })().catch(() => undefined);
    const reader = stream.readable.getReader();
    // Mach-O pages straddle the stream's pieces: gathered whole, then paged (a copy is cheap next to a hash).
    let first = true;
    let code: Uint8Array | null = null;
    let filled = 0;
    sha256.init();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (first && executableName(member.name) && isMachO(value)) code = new Uint8Array(member.size);
      first = false;
      if (code) {
        code.set(value.subarray(0, code.length - filled), filled);
        filled += value.length;
      } else sha256.update(value);
    }
    if (code) pages(code);
    else sha256.digest('binary');
  }
}
