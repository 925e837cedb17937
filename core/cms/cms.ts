// CMS SignedData (RFC 5652 §5), the envelope of every provisioning profile (Apple TN3125), of its
// DER-Encoded-Profile and of an app's code signature (detached, over the CodeDirectory). Read strictly with the TLV
// reader: every field of SignedData and SignerInfo in order and nothing else, every bag certificate well-formed
// (RFC 5280, DER), signed attributes in DER with the RFC 5652 §11 rules OpenSSL also enforces. A malformed part
// anywhere is ProvlensError('malformed-cms') naming where it is, even where no signature or chain needs it.
// `verifySigner` checks one signer's digest and signature; who the signer is (chain, pins, names) is trust.ts' concern.
import { bytesEqual } from '../bytes';
import { checkCertificate, type ParsedCertificate } from './certificate';
import { DerReader, Tag, TagClass, type Tlv } from '../asn1/der';
import { ProvlensError, type ErrorCode } from '../errors';
import { digestBytes } from './digest';
import { digestName, keyMismatch, signatureScheme, verifySignature, type HashName, type ResolvedScheme } from './signature';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  counterSignature: '1.2.840.113549.1.9.6',
} as const;

export interface AlgorithmIdentifier {
  oid: string;
  /** The parameters' raw DER; null when absent. */
  params: Uint8Array | null;
}

export interface SignerInfo {
  /** CMSVersion as written (RFC 5652 says 1 for issuerAndSerialNumber, 3 for subjectKeyIdentifier). */
  version: number;
  /** IssuerAndSerialNumber; null when the signer is named by subjectKeyIdentifier. */
  issuerDer: Uint8Array | null;
  serialNumber: string | null;
  /** SubjectKeyIdentifier (RFC 5652 §5.3, [0] IMPLICIT); null when named by issuer and serial. */
  subjectKeyIdentifier: Uint8Array | null;
  digestAlgorithm: string;
  digestParams: Uint8Array | null;
  /** The signed attributes re-encoded as the SET OF that was actually signed (RFC 5652 §5.4); null when absent. */
  signedAttributes: Uint8Array | null;
  messageDigest: Uint8Array | null;
  /** The content-type attribute, which must name eContentType (RFC 5652 §11.1); null without signed attributes. */
  contentTypeAttribute: string | null;
  /** ISO-8601, from the signingTime attribute. */
  signingTime: string | null;
  signatureAlgorithm: string;
  signatureParams: Uint8Array | null;
  signature: Uint8Array;
}

export interface SignedData {
  version: number;
  /** The digestAlgorithms SET, in order. */
  digestAlgorithms: AlgorithmIdentifier[];
  contentType: string;
  /** The encapsulated content (constructed BER OCTET STRINGs joined); null when detached. */
  content: Uint8Array | null;
  /** Each certificate's DER, in bag order; every one has parsed strictly. */
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

/** Runs `read`, prefixing any parse failure with where it happened ("SignerInfo 2: signedAttrs: …"). */
function at<T>(where: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ProvlensError) throw new ProvlensError(error.code, `${where}: ${error.message}`, { cause: error });
    throw error;
  }
}

function only(r: DerReader, parent: Tlv, what: string): Tlv {
  const [child, extra] = r.children(parent);
  if (!child || extra) r.fail(`${what} must hold exactly one element`);
  return child;
}

