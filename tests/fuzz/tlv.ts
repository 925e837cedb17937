// A minimal BER walker (ITU-T X.690 §8.1: tag, definite or indefinite length) used as the fuzzer's independent
// oracle: it finds, in an UNMUTATED profile, which byte ranges the signature protects (RFC 5652 §5: the encapsulated
// content, the signed attributes, the signature value) and where every TLV header sits. Deliberately separate from
// core/asn1/der.ts so a bug there cannot hide itself.
export interface Tlv {
  start: number;
  /** Offset of the first value byte. */
  valueStart: number;
  /** Offset after the element (after the end-of-contents octets when indefinite). */
  end: number;
  tag: number;
  constructed: boolean;
}

export interface Range {
  start: number;
  end: number;
}

export function readTlv(bytes: Uint8Array, offset: number, limit = bytes.length): Tlv {
  const tag = at(bytes, offset, limit);
  if ((tag & 0x1f) === 0x1f) throw new Error('high tag numbers do not occur in CMS');
  const first = at(bytes, offset + 1, limit);
  let cursor = offset + 2;
  const constructed = (tag & 0x20) !== 0;
  if (first === 0x80) {
    let child = cursor;
    while (!(at(bytes, child, limit) === 0 && at(bytes, child + 1, limit) === 0)) child = readTlv(bytes, child, limit).end;
    return { start: offset, valueStart: cursor, end: child + 2, tag, constructed };
  }
  let length = first;
  if (first > 0x80) {
    length = 0;
    for (let index = 0; index < (first & 0x7f); index += 1) length = length * 256 + at(bytes, cursor++, limit);
  }
  if (cursor + length > limit) throw new Error('element overruns its parent');
  return { start: offset, valueStart: cursor, end: cursor + length, tag, constructed };
}

function at(bytes: Uint8Array, offset: number, limit: number): number {
  const value = offset < limit ? bytes[offset] : undefined;
  if (value === undefined) throw new Error('truncated');
  return value;
}

export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const found: Tlv[] = [];
  let cursor = parent.valueStart;
  const indefinite = bytes[parent.start + 1] === 0x80;
  const stop = indefinite ? parent.end - 2 : parent.end;
  while (cursor < stop) {
    const child = readTlv(bytes, cursor, parent.end);
    found.push(child);
    cursor = child.end;
  }
  return found;
}

export interface SignedLayout {
  /** Ranges whose change must make the signature fail: eContent, signedAttrs, signature value. */
  protectedRanges: Range[];
  /** Start offsets of every TLV header (for length corruption). */
  headers: number[];
}

/** The layout of a CMS SignedData profile, or null for anything else (bare plists). */
export function signedLayout(bytes: Uint8Array): SignedLayout | null {
  try {
    const contentInfo = readTlv(bytes, 0);
    const [, explicit] = children(bytes, contentInfo);
    const signedData = explicit && children(bytes, explicit)[0];
    if (!signedData) return null;
    const parts = children(bytes, signedData);
    const encapsulated = parts[2];
    const signerInfos = parts[parts.length - 1];
    if (!encapsulated || !signerInfos || signerInfos.tag !== 0x31) return null;
    // The eContent [0] itself; its eContentType OID is covered through the content-type signed attribute.
    const eContent = children(bytes, encapsulated)[1];
    if (!eContent) return null;
    const protectedRanges: Range[] = [range(eContent)];
    for (const signerInfo of children(bytes, signerInfos)) {
      for (const field of children(bytes, signerInfo)) {
        if (field.tag === 0xa0 || field.tag === 0x04) protectedRanges.push(range(field));
      }
    }
    const headers: number[] = [];
    collectHeaders(bytes, contentInfo, headers, 0);
    return { protectedRanges, headers };
  } catch {
    return null;
  }
}

function range(tlv: Tlv): Range {
  return { start: tlv.start, end: tlv.end };
}

function collectHeaders(bytes: Uint8Array, tlv: Tlv, into: number[], depth: number): void {
  into.push(tlv.start);
  if (!tlv.constructed || depth > 12) return;
  for (const child of children(bytes, tlv)) collectHeaders(bytes, child, into, depth + 1);
}
