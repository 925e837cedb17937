// The embedded code signature of a Mach-O slice: a SuperBlob of typed blobs, all big-endian, as laid out in Apple's
// xnu osfmk/kern/cs_blobs.h (CSMAGIC_EMBEDDED_SIGNATURE, CS_CodeDirectory, CSMAGIC_BLOBWRAPPER). The signature blob
// wraps a detached CMS SignedData (RFC 5652) over the CodeDirectory; its signer is the developer certificate that
// signed the executable, found by matching the SignerInfo's sid to the certificate bag (RFC 5652 §5.3), not by
// taking the first certificate (the bag also holds Apple's intermediate and root).
import { parseCertificate, describeCertificate, type ParsedCertificate } from '../cms/certificate';
import { parseSignedData, verifySigner, type SignerInfo } from '../cms/cms';
import { bytesEqual } from '../bytes';
import { isProvlensError } from '../errors';
import type { SigningCertificate } from '../types';

export const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
export const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
export const CSMAGIC_BLOBWRAPPER = 0xfade0b01;
export const CSSLOT_CODEDIRECTORY = 0;
export const CSSLOT_SIGNATURESLOT = 0x10000;

const CD_TEAM_OFFSET_VERSION = 0x20200;

export interface CodeSignatureBlobs {
  /** The primary CodeDirectory blob (what the CMS signs). */
  codeDirectory: Uint8Array | null;
  /** The signing identifier recorded in the CodeDirectory (normally the bundle id). */
  identifier: string | null;
  /** The Team ID recorded in the CodeDirectory (version ≥ 0x20200). */
  teamId: string | null;
  /** DER of the CMS SignedData; null when absent or empty (ad-hoc signatures carry an empty wrapper). */
  cms: Uint8Array | null;
}

/** Reads the blobs ProvLens needs out of an embedded-signature SuperBlob; null when the bytes are not one. */
export function readCodeSignature(superBlob: Uint8Array): CodeSignatureBlobs | null {
  const view = new DataView(superBlob.buffer, superBlob.byteOffset, superBlob.byteLength);
  if (superBlob.length < 12 || view.getUint32(0, false) !== CSMAGIC_EMBEDDED_SIGNATURE) return null;
  const length = Math.min(view.getUint32(4, false), superBlob.length);
  const count = view.getUint32(8, false);
  const blobs: CodeSignatureBlobs = { codeDirectory: null, identifier: null, teamId: null, cms: null };
  for (let i = 0; i < count && 12 + i * 8 + 8 <= length; i++) {
    const type = view.getUint32(12 + i * 8, false);
    const offset = view.getUint32(16 + i * 8, false);
    const blob = blobAt(view, superBlob, offset, length);
    if (!blob) continue;
    if (type === CSSLOT_CODEDIRECTORY && blob.magic === CSMAGIC_CODEDIRECTORY) {
      Object.assign(blobs, { codeDirectory: blob.bytes, ...codeDirectoryNames(blob.bytes) });
    } else if (type === CSSLOT_SIGNATURESLOT && blob.magic === CSMAGIC_BLOBWRAPPER && blob.bytes.length > 8) {
      blobs.cms = blob.bytes.subarray(8);
    }
  }
  return blobs;
}

function blobAt(view: DataView, bytes: Uint8Array, offset: number, end: number): { magic: number; bytes: Uint8Array } | null {
  if (offset + 8 > end) return null;
  const magic = view.getUint32(offset, false);
  const length = view.getUint32(offset + 4, false);
  if (length < 8 || offset + length > end) return null;
  return { magic, bytes: bytes.subarray(offset, offset + length) };
}

function codeDirectoryNames(cd: Uint8Array): { identifier: string | null; teamId: string | null } {
  const view = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
  if (cd.length < 44) return { identifier: null, teamId: null };
  const version = view.getUint32(8, false);
  const identifier = cString(cd, view.getUint32(20, false));
  const teamId = version >= CD_TEAM_OFFSET_VERSION && cd.length >= 52 ? cString(cd, view.getUint32(48, false)) : null;
  return { identifier, teamId };
}

function cString(bytes: Uint8Array, offset: number): string | null {
  if (offset === 0 || offset >= bytes.length) return null;
  const end = bytes.indexOf(0, offset);
  return new TextDecoder().decode(bytes.subarray(offset, end === -1 ? bytes.length : end)) || null;
}

export interface CodeSigner {
  certificate: SigningCertificate | null;
  /** Why no certificate could be named, or why the one named does not vouch for this CodeDirectory. */
  problem: string | null;
}

/**
 * The certificate that signed the CodeDirectory: the bag's certificate named by the first SignerInfo's
 * issuerAndSerialNumber, checked against the CodeDirectory it signs (chain and revocation are the device's concern).
 */
export async function codeSigner(blobs: CodeSignatureBlobs): Promise<CodeSigner> {
  if (!blobs.cms) return { certificate: null, problem: 'the code signature carries no certificate (ad-hoc or unsigned)' };
  try {
    const signed = parseSignedData(blobs.cms);
    const signer = signed.signers[0];
    if (!signer) return { certificate: null, problem: 'the code signature names no signer' };
    const bag = await Promise.all(signed.certificates.map((der) => parseCertificate(der)));
    const cert = bag.find((candidate) => isNamedSigner(candidate, signer));
    if (!cert) return { certificate: null, problem: "the code signature's signer certificate is not in its certificate bag" };
    return { certificate: describeCertificate(cert), problem: await signatureProblem(signer, blobs.codeDirectory, cert) };
  } catch (error) {
    if (!isProvlensError(error)) throw error;
    return { certificate: null, problem: `the code signature's CMS does not parse (${error.message})` };
  }
}

function isNamedSigner(cert: ParsedCertificate, signer: SignerInfo): boolean {
  return signer.issuerDer !== null && bytesEqual(cert.issuerDer, signer.issuerDer) && cert.serialNumber === signer.serialNumber;
}

async function signatureProblem(signer: SignerInfo, codeDirectory: Uint8Array | null, cert: ParsedCertificate): Promise<string | null> {
  if (!codeDirectory) return 'the code signature has no CodeDirectory for its CMS to cover';
  const check = await verifySigner(signer, codeDirectory, cert);
  return check === 'ok' ? null : `the code signature's CMS does not verify over its CodeDirectory (${check}): the binary was altered or fake-signed`;
}
