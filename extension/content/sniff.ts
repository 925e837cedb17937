// Is a chosen file worth decoding? Decided from its first bytes only, so the page's other uploads (images, CSVs,
// apps of other platforms) never wake the decoder. Follows what the files are, not what they are called:
// a CMS SignedData (RFC 5652 ContentInfo, OID 1.2.840.113549.1.7.2, DER or indefinite-length BER) as Apple signs
// profiles (TN3125); an XML or binary plist (a decoded profile, which the panel then calls unsigned); a zip (PKWARE
// APPNOTE 4.3.7), which an .ipa is. Anything else is left alone.
export type UploadKind = 'profile' | 'app';

/** How much of the file the sniffer needs: the ContentInfo header, or where a plist's opening tag can sit. */
export const SNIFF_BYTES = 1024;

const SIGNED_DATA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
const ZIP_MAGICS = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
];
const BINARY_PLIST = [0x62, 0x70, 0x6c, 0x69, 0x73, 0x74]; // "bplist"

function matchesAt(bytes: Uint8Array, offset: number, magic: readonly number[]): boolean {
  return bytes.length >= offset + magic.length && magic.every((byte, index) => bytes[offset + index] === byte);
}

function isSignedData(head: Uint8Array): boolean {
  if (head[0] !== 0x30 || head.length < 2) return false;
  const length = head[1] ?? 0;
  // Short form, indefinite (0x80) or long form with 1–4 length bytes; the OID follows the length.
  const lengthBytes = length < 0x80 || length === 0x80 ? 0 : length - 0x80;
  return lengthBytes <= 4 && matchesAt(head, 2 + lengthBytes, SIGNED_DATA_OID);
}

function isPlist(head: Uint8Array): boolean {
  if (matchesAt(head, 0, BINARY_PLIST)) return true;
  // Latin-1 keeps byte offsets; some exported profiles carry a BOM or a stray byte before the XML.
  const text = String.fromCharCode(...head.subarray(0, SNIFF_BYTES));
  return /<plist[\s>]/.test(text);
}

export function sniffUpload(head: Uint8Array): UploadKind | null {
  if (ZIP_MAGICS.some((magic) => matchesAt(head, 0, magic))) return 'app';
  return isSignedData(head) || isPlist(head) ? 'profile' : null;
}