/** Parses ContentInfo → SignedData strictly. Throws ProvlensError(`errorCode`) saying where the structure breaks. */
export function parseSignedData(bytes: Uint8Array, errorCode: ErrorCode = 'malformed-cms'): SignedData {
  const r = new DerReader(bytes, errorCode);
  const root = r.expect(r.read(0), Tag.sequence, 'a ContentInfo SEQUENCE');
  // Trailing bytes after a CMS envelope are not covered by anything; OpenSSL ignores them, so do we (some tools pad).
  const [typeTlv, explicit, extra] = r.children(root);
  if (extra) r.fail('ContentInfo: more than two fields');
  if (r.oid(r.expect(typeTlv, Tag.oid, 'a content type')) !== OID.signedData) r.fail('not CMS SignedData');
  const signedData = only(r, r.expect(explicit, 0, '[0] content', TagClass.context), 'ContentInfo [0]');
  const fields = r.children(r.expect(signedData, Tag.sequence, 'SignedData'));
  const version = at('SignedData.version', () => r.integer(r.expect(fields[0], Tag.integer, 'an INTEGER')));
  const digestAlgorithms = at('SignedData.digestAlgorithms', () => r.children(r.expect(fields[1], Tag.set, 'a SET')).map((a) => readAlgorithm(r, a)));
  const { contentType, content } = at('SignedData.encapContentInfo', () => readEncapsulated(r, fields[2]));
  let i = 3;
  let certificates: Uint8Array[] = [];
  if (isContext(fields[i], 0)) certificates = at('SignedData.certificates', () => readCertificateSet(r, fields[i++]!));
  if (isContext(fields[i], 1)) at('SignedData.crls', () => readCrls(r, fields[i++]!));
  const signerSet = at('SignedData.signerInfos', () => r.expect(fields[i++], Tag.set, 'a SET OF SignerInfo'));
  if (fields[i]) r.fail(`SignedData: unexpected field after signerInfos at offset ${fields[i]!.start}`);
  const signers = r.children(signerSet).map((s, n) => at(`SignerInfo ${n + 1}`, () => parseSignerInfo(r, s)));
  return { version, digestAlgorithms, contentType, content, certificates, signers };
}

function isContext(tlv: Tlv | undefined, tagNumber: number): boolean {
  return tlv?.tagClass === TagClass.context && tlv.tagNumber === tagNumber;
}

function readAlgorithm(r: DerReader, tlv: Tlv | undefined): AlgorithmIdentifier {
  const [oid, params, extra] = r.children(r.expect(tlv, Tag.sequence, 'an AlgorithmIdentifier'));
  if (extra) r.fail('an AlgorithmIdentifier with more than two fields');
  return { oid: r.oid(r.expect(oid, Tag.oid, 'an algorithm OID')), params: params ? r.raw(params) : null };
}

function readEncapsulated(r: DerReader, tlv: Tlv | undefined): { contentType: string; content: Uint8Array | null } {
  const [typeTlv, wrapper, extra] = r.children(r.expect(tlv, Tag.sequence, 'a SEQUENCE'));
  if (extra) r.fail('more than two fields');
  const contentType = r.oid(r.expect(typeTlv, Tag.oid, 'eContentType'));
  if (!wrapper) return { contentType, content: null };
  const octets = only(r, r.expect(wrapper, 0, '[0] eContent', TagClass.context), '[0] eContent');
  return { contentType, content: r.content(r.expect(octets, Tag.octetString, 'eContent OCTET STRING')) };
}

/** CertificateSet (RFC 5652 §10.2.3): only X.509 Certificates; the obsolete and attribute-certificate choices are refused. */
function readCertificateSet(r: DerReader, field: Tlv): Uint8Array[] {
  return r.children(field).map((tlv, n) =>
    at(`certificate ${n + 1}`, () => {
      if (tlv.tagClass !== TagClass.universal || tlv.tagNumber !== Tag.sequence) r.fail('not an X.509 Certificate');
      const der = r.raw(tlv);
      try {
        checkCertificate(der);
      } catch (error) {
        // Certificates report 'malformed-cms'; inside a DER-Encoded-Profile the caller's code applies.
        if (error instanceof ProvlensError) r.fail(error.message);
        throw error;
      }
      return der;
    }),
  );
}

/** RevocationInfoChoices: read as CertificateList SEQUENCEs or [1] OtherRevocationInfoFormat; never used for trust. */
function readCrls(r: DerReader, field: Tlv): void {
  r.children(field).forEach((tlv, n) =>
    at(`crl ${n + 1}`, () => {
      if (isContext(tlv, 1)) return;
      const parts = r.children(r.expect(tlv, Tag.sequence, 'a CertificateList'));
      if (parts.length !== 3) r.fail('a CertificateList must hold three fields');
    }),
  );
}

