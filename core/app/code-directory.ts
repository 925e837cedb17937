// Every blob of an embedded code signature, bounds-checked, as laid out in Apple's xnu osfmk/kern/cs_blobs.h:
// SuperBlob CSMAGIC_EMBEDDED_SIGNATURE → CodeDirectory (slot 0, alternates CSSLOT_ALTERNATE_CODEDIRECTORIES 0x1000…),
// requirements (slot 2), entitlements (slot 5, XML), DER entitlements (slot 7), CMS wrapper (0x10000). The
// CodeDirectory fields follow struct CS_CodeDirectory up to codeLimit64 (version 0x20300). Never throws: a structure
// that lies (offsets outside a blob, a slot count that overflows) becomes a `problem`, so the caller can name it.

export const CSSLOT = {
  codeDirectory: 0,
  infoPlist: 1,
  requirements: 2,
  resourceDir: 3,
  entitlements: 5,
  derEntitlements: 7,
  alternateFirst: 0x1000,
  alternateLast: 0x1004,
  signature: 0x10000,
} as const;

const CSMAGIC = {
  embeddedSignature: 0xfade0cc0,
  codeDirectory: 0xfade0c02,
  requirements: 0xfade0c01,
  entitlements: 0xfade7171,
  derEntitlements: 0xfade7172,
  blobWrapper: 0xfade0b01,
} as const;

export type CodeHash = 'SHA-1' | 'SHA-256' | 'SHA-256/20' | 'SHA-384';

// cs_blobs.h CS_HASHTYPE_*: value → (name, digest size, strength rank used to pick the strongest CodeDirectory).
const HASH_TYPES: ReadonlyMap<number, { name: CodeHash; size: number; rank: number }> = new Map([
  [1, { name: 'SHA-1', size: 20, rank: 1 }],
  [2, { name: 'SHA-256', size: 32, rank: 3 }],
  [3, { name: 'SHA-256/20', size: 20, rank: 2 }],
  [4, { name: 'SHA-384', size: 48, rank: 4 }],
]);

const CODELIMIT64_VERSION = 0x20300;
const TEAM_OFFSET_VERSION = 0x20200;
// More special slots than cs_blobs.h defines (CSSLOT_LAUNCH_CONSTRAINT_* end at 11) is a hostile count.
const MAX_SPECIAL_SLOTS = 64;
const MAX_SUPERBLOB_ENTRIES = 64;

export interface CodeDirectory {
  /** The whole blob: what the CMS signs and what the cdhash is taken over. */
  bytes: Uint8Array;
  slot: number;
  version: number;
  hash: CodeHash;
  hashSize: number;
  /** Bytes per code page; 0 means "one page up to codeLimit" (pageSize 0 in the header). */
  pageSize: number;
  codeLimit: number;
  codeSlots: number;
  specialSlots: number;
  hashOffset: number;
  identifier: string | null;
  teamId: string | null;
  rank: number;
}

export interface SignatureBlobs {
  /** Slot 0: the one the CMS signs. */
  primary: CodeDirectory | null;
  /** The strongest hash among the primary and the alternates: the one iOS checks pages and slots with. */
  strongest: CodeDirectory | null;
  all: CodeDirectory[];
  requirements: Uint8Array | null;
  entitlements: Uint8Array | null;
  derEntitlements: Uint8Array | null;
  /** The CMS SignedData DER; null when the wrapper is empty (ad-hoc) or absent. */
  cms: Uint8Array | null;
  hasSignatureSlot: boolean;
  problems: string[];
}

export function parseSuperBlob(superBlob: Uint8Array): SignatureBlobs {
  const out: SignatureBlobs = {
    primary: null, strongest: null, all: [], requirements: null, entitlements: null, derEntitlements: null,
    cms: null, hasSignatureSlot: false, problems: [],
  };
  const view = new DataView(superBlob.buffer, superBlob.byteOffset, superBlob.byteLength);
  if (superBlob.length < 12 || view.getUint32(0) !== CSMAGIC.embeddedSignature) {
    out.problems.push('the code signature is not an embedded-signature SuperBlob (truncated or wrong magic)');
    return out;
  }
  const length = view.getUint32(4);
  if (length > superBlob.length) out.problems.push(`the SuperBlob claims ${length} bytes but only ${superBlob.length} are there (truncated)`);
  const end = Math.min(length, superBlob.length);
  const count = view.getUint32(8);
  if (count > MAX_SUPERBLOB_ENTRIES || 12 + count * 8 > end) {
    out.problems.push(`the SuperBlob index lists ${count} blobs, more than fit in it`);
    return out;
  }
  for (let i = 0; i < count; i++) {
    const type = view.getUint32(12 + i * 8);
    const offset = view.getUint32(16 + i * 8);
    const blob = blobAt(view, superBlob, offset, end);
    if (!blob) {
      out.problems.push(`blob ${i} (slot 0x${type.toString(16)}) lies outside the SuperBlob`);
      continue;
    }
    take(out, type, blob);
  }
  out.strongest = out.all.reduce<CodeDirectory | null>((best, cd) => (!best || cd.rank > best.rank ? cd : best), null);
  return out;
}

