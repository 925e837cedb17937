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
import { executableName, isMachO, PAGE, type FloorMember } from './app-floor-members';

export { browserFloor } from './app-floor-browser';
export { floorMembers, type FloorMember } from './app-floor-members';

const STREAM_CHUNK = 1024 * 1024;

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
