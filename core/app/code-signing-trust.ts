// Who signed a code signature's CodeDirectory: the detached CMS SignedData (RFC 5652) of the signature slot, verified
// by the core's one CMS verifier (trust.ts verifyDetachedCms: every signer, algorithm allow-list, sid, messageDigest
// over the primary CodeDirectory, path building to a pinned Apple developer CA at the signing time). This module adds
// what a code signature needs beyond a report: the signer as a certificate, and Apple's CDHashes attribute
// (1.2.840.113635.100.9.1), which binds the alternate CodeDirectories to the same signature.
import { fromBase64 } from '../base64';
import { describeCertificate, parseCertificate } from '../cms/certificate';
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
}

const CDHASHES_OID = '1.2.840.113635.100.9.1';
const MALFORMED = new Set(['no-signer', 'signer-certificate-missing']);

export async function verifyCodeSignatureCms(
  cms: Uint8Array,
  codeDirectory: Uint8Array,
  anchors: readonly string[],
  now: Date,
): Promise<CodeCmsResult> {
  try {
    const report = await verifyDetachedCms(cms, codeDirectory, { anchors, now });
    const signed = parseSignedData(cms);
    const info = signed.signers[0];
    let signer: SigningCertificate | null = null;
    for (const der of signed.certificates) {
      const cert = await parseCertificate(der);
      if (info && namesCertificate(info, cert)) signer = describeCertificate(cert);
    }
    const status = report.status === 'valid' ? 'valid' : report.status === 'invalid' ? 'invalid' : MALFORMED.has(report.problem ?? '') ? 'malformed' : 'untrusted';
    return { status, signer, reason: report.reason, cdHashes: info ? readCdHashes(info) : null };
  } catch (error) {
    if (!isProvlensError(error)) throw error;
    return { status: 'malformed', signer: null, reason: `the code signature's CMS does not parse (${error.message})`, cdHashes: null };
  }
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
