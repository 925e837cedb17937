// The DER entitlements of a code signature (slot −7, CSMAGIC_EMBEDDED_DER_ENTITLEMENTS 0xfade7172), which iOS 15 and
// later enforce instead of the XML plist (slot −5). Layout as Apple's CoreEntitlements writes it (X.690 DER):
//   [APPLICATION 16] { INTEGER version (1), [CONTEXT 16] dictionary }
// where a dictionary holds SEQUENCE { UTF8String key, value } pairs and a value is a BOOLEAN, an INTEGER, a
// UTF8String, a SEQUENCE (an array) or another [CONTEXT 16] dictionary. Re-signing tools (seen on apps signed in the
// wild) write the dictionary bare instead: a universal SET of the same key/value SEQUENCEs (first byte 0x31), with no
// wrapper and no version; iOS reads both, and so does this. Decoded to the same JSON the XML plist gives, so the two
// can be compared.
import { DerReader, Tag, TagClass, type Tlv } from '../asn1/der';
import { isProvlensError } from '../errors';
import type { JsonObject, JsonValue } from '../types';

const DICTIONARY = 16;
const BARE_SET = 0x31;
const MAX_DEPTH = 24;

/** The entitlements dictionary, or why the bytes are not DER entitlements. */
export function decodeDerEntitlements(payload: Uint8Array): JsonObject | string {
  const reader = new DerReader(payload, 'malformed-der', true);
  try {
    if (payload[0] === BARE_SET) return readDictionary(reader, reader.expect(reader.read(0), Tag.set, 'a SET of key/value pairs'), 0);
    const top = reader.expect(reader.read(0), DICTIONARY, 'the [APPLICATION 16] entitlements wrapper', TagClass.application);
    const [version, dictionary] = reader.children(top);
    if (reader.integer(reader.expect(version, Tag.integer, 'the version')) !== 1) return 'the DER entitlements have an unknown version';
    return readDictionary(reader, reader.expect(dictionary, DICTIONARY, 'the entitlements dictionary', TagClass.context), 0);
  } catch (error) {
    if (!isProvlensError(error)) throw error;
    return `the DER entitlements do not decode (${error.message})`;
  }
}

function readDictionary(reader: DerReader, tlv: Tlv, depth: number): JsonObject {
  const out: JsonObject = {};
  for (const pair of reader.children(tlv)) {
    const [key, value] = reader.children(reader.expect(pair, Tag.sequence, 'a key–value SEQUENCE'));
    const name = reader.text(reader.expect(key, Tag.utf8String, 'a UTF8String key'));
    // defineProperty: a key named "__proto__" is data, not the object's prototype.
    Object.defineProperty(out, name, { value: readValue(reader, value, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function readValue(reader: DerReader, tlv: Tlv | undefined, depth: number): JsonValue {
  if (!tlv) return reader.fail('a key without a value');
  if (depth > MAX_DEPTH) return reader.fail('the entitlements nest too deeply');
  if (tlv.tagClass === TagClass.context && tlv.tagNumber === DICTIONARY) return readDictionary(reader, tlv, depth);
  // In the bare form a nested dictionary is a SET of pairs too (an array is a SEQUENCE in both forms).
  if (tlv.tagClass === TagClass.universal && tlv.tagNumber === Tag.set) return readDictionary(reader, tlv, depth);
  if (tlv.tagClass !== TagClass.universal) return reader.fail(`an unexpected tag at offset ${tlv.start}`);
  if (tlv.tagNumber === Tag.boolean) return reader.content(tlv)[0] !== 0;
  if (tlv.tagNumber === Tag.integer) return reader.integer(tlv);
  if (tlv.tagNumber === Tag.utf8String) return reader.text(tlv);
  if (tlv.tagNumber === Tag.sequence) return reader.children(tlv).map((item) => readValue(reader, item, depth + 1));
  return reader.fail(`an unexpected value type at offset ${tlv.start}`);
}

/** Do two entitlement dictionaries say the same thing (key order aside)? */
export function sameEntitlements(a: JsonValue, b: JsonValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameEntitlements(item, b[i] ?? null));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameEntitlements(a[key] ?? null, b[key] ?? null));
  }
  return a === b;
}
