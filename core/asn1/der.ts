// A minimal BER/DER TLV reader (ITU-T X.690): enough to slice CMS, X.509 and Apple's DER-Encoded-Profile without a
// schema engine. pkijs' schema matching costs ~10 ms per profile; reading tags and lengths in place costs microseconds.
// Handles indefinite lengths (Apple's older tools and OpenSSL emit them) and constructed OCTET STRINGs.
import { toHex } from '../bytes';
import { ProvlensError, type ErrorCode } from '../errors';

export const TagClass = { universal: 0, application: 1, context: 2, private: 3 } as const;

export const Tag = {
  boolean: 1,
  integer: 2,
  bitString: 3,
  octetString: 4,
  null: 5,
  oid: 6,
  utf8String: 12,
  sequence: 16,
  set: 17,
  numericString: 18,
  printableString: 19,
  t61String: 20,
  ia5String: 22,
  utcTime: 23,
  generalizedTime: 24,
  visibleString: 26,
  universalString: 28,
  bmpString: 30,
} as const;

/** One element, located by offsets into the buffer it came from (no copies). */
export interface Tlv {
  readonly tagClass: number;
  readonly tagNumber: number;
  readonly constructed: boolean;
  /** Offset of the identifier octet. */
  readonly start: number;
  readonly contentStart: number;
  /** Exclusive; for indefinite lengths, the offset of the end-of-contents octets. */
  readonly contentEnd: number;
  /** Offset just past the element (past the end-of-contents octets when indefinite). */
  readonly end: number;
}

// Real nesting in CMS/X.509 is < 15; the bound keeps hostile input from exhausting the stack.
const MAX_DEPTH = 40;

/** A view on one buffer that reports malformed input as a ProvlensError with the caller's code. */
export class DerReader {
  /** `der`: refuse BER-only encodings (indefinite and non-minimal lengths), for what X.509 and RFC 5652 §5.3 require in DER. */
  constructor(
    readonly bytes: Uint8Array,
    private readonly errorCode: ErrorCode,
    private readonly der = false,
  ) {}

  fail(message: string): never {
    throw new ProvlensError(this.errorCode, message);
  }

  /** Reads the element at `offset`, which must end at or before `limit`. */
  read(offset: number, limit = this.bytes.length, depth = 0): Tlv {
    const { bytes } = this;
    if (depth > MAX_DEPTH) this.fail('ASN.1 nesting is too deep');
    if (offset + 2 > limit) this.fail(`truncated element at offset ${offset}`);
    const first = bytes[offset]!;
    const tagClass = first >> 6;
    const constructed = (first & 0x20) !== 0;
    let tagNumber = first & 0x1f;
    let pos = offset + 1;
    if (tagNumber === 0x1f) {
      tagNumber = 0;
      for (let i = 0; ; i++) {
        if (pos >= limit || i > 3) this.fail(`bad high tag number at offset ${offset}`);
        const b = bytes[pos++]!;
        tagNumber = tagNumber * 128 + (b & 0x7f);
        if ((b & 0x80) === 0) break;
      }
    }
    if (pos >= limit) this.fail(`truncated length at offset ${offset}`);
    const lengthByte = bytes[pos++]!;
    if (lengthByte === 0x80) {
      if (this.der) this.fail(`indefinite length at offset ${offset} where DER is required`);
      if (!constructed) this.fail(`indefinite length on a primitive element at offset ${offset}`);
      const contentStart = pos;
      while (true) {
        if (pos + 2 > limit) this.fail(`missing end-of-contents for element at offset ${offset}`);
        if (bytes[pos] === 0 && bytes[pos + 1] === 0) {
          return { tagClass, tagNumber, constructed, start: offset, contentStart, contentEnd: pos, end: pos + 2 };
        }
        pos = this.read(pos, limit, depth + 1).end;
      }
    }
    let length = lengthByte;
    if (lengthByte & 0x80) {
      const count = lengthByte & 0x7f;
      if (count > 4) this.fail(`length too large at offset ${offset}`);
      length = 0;
      for (let i = 0; i < count; i++) {
        if (pos >= limit) this.fail(`truncated length at offset ${offset}`);
        length = length * 256 + bytes[pos++]!;
      }
      // X.690 §10.1: DER uses the fewest length octets (no leading zero octet, short form below 128).
      if (this.der && (length < 0x80 || bytes[pos - count] === 0)) this.fail(`non-minimal length at offset ${offset} where DER is required`);
    }
    const contentEnd = pos + length;
    if (contentEnd > limit) this.fail(`element at offset ${offset} runs past its container`);
    if (this.der && tagClass === TagClass.universal && !constructed) this.checkDerPrimitive(tagNumber, pos, length, offset);
    return { tagClass, tagNumber, constructed, start: offset, contentStart: pos, contentEnd, end: contentEnd };
  }

