// CMS SignedData (RFC 5652 §5), the envelope of every provisioning profile (Apple TN3125) and of its
// DER-Encoded-Profile. Sliced in place with the TLV reader: the encapsulated content, the raw certificates, and each
// signer's attributes and signature. `verifySigner` checks the content digest and the signature; who the signer is
// (chain, pins, names) is trust.ts' concern.
import { bytesEqual } from './bytes';
import { DerReader, Tag, TagClass, type Tlv } from './der';
import { subtle } from './crypto';
import type { ErrorCode } from './errors';
import type { ParsedCertificate } from './certificate';
import { bufferSource, digestName, signatureHash, verifySignature } from './signature';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
} as const;

export interface SignerInfo {
  /** IssuerAndSerialNumber; null when the signer is named by subjectKeyIdentifier. */
  issuerDer: Uint8Array | null;
  serialNumber: string | null;
  digestAlgorithm: string;
  /** The signed attributes re-encoded as the SET OF that was actually signed (RFC 5652 §5.4); null when absent. */
  signedAttributes: Uint8Array | null;
  messageDigest: Uint8Array | null;
  /** ISO-8601, from the signingTime attribute. */
  signingTime: string | null;
  signatureAlgorithm: string;
  signature: Uint8Array;
}

export interface SignedData {
  contentType: string;
  /** The encapsulated content (constructed BER OCTET STRINGs joined); null when detached. */
  content: Uint8Array | null;
  /** Each certificate's DER, in bag order. */
  certificates: Uint8Array[];
  signers: SignerInfo[];
}

/** True when the bytes open like a DER/BER ContentInfo (SEQUENCE, then the signedData OID). */
export function looksLikeCms(bytes: Uint8Array): boolean {
  return bytes.length > 16 && bytes[0] === 0x30 && indexOfSignedDataOid(bytes.subarray(0, 24)) >= 0;
}

const SIGNED_DATA_OID_DER = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

function indexOfSignedDataOid(head: Uint8Array): number {
  outer: for (let i = 0; i + SIGNED_DATA_OID_DER.length <= head.length; i++) {
    for (let j = 0; j < SIGNED_DATA_OID_DER.length; j++) if (head[i + j] !== SIGNED_DATA_OID_DER[j]) continue outer;
    return i;
  }
  return -1;
}

/** Parses ContentInfo → SignedData. Throws ProvlensError(`errorCode`) when the structure does not parse. */
export function parseSignedData(bytes: Uint8Array, errorCode: ErrorCode = 'malformed-cms'): SignedData {
  const r = new DerReader(bytes, errorCode);
  const contentInfo = r.children(r.expect(r.read(0), Tag.sequence, 'a ContentInfo SEQUENCE'));
  if (r.oid(r.expect(contentInfo[0], Tag.oid, 'a content type')) !== OID.signedData) r.fail('not CMS SignedData');
  const explicit = r.expect(contentInfo[1], 0, '[0] content', TagClass.context);
  const fields = r.children(r.expect(r.children(explicit)[0], Tag.sequence, 'SignedData'));
  const encap = r.children(r.expect(fields[2], Tag.sequence, 'EncapsulatedContentInfo'));
  const wrapped = encap[1] ? r.children(r.expect(encap[1], 0, '[0] eContent', TagClass.context))[0] : undefined;
  let certificates: Uint8Array[] = [];
  let signerSet: Tlv | undefined;
  for (const field of fields.slice(3)) {
    if (field.tagClass === TagClass.context && field.tagNumber === 0) {
      certificates = r.children(field).filter((c) => c.tagNumber === Tag.sequence && c.tagClass === TagClass.universal).map((c) => r.raw(c));
    } else if (field.tagClass === TagClass.universal && field.tagNumber === Tag.set) {
      signerSet = field;
    }
  }
  return {
    contentType: r.oid(r.expect(encap[0], Tag.oid, 'eContentType')),
    content: wrapped ? r.content(r.expect(wrapped, Tag.octetString, 'eContent OCTET STRING')) : null,
    certificates,
    signers: signerSet ? r.children(signerSet).map((s) => parseSignerInfo(r, s)) : [],
  };
}

function parseSignerInfo(r: DerReader, tlv: Tlv): SignerInfo {
  const fields = r.children(r.expect(tlv, Tag.sequence, 'SignerInfo'));
  const sid = fields[1] ?? r.fail('SignerInfo without sid');
  let issuerDer: Uint8Array | null = null;
  let serialNumber: string | null = null;
  if (sid.tagClass === TagClass.universal && sid.tagNumber === Tag.sequence) {
    const [issuer, serial] = r.children(sid);
    issuerDer = r.raw(r.expect(issuer, Tag.sequence, 'issuer Name'));
    serialNumber = r.integerHex(r.expect(serial, Tag.integer, 'serialNumber'));
  }
  const digestAlgorithm = r.oid(r.children(r.expect(fields[2], Tag.sequence, 'digestAlgorithm'))[0] ?? r.fail('empty algorithm'));
  let i = 3;
  let attrs: Tlv | null = null;
  if (fields[i]?.tagClass === TagClass.context && fields[i]?.tagNumber === 0) attrs = fields[i++]!;
  const signatureAlgorithm = r.oid(r.children(r.expect(fields[i++], Tag.sequence, 'signatureAlgorithm'))[0] ?? r.fail('empty algorithm'));
  const signature = r.content(r.expect(fields[i], Tag.octetString, 'signature'));
  const info: SignerInfo = {
    issuerDer,
    serialNumber,
    digestAlgorithm,
    signedAttributes: null,
    messageDigest: null,
    signingTime: null,
    signatureAlgorithm,
    signature,
  };
  if (attrs) readSignedAttributes(r, attrs, info);
  return info;
}

function readSignedAttributes(r: DerReader, attrs: Tlv, info: SignerInfo): void {
  // The signature covers the attributes with their universal SET tag, not the [0] IMPLICIT tag they travel under.
  const signed = r.raw(attrs).slice();
  signed[0] = 0x31;
  info.signedAttributes = signed;
  for (const attribute of r.children(attrs)) {
    const [typeTlv, valuesTlv] = r.children(attribute);
    if (!typeTlv || !valuesTlv) continue;
    const value = r.children(valuesTlv)[0];
    if (!value) continue;
    const type = r.oid(typeTlv);
    if (type === OID.messageDigest) info.messageDigest = r.content(r.expect(value, Tag.octetString, 'messageDigest'));
    else if (type === OID.signingTime) info.signingTime = r.time(value);
  }
}

export type SignerCheck = 'ok' | 'digest-mismatch' | 'signature-mismatch' | 'unsupported-algorithm';

/** Checks one signer over `content` with `cert`'s key: the messageDigest attribute, then the signature itself. */
export async function verifySigner(signer: SignerInfo, content: Uint8Array, cert: ParsedCertificate): Promise<SignerCheck> {
  const hash = signatureHash(signer.signatureAlgorithm) ?? digestName(signer.digestAlgorithm);
  const contentHash = digestName(signer.digestAlgorithm);
  if (!hash || !contentHash) return 'unsupported-algorithm';
  if (!signer.signedAttributes) {
    return (await verifySignature(cert, hash, signer.signature, content)) ? 'ok' : 'signature-mismatch';
  }
  const digest = new Uint8Array(await subtle().digest(contentHash, bufferSource(content)));
  if (!signer.messageDigest || !bytesEqual(digest, signer.messageDigest)) return 'digest-mismatch';
  return (await verifySignature(cert, hash, signer.signature, signer.signedAttributes)) ? 'ok' : 'signature-mismatch';
}
