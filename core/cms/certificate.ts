// X.509 certificates (RFC 5280 §4.1), read in place with the TLV reader: the fields a profile's reader shows
// (subject CN / OU = Team ID / O, issuer CN, serial, validity, fingerprints) and what chain checks need (raw TBS,
// signature, SPKI, raw names, basicConstraints). Parsed results are memoized on their exact bytes: Apple's CA and signing
// certificates repeat across every profile.
import { bytesEqual } from '../bytes';
import { DerReader, Tag, TagClass, type Tlv } from '../asn1/der';
import { digestHex } from './digest';
import type { DeveloperCertificate } from '../types';

export interface NameParts {
  commonName: string | null;
  organizationalUnit: string | null;
  organization: string | null;
  /** userId (0.9.2342.19200300.100.1.1): older distribution certificates carry the Team ID only here. */
  userId: string | null;
}

export interface ParsedCertificate {
  der: Uint8Array;
  sha1: string;
  sha256: string;
  /** The DER of TBSCertificate: what the issuer signed. */
  tbs: Uint8Array;
  signatureAlgorithm: string;
  /** The signature AlgorithmIdentifier's parameters (raw DER); null when absent. */
  signatureParams: Uint8Array | null;
  /** RFC 5280 §4.1.1.2: the TBS must name the same algorithm as the outer signatureAlgorithm. */
  tbsSignatureAlgorithmMatches: boolean;
  /** BIT STRING content without the unused-bits octet. */
  signature: Uint8Array;
  serialNumber: string;
  issuerDer: Uint8Array;
  subjectDer: Uint8Array;
  issuer: NameParts;
  subject: NameParts;
  notBefore: string;
  notAfter: string;
  /** SubjectPublicKeyInfo DER, importable with WebCrypto's 'spki' format. */
  spki: Uint8Array;
  publicKeyAlgorithm: string;
  /** Named curve OID for EC keys, null otherwise. */
  curve: string | null;
  /** basicConstraints cA; null when the extension is absent. */
  isCa: boolean | null;
  /** The subjectKeyIdentifier extension (RFC 5280 §4.2.1.2); CMS signers may be named by it. Null when absent. */
  subjectKeyIdentifier: Uint8Array | null;
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  userId: '0.9.2342.19200300.100.1.1',
  basicConstraints: '2.5.29.19',
  subjectKeyIdentifier: '2.5.29.14',
  ecPublicKey: '1.2.840.10045.2.1',
} as const;

const CACHE_LIMIT = 512;
// Keyed by an FNV-1a hash of the bytes, then compared byte for byte: an exact match costs ~1 µs, a WebCrypto digest
// ~30 µs. (Keying by length alone made a bag of a thousand same-length look-alikes quadratic.)
const cache = new Map<number, ParsedCertificate[]>();
let cached = 0;

// The same views come back within one verification (checked while parsing the bag, parsed again to verify).
const keysOfViews = new WeakMap<Uint8Array, number>();

function cacheKey(der: Uint8Array): number {
  const known = keysOfViews.get(der);
  if (known !== undefined) return known;
  let hash = 0x811c9dc5;
  for (let i = 0; i < der.length; i++) hash = Math.imul(hash ^ der[i]!, 0x01000193);
  keysOfViews.set(der, hash >>> 0);
  return hash >>> 0;
}

function cachedCertificate(der: Uint8Array, key: number): ParsedCertificate | undefined {
  return cache.get(key)?.find((cert) => bytesEqual(cert.der, der));
}

/** Parses a certificate (memoized on its exact bytes). Throws ProvlensError('malformed-cms') on bad DER. */
export async function parseCertificate(der: Uint8Array): Promise<ParsedCertificate> {
  const key = cacheKey(der);
  const known = cachedCertificate(der, key);
  if (known) return known;
  // Read already by checkCertificate (a CMS bag is checked before it is verified): only the digests are missing.
  const fields = takeChecked(der, key) ?? parseCertificateFields(der.slice(), '', '');
  const [sha1, sha256] = await Promise.all([digestHex('SHA-1', fields.der), digestHex('SHA-256', fields.der)]);
  const parsed = { ...fields, sha1, sha256 };
  if (cached >= CACHE_LIMIT) {
    cache.clear();
    cached = 0;
  }
  const bucket = cache.get(key);
  if (bucket) bucket.push(parsed);
  else cache.set(key, [parsed]);
  cached++;
  return parsed;
}

// Certificates read by checkCertificate and not yet digested, so a bag's certificates are parsed once, not twice.
// Each parse takes a private copy, so neither cache pins the (much larger) file a certificate was sliced from.
const checked = new Map<number, ParsedCertificate[]>();

function takeChecked(der: Uint8Array, key: number): ParsedCertificate | undefined {
  const bucket = checked.get(key);
  const index = bucket?.findIndex((cert) => bytesEqual(cert.der, der)) ?? -1;
  return index >= 0 ? bucket!.splice(index, 1)[0] : undefined;
}