function parseSignerInfo(r: DerReader, tlv: Tlv): SignerInfo {
  const fields = r.children(r.expect(tlv, Tag.sequence, 'a SignerInfo SEQUENCE'));
  const version = at('version', () => r.integer(r.expect(fields[0], Tag.integer, 'an INTEGER')));
  const { issuerDer, serialNumber, subjectKeyIdentifier } = at('sid', () => readSignerIdentifier(r, fields[1]));
  const digest = at('digestAlgorithm', () => readAlgorithm(r, fields[2]));
  let i = 3;
  const info: SignerInfo = {
    version,
    issuerDer,
    serialNumber,
    subjectKeyIdentifier,
    digestAlgorithm: digest.oid,
    digestParams: digest.params,
    signedAttributes: null,
    messageDigest: null,
    contentTypeAttribute: null,
    signingTime: null,
    signatureAlgorithm: '',
    signatureParams: null,
    signature: new Uint8Array(0),
  };
  if (isContext(fields[i], 0)) {
    const attrs = fields[i++]!;
    at('signedAttrs', () => readSignedAttributes(r, attrs, info));
  }
  const signatureAlgorithm = at('signatureAlgorithm', () => readAlgorithm(r, fields[i++]));
  info.signatureAlgorithm = signatureAlgorithm.oid;
  info.signatureParams = signatureAlgorithm.params;
  info.signature = at('signature', () => r.content(r.expect(fields[i++], Tag.octetString, 'an OCTET STRING')));
  if (isContext(fields[i], 1)) {
    const unsigned = fields[i++]!;
    at('unsignedAttrs', () => readAttributes(r, unsigned, 'unsigned'));
  }
  if (fields[i]) r.fail(`unexpected field after the signature at offset ${fields[i]!.start}`);
  return info;
}

function readSignerIdentifier(r: DerReader, sid: Tlv | undefined): Pick<SignerInfo, 'issuerDer' | 'serialNumber' | 'subjectKeyIdentifier'> {
  if (!sid) r.fail('missing');
  if (isContext(sid, 0)) {
    if (sid.constructed) r.fail('subjectKeyIdentifier must be a primitive OCTET STRING');
    return { issuerDer: null, serialNumber: null, subjectKeyIdentifier: r.content(sid) };
  }
  const [issuer, serial, extra] = r.children(r.expect(sid, Tag.sequence, 'IssuerAndSerialNumber or [0] SubjectKeyIdentifier'));
  if (extra) r.fail('IssuerAndSerialNumber with more than two fields');
  return {
    issuerDer: r.raw(r.expect(issuer, Tag.sequence, 'issuer Name')),
    serialNumber: r.integerHex(r.expect(serial, Tag.integer, 'serialNumber')),
    subjectKeyIdentifier: null,
  };
}

// RFC 5652 §11 (and OpenSSL's cms_att.c): these appear only signed, once, with one value; contentType and
// messageDigest must be present whenever signed attributes are; countersignature only unsigned.
const SIGNED_ONLY = new Set<string>([OID.contentType, OID.messageDigest, OID.signingTime]);

/** Attribute ::= SEQUENCE { attrType OID, attrValues SET OF (non-empty) }, each type once where §11 says so. */
function readAttributes(r: DerReader, set: Tlv, kind: 'signed' | 'unsigned'): Map<string, Tlv[]> {
  const byType = new Map<string, Tlv[]>();
  const attributes = r.children(set);
  if (attributes.length === 0) r.fail('an empty attribute SET');
  attributes.forEach((attribute, n) =>
    at(`attribute ${n + 1}`, () => {
      const [typeTlv, valuesTlv, extra] = r.children(r.expect(attribute, Tag.sequence, 'an Attribute SEQUENCE'));
      if (extra) r.fail('an Attribute with more than two fields');
      const type = r.oid(r.expect(typeTlv, Tag.oid, 'attrType'));
      const values = r.children(r.expect(valuesTlv, Tag.set, 'attrValues SET'));
      if (values.length === 0) r.fail(`attribute ${type} has no value`);
      if (kind === 'unsigned' && SIGNED_ONLY.has(type)) r.fail(`attribute ${type} may only be signed`);
      if (kind === 'signed' && type === OID.counterSignature) r.fail('a countersignature may not be a signed attribute');
      if (SIGNED_ONLY.has(type) && (byType.has(type) || values.length !== 1)) r.fail(`attribute ${type} must appear once with one value`);
      byType.set(type, [...(byType.get(type) ?? []), ...values]);
    }),
  );
  return byType;
}