  /** X.690 §8.2, §8.3, §8.6, §8.8, §8.19 and §11.1: the primitive encodings DER (and OpenSSL's decoder) insist on. */
  private checkDerPrimitive(tagNumber: number, at: number, length: number, offset: number): void {
    const { bytes } = this;
    const first = bytes[at];
    const bad =
      tagNumber === Tag.boolean ? length !== 1 || (first !== 0x00 && first !== 0xff)
      : tagNumber === Tag.null ? length !== 0
      : tagNumber === Tag.integer ? length === 0 || (length > 1 && ((first === 0x00 && bytes[at + 1]! < 0x80) || (first === 0xff && bytes[at + 1]! >= 0x80)))
      : tagNumber === Tag.oid ? length === 0 || (bytes[at + length - 1]! & 0x80) !== 0
      : tagNumber === Tag.bitString ? length === 0 || first! > 7 || (length === 1 && first !== 0)
      : false;
    if (bad) this.fail(`malformed primitive (tag ${tagNumber}) at offset ${offset} where DER is required`);
  }

  /** The elements directly inside a constructed element. */
  children(parent: Tlv): Tlv[] {
    if (!parent.constructed) this.fail(`expected a constructed element at offset ${parent.start}`);
    const out: Tlv[] = [];
    for (let pos = parent.contentStart; pos < parent.contentEnd; ) {
      const child = this.read(pos, parent.contentEnd);
      out.push(child);
      pos = child.end;
    }
    return out;
  }

