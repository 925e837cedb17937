// X.509 certificates (RFC 5280 §4.1), read in place with the TLV reader: the fields a profile's reader shows
// (subject CN / OU = Team ID / O, issuer CN, serial, validity, fingerprints) and what chain checks need (raw TBS,
// signature, SPKI, raw names, basicConstraints). Parsed results are memoized on their exact bytes: Apple's CA and signing
// certificates repeat across every profile.
import { bytesEqual } from './bytes';
import { DerReader, Tag, TagClass, type Tlv } from './der';
import { digestHex } from './signature';
import type { DeveloperCertificate } from './types';

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
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  userId: '0.9.2342.19200300.100.1.1',
  basicConstraints: '2.5.29.19',
  ecPublicKey: '1.2.840.10045.2.1',
} as const;

const CACHE_LIMIT = 512;
// Keyed by length, then compared byte for byte: an exact match costs ~1 µs, a WebCrypto digest ~30 µs.
const cache = new Map<number, ParsedCertificate[]>();
let cached = 0;

/** Parses a certificate (memoized on its exact bytes). Throws ProvlensError('malformed-cms') on bad DER. */
export async function parseCertificate(der: Uint8Array): Promise<ParsedCertificate> {
  const sameLength = cache.get(der.length);
  const known = sameLength?.find((cert) => bytesEqual(cert.der, der));
  if (known) return known;
  // A private copy, so the cache never pins the (much larger) file the certificate was sliced from.
  const own = der.slice();
  const [sha1, sha256] = await Promise.all([digestHex('SHA-1', own), digestHex('SHA-256', own)]);
  const parsed = parseCertificateFields(own, sha1, sha256);
  if (cached >= CACHE_LIMIT) {
    cache.clear();
    cached = 0;
  }
  cache.set(der.length, [...(cache.get(der.length) ?? []), parsed]);
  cached++;
  return parsed;
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

function parseCertificateFields(der: Uint8Array, sha1: string, sha256: string): ParsedCertificate {
  const r = new DerReader(der, 'malformed-cms');
  const root = r.expect(r.read(0), Tag.sequence, 'a Certificate SEQUENCE');
  const [tbsTlv, algTlv, sigTlv] = r.children(root);
  const tbs = r.expect(tbsTlv, Tag.sequence, 'TBSCertificate');
  const fields = r.children(tbs);
  // version is [0] EXPLICIT and optional (v1 certificates omit it).
  let i = fields[0]?.tagClass === TagClass.context && fields[0].tagNumber === 0 ? 1 : 0;
  const serial = r.integerHex(r.expect(fields[i++], Tag.integer, 'serialNumber'));
  i++; // signature AlgorithmIdentifier, repeated outside the TBS
  const issuerTlv = r.expect(fields[i++], Tag.sequence, 'issuer Name');
  const validity = r.children(r.expect(fields[i++], Tag.sequence, 'Validity'));
  const subjectTlv = r.expect(fields[i++], Tag.sequence, 'subject Name');
  const spkiTlv = r.expect(fields[i++], Tag.sequence, 'SubjectPublicKeyInfo');
  const spkiAlg = r.children(r.expect(r.children(spkiTlv)[0], Tag.sequence, 'SPKI algorithm'));
  const publicKeyAlgorithm = r.oid(r.expect(spkiAlg[0], Tag.oid, 'key algorithm'));
  const extensions = fields.slice(i).find((f) => f.tagClass === TagClass.context && f.tagNumber === 3);
  const sigBits = r.content(r.expect(sigTlv, Tag.bitString, 'signature BIT STRING'));
  return {
    der,
    sha1,
    sha256,
    tbs: r.raw(tbs),
    signatureAlgorithm: r.oid(r.children(r.expect(algTlv, Tag.sequence, 'signatureAlgorithm'))[0] ?? r.fail('empty algorithm')),
    signature: sigBits.subarray(1),
    serialNumber: serial,
    issuerDer: r.raw(issuerTlv),
    subjectDer: r.raw(subjectTlv),
    issuer: readName(r, issuerTlv),
    subject: readName(r, subjectTlv),
    notBefore: r.time(validity[0] ?? r.fail('missing notBefore')),
    notAfter: r.time(validity[1] ?? r.fail('missing notAfter')),
    spki: r.raw(spkiTlv),
    publicKeyAlgorithm,
    curve: publicKeyAlgorithm === OID.ecPublicKey && spkiAlg[1]?.tagNumber === Tag.oid ? r.oid(spkiAlg[1]) : null,
    isCa: extensions ? readBasicConstraints(r, extensions) : null,
  };
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
    for (const atv of r.children(rdn)) {
      const [typeTlv, valueTlv] = r.children(atv);
      if (!typeTlv || !valueTlv) continue;
      const type = r.oid(typeTlv);
      const key = NAME_PARTS[type];
      if (key && parts[key] === null) parts[key] = r.text(valueTlv);
    }
  }
  return parts;
}

function readBasicConstraints(r: DerReader, extensionsField: Tlv): boolean | null {
  const list = r.children(extensionsField)[0];
  if (!list) return null;
  for (const ext of r.children(list)) {
    const parts = r.children(ext);
    if (!parts[0] || r.oid(parts[0]) !== OID.basicConstraints) continue;
    const value = parts[parts.length - 1];
    if (!value || value.tagNumber !== Tag.octetString) return null;
    const inner = new DerReader(r.content(value), 'malformed-cms');
    const seq = inner.read(0);
    const first = inner.children(seq)[0];
    return first?.tagNumber === Tag.boolean ? inner.content(first)[0] !== 0 : false;
  }
  return null;
}