function take(out: SignatureBlobs, type: number, blob: { magic: number; bytes: Uint8Array }): void {
  const isCd = type === CSSLOT.codeDirectory || (type >= CSSLOT.alternateFirst && type <= CSSLOT.alternateLast);
  if (isCd && blob.magic === CSMAGIC.codeDirectory) {
    const cd = readCodeDirectory(blob.bytes, type);
    if (typeof cd === 'string') out.problems.push(cd);
    else {
      out.all.push(cd);
      if (type === CSSLOT.codeDirectory) out.primary = cd;
    }
  } else if (type === CSSLOT.requirements && blob.magic === CSMAGIC.requirements) out.requirements = blob.bytes;
  else if (type === CSSLOT.entitlements && blob.magic === CSMAGIC.entitlements) out.entitlements = blob.bytes;
  else if (type === CSSLOT.derEntitlements && blob.magic === CSMAGIC.derEntitlements) out.derEntitlements = blob.bytes;
  else if (type === CSSLOT.signature && blob.magic === CSMAGIC.blobWrapper) {
    out.hasSignatureSlot = true;
    if (blob.bytes.length > 8) out.cms = blob.bytes.subarray(8);
  }
}

function blobAt(view: DataView, bytes: Uint8Array, offset: number, end: number): { magic: number; bytes: Uint8Array } | null {
  if (offset + 8 > end) return null;
  const length = view.getUint32(offset + 4);
  if (length < 8 || offset + length > end) return null;
  return { magic: view.getUint32(offset), bytes: bytes.subarray(offset, offset + length) };
}

/** A CodeDirectory, or the reason it cannot be one. */
export function readCodeDirectory(cd: Uint8Array, slot: number): CodeDirectory | string {
  const where = slot === 0 ? 'the CodeDirectory' : `the alternate CodeDirectory 0x${slot.toString(16)}`;
  if (cd.length < 44) return `${where} is truncated`;
  const view = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
  const version = view.getUint32(8);
  const hashOffset = view.getUint32(16);
  const specialSlots = view.getUint32(24);
  const codeSlots = view.getUint32(28);
  const hashSize = view.getUint8(36);
  const type = HASH_TYPES.get(view.getUint8(37));
  const pageShift = view.getUint8(39);
  let codeLimit = view.getUint32(32);
  if (version >= CODELIMIT64_VERSION && cd.length >= 64) {
    const wide = view.getBigUint64(56);
    if (wide > 0n) codeLimit = wide > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(wide);
  }
  if (!type || type.size !== hashSize) return `${where} uses an unknown hash type or size`;
  if (pageShift > 30) return `${where} has an impossible page size 2^${pageShift}`;
  const pageSize = pageShift === 0 ? 0 : 2 ** pageShift;
  if (specialSlots > MAX_SPECIAL_SLOTS) return `${where} claims ${specialSlots} special slots`;
  // Slot tables are checked in 64-bit-safe doubles: a page count that overflows 32 bits cannot pass.
  if (hashOffset < specialSlots * hashSize || hashOffset + codeSlots * hashSize > cd.length) {
    return `${where}'s hash table (${codeSlots} pages of ${hashSize} bytes at ${hashOffset}) lies outside it`;
  }
  const expectedSlots = pageSize === 0 ? (codeLimit > 0 ? 1 : 0) : Math.ceil(codeLimit / pageSize);
  if (codeSlots !== expectedSlots) return `${where} lists ${codeSlots} pages but its code limit ${codeLimit} needs ${expectedSlots}`;
  return {
    bytes: cd,
    slot,
    version,
    hash: type.name,
    hashSize,
    pageSize,
    codeLimit,
    codeSlots,
    specialSlots,
    hashOffset,
    identifier: cString(cd, view.getUint32(20)),
    teamId: version >= TEAM_OFFSET_VERSION && cd.length >= 52 ? cString(cd, view.getUint32(48)) : null,
    rank: type.rank,
  };
}

/** The hash recorded for special slot −n (1 = Info.plist …); null when the slot is beyond the table. */
export function specialSlotHash(cd: CodeDirectory, n: number): Uint8Array | null {
  if (n < 1 || n > cd.specialSlots) return null;
  const at = cd.hashOffset - n * cd.hashSize;
  return cd.bytes.subarray(at, at + cd.hashSize);
}

export function codeSlotHash(cd: CodeDirectory, page: number): Uint8Array {
  const at = cd.hashOffset + page * cd.hashSize;
  return cd.bytes.subarray(at, at + cd.hashSize);
}

/** The plist payload of an entitlements blob (after its 8-byte header). */
export function blobPayload(blob: Uint8Array): Uint8Array {
  return blob.subarray(8);
}

function cString(bytes: Uint8Array, offset: number): string | null {
  if (offset === 0 || offset >= bytes.length) return null;
  const end = bytes.indexOf(0, offset);
  return new TextDecoder().decode(bytes.subarray(offset, end === -1 ? bytes.length : end)) || null;
}