/** Throws ProvlensError('malformed-cms') unless `der` is a well-formed certificate; cheap for certificates seen before. */
export function checkCertificate(der: Uint8Array): void {
  const key = cacheKey(der);
  if (cachedCertificate(der, key) || checked.get(key)?.some((cert) => bytesEqual(cert.der, der))) return;
  const fields = parseCertificateFields(der.slice(), '', '');
  if (checked.size >= CACHE_LIMIT * 4) checked.clear();
  const bucket = checked.get(key);
  if (bucket) bucket.push(fields);
  else checked.set(key, [fields]);
}

/** A developer certificate as the profile's reader shows it. */
export async function readCertificate(der: Uint8Array): Promise<DeveloperCertificate> {
  return describeCertificate(await parseCertificate(der));
}

export function describeCertificate(cert: ParsedCertificate): DeveloperCertificate {
  return {
    commonName: cert.subject.commonName,
    teamId: cert.subject.organizationalUnit ?? cert.subject.userId,
    organization: cert.subject.organization,
    serialNumber: cert.serialNumber,
    issuer: cert.issuer.commonName,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    sha1: cert.sha1,
    sha256: cert.sha256,
  };
}

export function isValidAt(cert: ParsedCertificate, iso: string): boolean {
  return cert.notBefore <= iso && iso <= cert.notAfter;
}

export function issuedBy(child: ParsedCertificate, issuer: ParsedCertificate): boolean {
  return bytesEqual(child.issuerDer, issuer.subjectDer);
}

/**
 * Reads a certificate strictly (RFC 5280 §4.1, DER): every TBSCertificate field in order, nothing after them, minimal
 * lengths. A CMS bag is refused for one malformed certificate even when the chain does not need it (issue 14).
 */
function parseCertificateFields(der: Uint8Array, sha1: string, sha256: string): ParsedCertificate {
  const r = new DerReader(der, 'malformed-cms', true);
  const root = r.expect(r.read(0), Tag.sequence, 'a Certificate SEQUENCE');
  if (root.end !== der.length) r.fail('bytes after the Certificate');
  const [tbsTlv, algTlv, sigTlv, extra] = r.children(root);
  if (extra) r.fail('more than three fields in Certificate');
  const tbs = r.expect(tbsTlv, Tag.sequence, 'TBSCertificate');
  const fields = r.children(tbs);
  // version is [0] EXPLICIT and optional (v1 certificates omit it).
  let i = 0;
  if (fields[0]?.tagClass === TagClass.context && fields[0].tagNumber === 0) {
    const [version, more] = r.children(fields[0]);
    if (more || r.integer(r.expect(version, Tag.integer, 'version')) > 2) r.fail('bad certificate version');
    i = 1;
  }
  const serial = r.integerHex(r.expect(fields[i++], Tag.integer, 'serialNumber'));
  const tbsAlgorithm = readAlgorithm(r, fields[i++]);
  const issuerTlv = r.expect(fields[i++], Tag.sequence, 'issuer Name');
  const validity = r.children(r.expect(fields[i++], Tag.sequence, 'Validity'));
  if (validity.length !== 2) r.fail('Validity must hold notBefore and notAfter');
  const subjectTlv = r.expect(fields[i++], Tag.sequence, 'subject Name');
  const spkiTlv = r.expect(fields[i++], Tag.sequence, 'SubjectPublicKeyInfo');
  const [spkiAlgTlv, keyBits, spkiExtra] = r.children(spkiTlv);
  if (spkiExtra) r.fail('more than two fields in SubjectPublicKeyInfo');
  const spkiAlg = r.children(r.expect(spkiAlgTlv, Tag.sequence, 'SPKI algorithm'));
  bitStringBytes(r, keyBits, 'subjectPublicKey');
  const publicKeyAlgorithm = r.oid(r.expect(spkiAlg[0], Tag.oid, 'key algorithm'));
  // issuerUniqueID [1], subjectUniqueID [2], extensions [3]: optional, in this order, nothing else.
  let extensions: Tlv | undefined;
  for (let last = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (field.tagClass !== TagClass.context || field.tagNumber <= last || field.tagNumber > 3) r.fail(`unexpected field ${i} in TBSCertificate`);
    last = field.tagNumber;
    if (field.tagNumber === 3) extensions = field;
  }
  const algorithm = readAlgorithm(r, algTlv);
  return {
    der,
    sha1,
    sha256,
    tbs: r.raw(tbs),
    signatureAlgorithm: algorithm.oid,
    signatureParams: algorithm.params,
    tbsSignatureAlgorithmMatches: bytesEqual(algorithm.der, tbsAlgorithm.der),
    signature: bitStringBytes(r, sigTlv, 'signature'),
    serialNumber: serial,
    issuerDer: r.raw(issuerTlv),
    subjectDer: r.raw(subjectTlv),
    issuer: readName(r, issuerTlv),
    subject: readName(r, subjectTlv),
    notBefore: r.time(validity[0]!),
    notAfter: r.time(validity[1]!),
    spki: r.raw(spkiTlv),
    publicKeyAlgorithm,
    curve: publicKeyAlgorithm === OID.ecPublicKey && spkiAlg[1]?.tagNumber === Tag.oid ? r.oid(spkiAlg[1]) : null,
    ...(extensions ? readExtensions(r, extensions) : { isCa: null, subjectKeyIdentifier: null }),
  };
}

