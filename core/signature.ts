// Public-key signature checks through WebCrypto: RSA PKCS#1 v1.5 (RFC 8017) and ECDSA (RFC 3279 / RFC 5758).
// Apple's outer profile signatures are RSA with SHA-1; the DER-Encoded-Profile and its CA chain use ECDSA.
// Imported keys are memoized by certificate fingerprint: the same few Apple keys verify every profile.
import { subtle } from './crypto';
import { toHex } from './bytes';
import { DerReader, Tag } from './der';
import type { ParsedCertificate } from './certificate';

export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

const DIGEST_OIDS: Record<string, HashName> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

/** Signature algorithms that name their hash (certificates, and CMS signers that use them). */
const SIGNATURE_OIDS: Record<string, HashName> = {
  '1.2.840.113549.1.1.5': 'SHA-1',
  '1.2.840.113549.1.1.11': 'SHA-256',
  '1.2.840.113549.1.1.12': 'SHA-384',
  '1.2.840.113549.1.1.13': 'SHA-512',
  '1.2.840.10045.4.1': 'SHA-1',
  '1.2.840.10045.4.3.2': 'SHA-256',
  '1.2.840.10045.4.3.3': 'SHA-384',
  '1.2.840.10045.4.3.4': 'SHA-512',
};

const RSA_KEY = '1.2.840.113549.1.1.1';
const EC_KEY = '1.2.840.10045.2.1';
const CURVES: Record<string, { name: string; size: number }> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', size: 32 },
  '1.3.132.0.34': { name: 'P-384', size: 48 },
  '1.3.132.0.35': { name: 'P-521', size: 66 },
};

/** WebCrypto's types want ArrayBuffer-backed views; profile bytes always are (files and fetches never yield shared memory). */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}

/** Hex digest of `bytes`. */
export async function digestHex(hash: HashName, bytes: Uint8Array): Promise<string> {
  return toHex(await subtle().digest(hash, bufferSource(bytes)));
}

export function digestName(oid: string): HashName | null {
  return DIGEST_OIDS[oid] ?? null;
}

/** The hash a signature algorithm names; null for bare rsaEncryption, where CMS takes it from digestAlgorithm. */
export function signatureHash(oid: string): HashName | null {
  return SIGNATURE_OIDS[oid] ?? null;
}

const KEY_CACHE_LIMIT = 256;
const keys = new Map<string, Promise<CryptoKey>>();

function importKey(cert: ParsedCertificate, hash: HashName): Promise<CryptoKey> {
  const cacheKey = `${cert.sha256}|${hash}`;
  let key = keys.get(cacheKey);
  if (!key) {
    const curve = cert.curve ? CURVES[cert.curve] : undefined;
    const algorithm =
      cert.publicKeyAlgorithm === EC_KEY
        ? { name: 'ECDSA', namedCurve: curve?.name ?? 'unsupported' }
        : { name: 'RSASSA-PKCS1-v1_5', hash };
    key = subtle().importKey('spki', bufferSource(cert.spki), algorithm, false, ['verify']);
    // A failed import is not cached: the next profile retries rather than inheriting a rejected promise.
    key.catch(() => keys.delete(cacheKey));
    if (keys.size >= KEY_CACHE_LIMIT) keys.clear();
    keys.set(cacheKey, key);
  }
  return key;
}

/** True when `signature` over `data` verifies with the certificate's key; false for any mismatch or unusable key. */
export async function verifySignature(
  cert: ParsedCertificate,
  hash: HashName,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<boolean> {
  if (cert.publicKeyAlgorithm !== RSA_KEY && cert.publicKeyAlgorithm !== EC_KEY) return false;
  try {
    const key = await importKey(cert, hash);
    if (cert.publicKeyAlgorithm === RSA_KEY) return await subtle().verify('RSASSA-PKCS1-v1_5', key, bufferSource(signature), bufferSource(data));
    const curve = cert.curve ? CURVES[cert.curve] : undefined;
    const raw = curve ? ecdsaDerToRaw(signature, curve.size) : null;
    if (!raw) return false;
    return await subtle().verify({ name: 'ECDSA', hash }, key, bufferSource(raw), bufferSource(data));
  } catch {
    return false;
  }
}

/** X.509/CMS carry ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }; WebCrypto wants fixed-width r || s. */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array | null {
  try {
    const r = new DerReader(der, 'malformed-cms');
    const [rTlv, sTlv] = r.children(r.expect(r.read(0), Tag.sequence, 'ECDSA-Sig-Value'));
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
