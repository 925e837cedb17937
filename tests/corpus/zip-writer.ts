// Writes the .ipa files the corpus extracts: deflated members, Unix modes (symbolic links as mode 120000 with the
// target as content, as Xcode's ditto writes them), UTF-8 names flagged, a fixed date, so the same input always
// gives the same bytes. No ZIP64: nothing in the corpus comes near 4 GiB.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipInput {
  name: string;
  data: Uint8Array;
  /** Unix mode, e.g. 0o100644, 0o100755, 0o120777; 0o040755 for a folder (name ending in "/"). */
  mode: number;
  /** The name's bytes as another archive stored them, kept when re-wrapping (with its language-encoding flag). */
  rawName?: Uint8Array;
  utf8Flag?: boolean;
}

const DOS_DATE = ((2020 - 1980) << 9) | (1 << 5) | 1; // 2020-01-01, 00:00

export function writeZip(inputs: readonly ZipInput[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const name = input.rawName ? Buffer.from(input.rawName) : Buffer.from(input.name, 'utf8');
    const flags = input.rawName && !input.utf8Flag ? 0 : 0x0800;
    const stored = input.data.length === 0 || input.name.endsWith('/');
    const body = stored ? Buffer.from(input.data) : deflateRawSync(input.data, { level: 6 });
    const crc = crc32(input.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(input.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(input.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((input.mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(inputs.length, 8);
  end.writeUInt16LE(inputs.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