function readSignedAttributes(r: DerReader, attrs: Tlv, info: SignerInfo): void {
  // RFC 5652 §5.3: SignedAttributes MUST be DER, whatever the rest is; the signature covers them as a universal SET.
  const signed = r.raw(attrs).slice();
  signed[0] = 0x31;
  const der = new DerReader(signed, 'malformed-cms', true);
  const set = der.read(0);
  if (set.end !== signed.length) der.fail('signed attributes are not one DER SET');
  const byType = readAttributes(der, set, 'signed');
  const contentType = byType.get(OID.contentType)?.[0] ?? der.fail('the contentType attribute is missing');
  const digest = byType.get(OID.messageDigest)?.[0] ?? der.fail('the messageDigest attribute is missing');
  const signingTime = byType.get(OID.signingTime)?.[0];
  info.signedAttributes = signed;
  info.contentTypeAttribute = der.oid(der.expect(contentType, Tag.oid, 'contentType OBJECT IDENTIFIER'));
  info.messageDigest = der.content(der.expect(digest, Tag.octetString, 'messageDigest OCTET STRING'));
  if (signingTime) info.signingTime = der.time(signingTime);
}

export type SignerCheck = 'ok' | 'digest-mismatch' | 'signature-mismatch' | 'unsupported-algorithm';

/**
 * The scheme a signer's signature is checked with, or null when it is outside the allow-list: the digest and the
 * signature algorithm allowed, agreeing with each other where the signature algorithm names a hash, and fitting the
 * certificate's key.
 */
export function signerScheme(signer: SignerInfo, cert: ParsedCertificate): { scheme: ResolvedScheme; contentHash: HashName } | null {
  const contentHash = digestName(signer.digestAlgorithm, signer.digestParams);
  const scheme = signatureScheme(signer.signatureAlgorithm, signer.signatureParams);
  if (!contentHash || !scheme || keyMismatch(cert, scheme)) return null;
  if (scheme.hash !== null && scheme.hash !== contentHash) return null;
  return { scheme: { ...scheme, hash: contentHash }, contentHash };
}

/** Checks one signer over `content` with `cert`'s key: the algorithms, the messageDigest attribute, then the signature. */
export async function verifySigner(signer: SignerInfo, content: Uint8Array, cert: ParsedCertificate): Promise<SignerCheck> {
  const algorithms = signerScheme(signer, cert);
  if (!algorithms) return 'unsupported-algorithm';
  const { scheme, contentHash } = algorithms;
  if (!signer.signedAttributes) {
    return (await verifySignature(cert, scheme, signer.signature, content)) ? 'ok' : 'signature-mismatch';
  }
  const digest = await digestBytes(contentHash, content);
  if (!signer.messageDigest || !bytesEqual(digest, signer.messageDigest)) return 'digest-mismatch';
  return (await verifySignature(cert, scheme, signer.signature, signer.signedAttributes)) ? 'ok' : 'signature-mismatch';
}

/** RFC 5652 §5.3: a SignerInfo names its certificate by issuer and serial, or by subjectKeyIdentifier. */
export function namesCertificate(signer: SignerInfo, cert: ParsedCertificate): boolean {
  if (signer.subjectKeyIdentifier) return cert.subjectKeyIdentifier !== null && bytesEqual(cert.subjectKeyIdentifier, signer.subjectKeyIdentifier);
  return signer.issuerDer !== null && cert.serialNumber === signer.serialNumber && bytesEqual(cert.issuerDer, signer.issuerDer);
}
