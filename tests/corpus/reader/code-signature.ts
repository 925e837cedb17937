// The code signature superblob (xnu osfmk/kern/cs_blobs.h): CSMAGIC_EMBEDDED_SIGNATURE 0xfade0cc0 indexing blobs by
// slot; CodeDirectories 0xfade0c02 at slot 0 and 0x1000…0x1004; requirements (2), entitlements (5), DER
// entitlements (7), the CMS wrapper 0xfade0b01 at 0x10000.
import { createHash } from 'node:crypto';

export interface CodeDirectory {
  slot: number;
  bytes: Uint8Array;
  hashType: number;
  hashSize: number;
  pageSize: number;
  codeLimit: number;
  codeSlots: number;
  specialSlots: number;
  hashOffset: number;
}

export interface SuperBlob {
  codeDirectories: CodeDirectory[];
  blobs: Map<number, Uint8Array>;
  /** The CMS SignedData (DER), or null when ad-hoc (no blob, or an empty one as ldid writes). */
  cms: Uint8Array | null;
}

export function readSuperBlob(bytes: Uint8Array): SuperBlob {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, false) !== 0xfade0cc0) throw new Error('not an embedded signature superblob');
  const count = view.getUint32(8, false);
  const blobs = new Map<number, Uint8Array>();
  const codeDirectories: CodeDirectory[] = [];
  for (let i = 0; i < count; i++) {
    const type = view.getUint32(12 + i * 8, false);
    const offset = view.getUint32(16 + i * 8, false);
    const length = view.getUint32(offset + 4, false);
    const blob = bytes.subarray(offset, offset + length);
    blobs.set(type, blob);
    if (type === 0 || (type >= 0x1000 && type < 0x1005)) codeDirectories.push(codeDirectory(type, blob));
  }
  const wrapper = blobs.get(0x10000);
  const cms = wrapper && wrapper.length > 8 ? wrapper.subarray(8) : null;
  return { codeDirectories, blobs, cms };
}

function codeDirectory(slot: number, bytes: Uint8Array): CodeDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, false) !== 0xfade0c02) throw new Error(`slot ${slot} is not a CodeDirectory`);
  return {
    slot,
    bytes,
    hashOffset: view.getUint32(16, false),
    specialSlots: view.getUint32(24, false),
    codeSlots: view.getUint32(28, false),
    codeLimit: view.getUint32(32, false),
    hashSize: view.getUint8(36),
    hashType: view.getUint8(37),
    pageSize: view.getUint8(39) ? 2 ** view.getUint8(39) : 0,
  };
}

export function hashName(type: number): 'sha1' | 'sha256' | 'sha384' {
  if (type === 1) return 'sha1';
  if (type === 2 || type === 3) return 'sha256';
  if (type === 4) return 'sha384';
  throw new Error(`hash type ${type}`);
}

export function digest(type: number, bytes: Uint8Array, size: number): Buffer {
  return createHash(hashName(type)).update(bytes).digest().subarray(0, size);
}

/** Hash stored for code page `page` (page ≥ 0) or special slot −n (page = −n). */
export function slotHash(cd: CodeDirectory, page: number): Uint8Array {
  const at = cd.hashOffset + page * cd.hashSize;
  return cd.bytes.subarray(at, at + cd.hashSize);
}

/** The cdhash a parent's seal or the kernel names: the CodeDirectory's own hash, truncated to 20 bytes. */
export function cdhash(cd: CodeDirectory): string {
  return createHash(hashName(cd.hashType)).update(cd.bytes).digest().subarray(0, 20).toString('hex');
}

/** Page numbers whose hash does not match, for the first mismatch only (one is enough to call the code changed). */
export function firstBadPage(cd: CodeDirectory, code: Uint8Array): number | null {
  if (cd.codeLimit > code.length) return 0;
  const page = cd.pageSize || cd.codeLimit;
  for (let i = 0; i < cd.codeSlots; i++) {
    const start = i * page;
    const end = Math.min(start + page, cd.codeLimit);
    if (!digest(cd.hashType, code.subarray(start, end), cd.hashSize).equals(slotHash(cd, i))) return i;
  }
  return null;
}
