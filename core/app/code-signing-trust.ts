// Who signed a code signature's CodeDirectory: the detached CMS SignedData (RFC 5652) of the signature slot, verified
// by the core's one CMS verifier (trust.ts verifyDetachedCms: every signer, algorithm allow-list, sid, messageDigest
// over the primary CodeDirectory, path building to a pinned Apple developer CA at the signing time). This module adds
// what a code signature needs beyond a report: the signer as a certificate, and Apple's CDHashes attribute
// (1.2.840.113635.100.9.1), which binds the alternate CodeDirectories to the same signature.
// The chain is judged at the CMS's signing time. Without one (Apple's own "Software Signing" signatures of Xcode's
// test runners carry none) it is judged now, and a certificate that has since expired is no reason to call the signer
// untrusted: the chain is tried again at the last moment its certificates were all valid, and when it holds then, the
// signature is valid and the certificate is reported as what it is, expired.
import { fromBase64 } from '../base64';
import { describeCertificate, parseCertificate, type ParsedCertificate } from '../cms/certificate';
import { namesCertificate, parseSignedData, type SignerInfo } from '../cms/cms';
import { DerReader, Tag } from '../asn1/der';
import { isProvlensError } from '../errors';
import { parsePlist } from '../profile/plist';
import { APPLE_CODE_SIGNING_CA_SHA256, verifyDetachedCms } from '../cms/trust';
import type { SigningCertificate } from '../types';

export { APPLE_CODE_SIGNING_CA_SHA256 };

export interface CodeCmsResult {
  /** valid: digest, signature and chain hold; invalid: the CodeDirectory is not what was signed; untrusted: signed,
   *  but not by a certificate that chains to a pinned CA; malformed: the CMS does not parse or names no signer. */
  status: 'valid' | 'invalid' | 'untrusted' | 'malformed';
  signer: SigningCertificate | null;
  reason: string | null;
  /** CDHashes from the signed attributes (each truncated to 20 bytes, as Apple writes them); null when absent. */
  cdHashes: Uint8Array[] | null;
  /**
   * With status valid: the CMS has no signing time and its chain no longer holds now, only as of this instant (ISO-8601,
   * the end of the shortest-lived certificate in it): the signer's certificate has expired. Null otherwise.
   */
  expiredAt: string | null;
}

const CDHASHES_OID = '1.2.840.113635.100.9.1';
const MALFORMED = new Set(['no-signer', 'signer-certificate-missing']);
// Instants tried for an undated signature whose chain fails now: the bag's expired certificates' ends, latest first.
const MAX_EXPIRY_TRIES = 4;

export async function verifyCodeSignatureCms(
  cms: Uint8Array,
  codeDirectory: Uint8Array,
  anchors: readonly string[],
  now: Date,
): Promise<CodeCmsResult> {
  try {
    const signed = parseSignedData(cms);
    const bag = await Promise.all(signed.certificates.map((der) => parseCertificate(der)));
    let report = await verifyDetachedCms(cms, codeDirectory, { anchors, now });
    let expiredAt: string | null = null;
    if (report.problem === 'untrusted-chain' && signed.signers.every((signer) => signer.signingTime === null)) {
      for (const at of expiryInstants(bag, now)) {
        const then = await verifyDetachedCms(cms, codeDirectory, { anchors, now, at });
        if (then.status !== 'valid') continue;
        report = then;
        expiredAt = at;
        break;
      }
    }
    const info = signed.signers[0];
    const signerCert = info ? bag.find((cert) => namesCertificate(info, cert)) : undefined;
    const signer = signerCert ? describeCertificate(signerCert) : null;
    const status = report.status === 'valid' ? 'valid' : report.status === 'invalid' ? 'invalid' : MALFORMED.has(report.problem ?? '') ? 'malformed' : 'untrusted';
    return { status, signer, reason: report.reason, cdHashes: info ? readCdHashes(info) : null, expiredAt };
  } catch (error) {
    if (!isProvlensError(error)) throw error;
    return { status: 'malformed', signer: null, reason: `the code signature's CMS does not parse (${error.message})`, cdHashes: null, expiredAt: null };
  }
}

/** The ends of the bag's certificates that have expired by `now`, latest first: where an undated chain last held. */
function expiryInstants(bag: readonly ParsedCertificate[], now: Date): string[] {
  const ends = new Set(bag.map((cert) => cert.notAfter).filter((end) => end < now.toISOString()));
  return [...ends].sort().reverse().slice(0, MAX_EXPIRY_TRIES);
}

function readCdHashes(info: SignerInfo): Uint8Array[] | null {
  if (!info.signedAttributes) return null;
  const r = new DerReader(info.signedAttributes, 'malformed-cms');
  for (const attribute of r.children(r.read(0))) {
    const [type, values] = r.children(attribute);
    if (!type || !values || r.oid(type) !== CDHASHES_OID) continue;
    const value = r.children(values)[0];
    if (!value || value.tagNumber !== Tag.octetString) return null;
    const plist = parsePlist(r.content(value));
    const list = typeof plist === 'object' && plist !== null && !Array.isArray(plist) ? plist.cdhashes : null;
    if (!Array.isArray(list)) return null;
    return list.flatMap((item) => (typeof item === 'string' ? [fromBase64(item)].filter((b): b is Uint8Array => b !== null) : []));
  }
  return null;
}
