// A ZIP reader of the corpus's own (PKWARE APPNOTE 4.3): the central directory, each member's local header, stored
// or deflated data through Node's zlib. Written apart from core/app/zip.ts so the corpus expectations do not share
// its mistakes. Names are decoded as UTF-8 whether or not the archive sets the language-encoding flag (bit 11):
// that is how Apple's installer reads the archives Xcode and ditto write.
import { inflateRawSync } from 'node:zlib';

export interface ZipMember {
  name: string;
  rawName: Uint8Array;
  flags: number;
  /** Unix mode from the external attributes when the archive was made on Unix; null otherwise. */
  mode: number | null;
  isDirectory: boolean;
  isSymlink: boolean;
  size: number;
  data(): Uint8Array;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function readZip(bytes: Uint8Array): ZipMember[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory');
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    const zip64 = Number(view.getBigUint64(locator + 8, true));
    count = Number(view.getBigUint64(zip64 + 32, true));
    offset = Number(view.getBigUint64(zip64 + 48, true));
  }
  const members: ZipMember[] = [];
  const utf8 = new TextDecoder('utf-8');
  for (let i = 0, at = offset; i < count; i++) {
    if (view.getUint32(at, true) !== CENTRAL) throw new Error(`bad central header ${i}`);
    const madeBy = view.getUint16(at + 4, true) >> 8;
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    let compressed = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const external = view.getUint32(at + 38, true);
    let local = view.getUint32(at + 42, true);
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const extra = bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    ({ compressed, size, local } = zip64Extra(extra, { compressed, size, local }));
    const name = utf8.decode(rawName);
    const mode = madeBy === 3 ? external >>> 16 : null;
    const dataAt = (): number => {
      const lv = view.getUint32(local, true);
      if (lv !== LOCAL) throw new Error(`bad local header for ${name}`);
      return local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    };
    const c = compressed;
    members.push({
      name,
      rawName,
      flags,
      mode,
      isDirectory: name.endsWith('/'),
      isSymlink: mode !== null && (mode & 0o170000) === 0o120000,
      size,
      data: () => {
        const start = dataAt();
        const raw = bytes.subarray(start, start + c);
        if (method === 0) return raw;
        if (method === 8) return new Uint8Array(inflateRawSync(raw));
        throw new Error(`${name}: compression method ${method}`);
      },
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return members;
}

function zip64Extra(extra: Uint8Array, sizes: { compressed: number; size: number; local: number }): typeof sizes {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let p = at + 4;
      const next = (): number => {
        const value = Number(view.getBigUint64(p, true));
        p += 8;
        return value;
      };
      const out = { ...sizes };
      if (out.size === 0xffffffff) out.size = next();
      if (out.compressed === 0xffffffff) out.compressed = next();
      if (out.local === 0xffffffff) out.local = next();
      return out;
    }
    at += 4 + length;
  }
  return sizes;
}
