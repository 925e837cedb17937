// Binary property lists ("bplist00", Apple's CFBinaryPList.c format) as JSON-safe data. Written here rather than
// using plist 5's parseBinary because objects are referenced by index: a hostile file can build reference cycles
// (infinite recursion) or a DAG that expands exponentially, and plist 5 bounds neither; it also assigns dictionary
// keys with `obj[key] = …`, so "__proto__" would switch the prototype.
import { ProvlensError } from '../errors';
import type { JsonObject, JsonValue } from '../types';
import { toBase64 } from '../base64';
import { MAX_PLIST_DEPTH, setOwn } from './plist-value';

const EPOCH_2001_MS = 978_307_200_000;
// Real profiles hold a few hundred objects; the budget stops shared-reference expansion long before 100 ms.
const MAX_VISITS = 20_000;

function malformed(message: string): never {
  throw new ProvlensError('malformed-plist', `binary plist: ${message}`);
}

export function parseBinaryPlist(bytes: Uint8Array): JsonValue {
  if (bytes.length < 40) malformed('too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const trailer = bytes.length - 32;
  const offsetSize = bytes[trailer + 6]!;
  const refSize = bytes[trailer + 7]!;
  const count = readUint(view, trailer + 8, 8);
  const top = readUint(view, trailer + 16, 8);
  const tableAt = readUint(view, trailer + 24, 8);
  if (offsetSize < 1 || offsetSize > 8 || refSize < 1 || refSize > 8) malformed('bad trailer');
  if (top >= count || tableAt + count * offsetSize > trailer) malformed('offset table out of range');
  const offsetOf = (index: number): number => {
    if (index >= count) malformed(`object reference ${index} out of range`);
    const at = readUint(view, tableAt + index * offsetSize, offsetSize);
    if (at < 8 || at >= tableAt) malformed(`object offset ${at} out of range`);
    return at;
  };
  let visits = 0;
  const active = new Set<number>();

  const readObject = (index: number, depth: number): JsonValue => {
    if (++visits > MAX_VISITS) malformed('too many objects (shared references expand without bound)');
    if (depth > MAX_PLIST_DEPTH || active.has(index)) malformed('reference cycle or nesting too deep');
    const at = offsetOf(index);
    const marker = bytes[at]!;
    const type = marker >> 4;
    const info = marker & 0x0f;
    if (type === 0x0) return info === 0x9 ? true : info === 0x8 ? false : null;
    if (type === 0x1) return readInt(view, at + 1, 1 << info);
    if (type === 0x2) return info === 2 ? view.getFloat32(at + 1) : info === 3 ? view.getFloat64(at + 1) : malformed('bad real');
    if (type === 0x3) return new Date(EPOCH_2001_MS + view.getFloat64(at + 1) * 1000).toISOString();
    const [length, start] = readLength(bytes, view, at, info);
    const end = start + length * (type === 0x6 ? 2 : type >= 0xa ? refSize * (type === 0xd ? 2 : 1) : 1);
    if (end > tableAt) malformed('object runs past the object table');
    switch (type) {
      case 0x4:
        return toBase64(bytes.subarray(start, end));
      case 0x5:
        return String.fromCharCode(...bytes.subarray(start, end));
      case 0x6: {
        let s = '';
        for (let i = start; i < end; i += 2) s += String.fromCharCode(view.getUint16(i));
        return s;
      }
      case 0x8:
        return readUint(view, at + 1, info + 1);
      case 0xa:
      case 0xc: {
        active.add(index);
        const out: JsonValue[] = [];
        for (let i = 0; i < length; i++) out.push(readObject(readUint(view, start + i * refSize, refSize), depth + 1));
        active.delete(index);
        return out;
      }
      case 0xd: {
        active.add(index);
        const out: JsonObject = {};
        for (let i = 0; i < length; i++) {
          const key = readObject(readUint(view, start + i * refSize, refSize), depth + 1);
          if (typeof key !== 'string') malformed('dictionary key is not a string');
          setOwn(out, key, readObject(readUint(view, start + (length + i) * refSize, refSize), depth + 1));
        }
        active.delete(index);
        return out;
      }
      default:
        return malformed(`unknown object type 0x${type.toString(16)}`);
    }
  };
  try {
    return readObject(top, 0);
  } catch (error) {
    if (error instanceof ProvlensError) throw error;
    // DataView reads past the end throw RangeError: the file is truncated or lies about its offsets.
    throw new ProvlensError('malformed-plist', 'binary plist: truncated or inconsistent offsets', { cause: error });
  }
}

/** An object's element count: in the marker's low nibble, or (0xF) in a following int object. */
function readLength(bytes: Uint8Array, view: DataView, at: number, info: number): [number, number] {
  if (info !== 0x0f) return [info, at + 1];
  const intMarker = bytes[at + 1];
  if (intMarker === undefined || intMarker >> 4 !== 0x1) malformed('bad length marker');
  const size = 1 << (intMarker & 0x0f);
  const length = readInt(view, at + 2, size);
  if (length < 0 || length > bytes.length) malformed('bad length');
  return [length, at + 2 + size];
}

function readUint(view: DataView, at: number, size: number): number {
  if (at + size > view.byteLength) malformed('read past the end');
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + view.getUint8(at + i);
  return value;
}

function readInt(view: DataView, at: number, size: number): number {
  if (size === 8) return Number(view.getBigInt64(at));
  if (size === 16) return Number(view.getBigInt64(at + 8));
  if (size > 8) malformed('bad integer size');
  return readUint(view, at, size);
}
