// The browser path's app floor (app-floor.ts says what the floor is): fflate's inflateSync up to 64 KiB,
// DecompressionStream above, fed in 64 KiB pieces; hash-wasm's synchronous SHA-256. Browser APIs only, so it runs in
// Node (npm run bench) and in a page (npm run bench:web, app-browser.ts) alike.
import { inflateSync } from 'fflate';
import { createSHA256, type IHasher } from 'hash-wasm';
import { executableName, isMachO, PAGE, type FloorMember } from './app-floor-members';

const SMALL = 64 * 1024;
const PUSH = 64 * 1024;

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
