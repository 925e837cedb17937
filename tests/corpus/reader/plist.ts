// Property lists through the `plist` package (XML and binary), never through ProvLens's own parser.
import { parse, parseBinary, type PlistValue } from 'plist';

export type Dict = { [key: string]: PlistValue };

export function readPlist(bytes: Uint8Array): PlistValue | null {
  try {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 6));
    return head === 'bplist' ? parseBinary(bytes) : parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

export function asDict(value: PlistValue | null | undefined): Dict | null {
  return value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date) ? value : null;
}