  /** The element's content octets; a constructed (BER) string is concatenated from its segments. */
  content(tlv: Tlv, depth = 0): Uint8Array {
    if (!tlv.constructed) return this.bytes.subarray(tlv.contentStart, tlv.contentEnd);
    if (depth > MAX_DEPTH) this.fail('constructed string nesting is too deep');
    const parts = this.children(tlv).map((child) => this.content(child, depth + 1));
    if (parts.length === 1) return parts[0]!;
    const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  /** The whole encoding (identifier, length, content) as it appears in the buffer. */
  raw(tlv: Tlv): Uint8Array {
    return this.bytes.subarray(tlv.start, tlv.end);
  }

  expect(tlv: Tlv | undefined, tagNumber: number, what: string, tagClass: number = TagClass.universal): Tlv {
    if (!tlv || tlv.tagNumber !== tagNumber || tlv.tagClass !== tagClass) this.fail(`expected ${what}`);
    return tlv;
  }

  oid(tlv: Tlv): string {
    this.expect(tlv, Tag.oid, 'an OBJECT IDENTIFIER');
    return decodeOid(this.content(tlv));
  }

  /** Unsigned big-endian integer as lowercase hex without leading zero octets (OpenSSL's serial style). */
  integerHex(tlv: Tlv): string {
    this.expect(tlv, Tag.integer, 'an INTEGER');
    return integerHex(this.content(tlv));
  }

  /** A small non-negative INTEGER as a number (versions, DER-profile values). */
  integer(tlv: Tlv): number {
    this.expect(tlv, Tag.integer, 'an INTEGER');
    const content = this.content(tlv);
    if (content.length === 0 || content.length > 6) this.fail('INTEGER out of range');
    let value = 0;
    for (const b of content) value = value * 256 + b;
    // Two's complement: a set top bit means the value is negative.
    return content[0]! & 0x80 ? value - 2 ** (8 * content.length) : value;
  }

  /** A character string of any of the eight types X.509 and Apple use; any other tag is an error naming its offset. */
  text(tlv: Tlv): string {
    const where = `at offset ${tlv.start}`;
    if (tlv.tagClass !== TagClass.universal || !STRING_TAGS.has(tlv.tagNumber)) {
      this.fail(`expected a character string, found tag [${tlv.tagClass}:${tlv.tagNumber}] ${where}`);
    }
    const decoded = decodeString(tlv.tagNumber, this.content(tlv));
    return typeof decoded === 'string' ? decoded : this.fail(`${decoded.problem} ${where}`);
  }

  /** UTCTime or GeneralizedTime → ISO-8601 with milliseconds (RFC 5280 §4.1.2.5). */
  time(tlv: Tlv): string {
    const text = latin1(this.content(tlv));
    const iso = tlv.tagNumber === Tag.utcTime ? utcTimeToIso(text) : tlv.tagNumber === Tag.generalizedTime ? generalizedTimeToIso(text) : null;
    return iso ?? this.fail(`bad time value "${text.slice(0, 20)}"`);
  }
}

export function integerHex(content: Uint8Array): string {
  let i = 0;
  while (i < content.length - 1 && content[i] === 0) i++;
  return toHex(content.subarray(i)).replace(/^0(?=.)/, '');
}

export function decodeOid(bytes: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

const utf8 = new TextDecoder('utf-8');

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

// X.680 §41 restricted character strings. The four ASCII subsets (Numeric, Printable, IA5, Visible) are read as
// ASCII without policing each type's alphabet: real certificates put "@" or "_" in PrintableStrings, and RFC 5280
// §4.1.2.4 asks readers to be liberal; a byte above 0x7F cannot be ASCII and reads as U+FFFD. TeletexString (T.61)
// is read as Latin-1, as OpenSSL, Go's crypto/x509 and browsers do: the T.61 repertoire's common characters sit at
// the same codes, and real issuers put Latin-1 there. BMPString is UTF-16BE (RFC 5280 §4.1.2.4, surrogate pairs
// included), UniversalString UTF-32BE; a length that is not a whole number of code units is malformed.
const STRING_TAGS: ReadonlySet<number> = new Set([
  Tag.utf8String,
  Tag.numericString,
  Tag.printableString,
  Tag.t61String,
  Tag.ia5String,
  Tag.visibleString,
  Tag.universalString,
  Tag.bmpString,
]);

function ascii(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : '\ufffd';
  return s;
}

function decodeString(tagNumber: number, bytes: Uint8Array): string | { problem: string } {
  switch (tagNumber) {
    case Tag.utf8String:
      return utf8.decode(bytes);
    case Tag.t61String:
      return latin1(bytes);
    case Tag.bmpString: {
      if (bytes.length % 2 !== 0) return { problem: `a BMPString of ${bytes.length} bytes (UTF-16 needs whole 2-byte units)` };
      const units: number[] = [];
      for (let i = 0; i < bytes.length; i += 2) units.push((bytes[i]! << 8) | bytes[i + 1]!);
      return utf16(units);
    }
    case Tag.universalString: {
      if (bytes.length % 4 !== 0) return { problem: `a UniversalString of ${bytes.length} bytes (UTF-32 needs whole 4-byte units)` };
      let s = '';
      for (let i = 0; i < bytes.length; i += 4) {
        const cp = ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
        const scalar = cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
        s += scalar ? String.fromCodePoint(cp) : '\ufffd';
      }
      return s;
    }
    default:
      return ascii(bytes);
  }
}

/** UTF-16 code units → text; a lone surrogate reads as U+FFFD (JavaScript strings would keep it). */
function utf16(units: readonly number[]): string {
  let s = '';
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const next = units[i + 1];
    if (unit >= 0xd800 && unit <= 0xdbff && next !== undefined && next >= 0xdc00 && next <= 0xdfff) {
      s += String.fromCharCode(unit, next);
      i++;
    } else s += unit >= 0xd800 && unit <= 0xdfff ? '\ufffd' : String.fromCharCode(unit);
  }
  return s;
}

function isoFromParts(y: number, mo: string, d: string, h: string, mi: string, s: string): string | null {
  const ms = Date.UTC(y, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function utcTimeToIso(text: string): string | null {
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?Z$/.exec(text);
  if (!m) return null;
  const yy = Number(m[1]);
  // RFC 5280: YY >= 50 is 19YY, otherwise 20YY.
  return isoFromParts(yy >= 50 ? 1900 + yy : 2000 + yy, m[2]!, m[3]!, m[4]!, m[5]!, m[6] ?? '0');
}

function generalizedTimeToIso(text: string): string | null {
  const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:\.\d+)?Z$/.exec(text);
  if (!m) return null;
  return isoFromParts(Number(m[1]), m[2]!, m[3]!, m[4]!, m[5]!, m[6]!);
}