function readAlgorithm(r: DerReader, tlv: Tlv | undefined): { oid: string; params: Uint8Array | null; der: Uint8Array } {
  const [oid, params, extra] = r.children(r.expect(tlv, Tag.sequence, 'an AlgorithmIdentifier'));
  if (extra) r.fail('more than two fields in an AlgorithmIdentifier');
  return { oid: r.oid(r.expect(oid, Tag.oid, 'an algorithm OID')), params: params ? r.raw(params) : null, der: r.raw(tlv!) };
}

/** A BIT STRING's bytes; keys and signatures are whole octets, so the unused-bits octet must be 0. */
function bitStringBytes(r: DerReader, tlv: Tlv | undefined, what: string): Uint8Array {
  const bits = r.content(r.expect(tlv, Tag.bitString, `${what} BIT STRING`));
  if (bits.length === 0 || bits[0] !== 0) r.fail(`${what} BIT STRING has unused bits`);
  return bits.subarray(1);
}

const NAME_PARTS: Readonly<Record<string, keyof NameParts>> = {
  [OID.commonName]: 'commonName',
  [OID.organizationalUnit]: 'organizationalUnit',
  [OID.organization]: 'organization',
  [OID.userId]: 'userId',
};

/** The first CN, OU, O and UID of a Name (RFC 5280 §4.1.2.4); Apple's certificates carry one of each. */
function readName(r: DerReader, name: Tlv): NameParts {
  const parts: NameParts = { commonName: null, organizationalUnit: null, organization: null, userId: null };
  for (const rdn of r.children(name)) {
    const atvs = r.children(r.expect(rdn, Tag.set, 'a RelativeDistinguishedName SET'));
    if (atvs.length === 0) r.fail('an empty RelativeDistinguishedName');
    for (const atv of atvs) {
      const [typeTlv, valueTlv, extra] = r.children(r.expect(atv, Tag.sequence, 'an AttributeTypeAndValue'));
      if (!valueTlv || extra) r.fail('an AttributeTypeAndValue must hold a type and a value');
      const type = r.oid(r.expect(typeTlv, Tag.oid, 'an attribute type'));
      const key = NAME_PARTS[type];
      if (key && parts[key] === null) parts[key] = r.text(valueTlv);
    }
  }
  return parts;
}

/** Extensions (RFC 5280 §4.1.2.9): each one well-formed and listed once; basicConstraints and subjectKeyIdentifier read. */
function readExtensions(r: DerReader, field: Tlv): { isCa: boolean | null; subjectKeyIdentifier: Uint8Array | null } {
  const [list, extra] = r.children(field);
  const extensions = r.children(r.expect(list, Tag.sequence, 'Extensions'));
  if (extra || extensions.length === 0) r.fail('Extensions must be one non-empty SEQUENCE');
  const seen = new Set<string>();
  let isCa: boolean | null = null;
  let subjectKeyIdentifier: Uint8Array | null = null;
  for (const ext of extensions) {
    const parts = r.children(r.expect(ext, Tag.sequence, 'an Extension'));
    const id = r.oid(r.expect(parts[0], Tag.oid, 'extnID'));
    if (seen.has(id)) r.fail(`extension ${id} appears twice`);
    seen.add(id);
    if (parts.length === 3) r.expect(parts[1], Tag.boolean, 'critical BOOLEAN');
    else if (parts.length !== 2) r.fail(`extension ${id} has ${parts.length} fields`);
    const value = r.content(r.expect(parts[parts.length - 1], Tag.octetString, 'extnValue OCTET STRING'));
    if (id === OID.basicConstraints) isCa = readBasicConstraints(value);
    else if (id === OID.subjectKeyIdentifier) subjectKeyIdentifier = readOctetString(value);
  }
  return { isCa, subjectKeyIdentifier };
}

function readBasicConstraints(value: Uint8Array): boolean {
  const inner = new DerReader(value, 'malformed-cms', true);
  const seq = inner.expect(inner.read(0), Tag.sequence, 'BasicConstraints');
  const first = inner.children(seq)[0];
  return first?.tagNumber === Tag.boolean ? inner.content(first)[0] !== 0 : false;
}

function readOctetString(value: Uint8Array): Uint8Array {
  const inner = new DerReader(value, 'malformed-cms', true);
  const tlv = inner.expect(inner.read(0), Tag.octetString, 'SubjectKeyIdentifier');
  if (tlv.end !== value.length) inner.fail('bytes after the SubjectKeyIdentifier');
  return inner.content(tlv);
}
