// Public-key signature checks through WebCrypto (or the host's synchronous crypto, core/cms/crypto.ts), behind an
// allow-list: RSA PKCS#1 v1.5 and RSASSA-PSS (RFC 8017, RFC 4055) with SHA-1/256/384/512, ECDSA on P-256/P-384 with
// SHA-256/384 (RFC 5758). Anything else is not "maybe valid": it is unsupported, and callers say so. Apple's outer
// profile signatures are RSA with SHA-1; the DER-Encoded-Profile and its CA chain use ECDSA; code signatures use RSA
// with SHA-256.
// Imported keys are memoized by certificate fingerprint: the same few Apple keys verify every profile.
import { nativeCrypto, subtle, type NativeCrypto } from './crypto';
import { bytesEqual } from '../bytes';
import { DerReader, Tag, TagClass } from '../asn1/der';
import type { ParsedCertificate } from './certificate';

import { bufferSource, type HashName } from './digest';

export { bufferSource, digestHex, type HashName } from './digest';

const DIGEST_OIDS: Readonly<Record<string, HashName>> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

const RSA_PKCS1_OIDS: Readonly<Record<string, HashName>> = {
  '1.2.840.113549.1.1.5': 'SHA-1',
  '1.2.840.113549.1.1.11': 'SHA-256',
  '1.2.840.113549.1.1.12': 'SHA-384',
  '1.2.840.113549.1.1.13': 'SHA-512',
};

const ECDSA_OIDS: Readonly<Record<string, HashName>> = {
  '1.2.840.10045.4.3.2': 'SHA-256',
  '1.2.840.10045.4.3.3': 'SHA-384',
};

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const RSASSA_PSS = '1.2.840.113549.1.1.10';
const MGF1 = '1.2.840.113549.1.1.8';
const EC_KEY = '1.2.840.10045.2.1';
const CURVES: Readonly<Record<string, { name: string; size: number }>> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', size: 32 },
  '1.3.132.0.34': { name: 'P-384', size: 48 },
};
const DER_NULL = new Uint8Array([0x05, 0x00]);

/** An allowed signature algorithm. `hash` is null for bare rsaEncryption, where CMS takes it from digestAlgorithm. */
export type SignatureScheme =
  | { kind: 'rsa-pkcs1'; hash: HashName | null }
  | { kind: 'rsa-pss'; hash: HashName; saltLength: number }
  | { kind: 'ecdsa'; hash: HashName };

/** A scheme with its hash settled: what WebCrypto is asked to verify. */
export type ResolvedScheme = SignatureScheme & { hash: HashName };


/** The allowed digest an AlgorithmIdentifier names (parameters absent or NULL, RFC 5754 §2); null otherwise. */
export function digestName(oid: string, params: Uint8Array | null = null): HashName | null {
  if (params !== null && !bytesEqual(params, DER_NULL)) return null;
  return DIGEST_OIDS[oid] ?? null;
}

/**
 * The allowed signature scheme an AlgorithmIdentifier names, its parameters checked as RFC 4055 / RFC 5758 require
 * (NULL or absent for PKCS#1 v1.5, absent for ECDSA, consistent RSASSA-PSS-params); null for anything else.
 */
export function signatureScheme(oid: string, params: Uint8Array | null): SignatureScheme | null {
  if (oid === RSA_ENCRYPTION || RSA_PKCS1_OIDS[oid]) {
    if (params !== null && !bytesEqual(params, DER_NULL)) return null;
    return { kind: 'rsa-pkcs1', hash: RSA_PKCS1_OIDS[oid] ?? null };
  }
  const ecdsa = ECDSA_OIDS[oid];
  if (ecdsa) return params === null ? { kind: 'ecdsa', hash: ecdsa } : null;
  if (oid === RSASSA_PSS && params) return pssScheme(params);
  return null;
}

/** RFC 4055 §3.1 RSASSA-PSS-params; MGF1 must use the same hash (WebCrypto cannot do otherwise) and trailerField 1. */
function pssScheme(params: Uint8Array): SignatureScheme | null {
  try {
    const r = new DerReader(params, 'malformed-cms', true);
    const root = r.expect(r.read(0), Tag.sequence, 'RSASSA-PSS-params');
    if (root.end !== params.length) return null;
    let hash: HashName | null = 'SHA-1';
    let mgfHash: HashName | null = 'SHA-1';
    let saltLength = 20;
    let last = -1;
    for (const field of r.children(root)) {
      if (field.tagClass !== TagClass.context || field.tagNumber <= last || field.tagNumber > 3) return null;
      last = field.tagNumber;
      const [inner, extra] = r.children(field);
      if (!inner || extra) return null;
      if (field.tagNumber === 0) hash = algorithmHash(r, inner);
      else if (field.tagNumber === 1) {
        const [mgf, mgfParams, more] = r.children(r.expect(inner, Tag.sequence, 'maskGenAlgorithm'));
        if (!mgf || r.oid(mgf) !== MGF1 || !mgfParams || more) return null;
        mgfHash = algorithmHash(r, mgfParams);
      } else if (field.tagNumber === 2) saltLength = r.integer(inner);
      else if (r.integer(inner) !== 1) return null;
    }
    return hash && hash === mgfHash && saltLength >= 0 ? { kind: 'rsa-pss', hash, saltLength } : null;
  } catch {
    return null;
  }
}

function algorithmHash(r: DerReader, tlv: Parameters<DerReader['children']>[0]): HashName | null {
  const [oid, params, extra] = r.children(r.expect(tlv, Tag.sequence, 'AlgorithmIdentifier'));
  if (!oid || extra) return null;
  return digestName(r.oid(oid), params ? r.raw(params) : null);
}

/** Why `cert`'s key cannot make `scheme`'s signatures (RSA schemes need an RSA key, ECDSA a P-256/P-384 key); null when it can. */
export function keyMismatch(cert: ParsedCertificate, scheme: SignatureScheme): string | null {
  if (scheme.kind === 'ecdsa') {
    if (cert.publicKeyAlgorithm !== EC_KEY) return 'an ECDSA signature from a certificate whose key is not EC';
    return cert.curve && CURVES[cert.curve] ? null : 'an EC key on a curve other than P-256 or P-384';
  }
  return cert.publicKeyAlgorithm === RSA_ENCRYPTION ? null : 'an RSA signature from a certificate whose key is not RSA';
}

const KEY_CACHE_LIMIT = 256;
const keys = new Map<string, Promise<CryptoKey>>();

function importKey(cert: ParsedCertificate, scheme: ResolvedScheme): Promise<CryptoKey> {
  const cacheKey = `${cert.sha256}|${scheme.kind}|${scheme.hash}`;
  let key = keys.get(cacheKey);
  if (!key) {
    const algorithm =
      scheme.kind === 'ecdsa'
        ? { name: 'ECDSA', namedCurve: CURVES[cert.curve ?? '']?.name ?? 'unsupported' }
        : { name: scheme.kind === 'rsa-pss' ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5', hash: scheme.hash };
    key = subtle().importKey('spki', bufferSource(cert.spki), algorithm, false, ['verify']);
    // A failed import is not cached: the next profile retries rather than inheriting a rejected promise.
    key.catch(() => keys.delete(cacheKey));
    if (keys.size >= KEY_CACHE_LIMIT) keys.clear();
    keys.set(cacheKey, key);
  }
  return key;
}

/** True when `signature` over `data` verifies with the certificate's key under `scheme`; false for any mismatch or unusable key. */
export async function verifySignature(cert: ParsedCertificate, scheme: ResolvedScheme, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  if (keyMismatch(cert, scheme)) return false;
  const native = nativeCrypto();
  if (native) return verifyNatively(native, cert, scheme, signature, data);
  try {
    const key = await importKey(cert, scheme);
    if (scheme.kind === 'rsa-pkcs1') return await subtle().verify('RSASSA-PKCS1-v1_5', key, bufferSource(signature), bufferSource(data));
    if (scheme.kind === 'rsa-pss') {
      return await subtle().verify({ name: 'RSA-PSS', saltLength: scheme.saltLength }, key, bufferSource(signature), bufferSource(data));
    }
    const curve = CURVES[cert.curve ?? ''];
    const raw = curve ? ecdsaDerToRaw(signature, curve.size) : null;
    if (!raw) return false;
    return await subtle().verify({ name: 'ECDSA', hash: scheme.hash }, key, bufferSource(raw), bufferSource(data));
  } catch {
    return false;
  }
}

// The same checks through the host's synchronous crypto: the same allow-list and key checks (above), ECDSA signatures
// read by the same strict DER reader, so both paths accept exactly the same signatures.
function verifyNatively(native: NativeCrypto, cert: ParsedCertificate, scheme: ResolvedScheme, signature: Uint8Array, data: Uint8Array): boolean {
  const size = CURVES[cert.curve ?? '']?.size;
  const carried = scheme.kind !== 'ecdsa' ? signature : size ? ecdsaDerToRaw(signature, size) : null;
  if (!carried) return false;
  try {
    const saltLength = scheme.kind === 'rsa-pss' ? { saltLength: scheme.saltLength } : {};
    return native.verify({ keyId: cert.sha256, spki: cert.spki, kind: scheme.kind, hash: scheme.hash, ...saltLength, signature: carried, data });
  } catch {
    return false;
  }
}

/** X.509/CMS carry ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } in DER; WebCrypto wants fixed-width r || s. */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array | null {
  try {
    const r = new DerReader(der, 'malformed-cms', true);
    const root = r.expect(r.read(0), Tag.sequence, 'ECDSA-Sig-Value');
    const [rTlv, sTlv, extra] = r.children(root);
    if (extra || root.end !== der.length) return null;
    const out = new Uint8Array(size * 2);
    for (const [index, tlv] of [rTlv, sTlv].entries()) {
      let value = r.content(r.expect(tlv, Tag.integer, 'r/s'));
      while (value.length > 1 && value[0] === 0) value = value.subarray(1);
      if (value.length > size) return null;
      out.set(value, size * (index + 1) - value.length);
    }
    return out;
  } catch {
    return null;
  }
}
