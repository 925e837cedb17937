// Who signed a code signature's CodeDirectory: the detached CMS SignedData (RFC 5652) of the signature slot, its signer
// found by sid (§5.3), the messageDigest over the primary CodeDirectory, and the signer's chain (RFC 5280 §6, reduced
// to name chaining, signatures and validity at the signing time) up to a pinned Apple developer CA: WWDR G1–G6 or
// Developer ID, or the Apple Root CA above them. Also reads Apple's CDHashes attribute (1.2.840.113635.100.9.1), which
// binds the alternate CodeDirectories to the same signature.
//
// ADAPTER: `verifyCodeSignatureCms` is the one place that talks to core/cms.ts and core/certificate.ts; when the strict
// detached-content CMS verifier lands, swap its body for that verifier and keep the result shape.
import { fromBase64 } from '../base64';
import { bytesEqual } from '../bytes';
import { describeCertificate, isValidAt, issuedBy, parseCertificate, type ParsedCertificate } from '../certificate';
import { parseSignedData, verifySigner, type SignerInfo } from '../cms';
import { DerReader, Tag } from '../der';
import { isProvlensError } from '../errors';
import { parsePlist } from '../plist';
import { signatureHash, verifySignature } from '../signature';
import type { SigningCertificate } from '../types';

/** SHA-256 (lowercase hex) of the Apple CAs that issue code-signing certificates, computed from Apple's .cer files. */
export const APPLE_CODE_SIGNING_CA_SHA256: readonly string[] = Object.freeze([
  'b0b1730ecbc7ff4505142c49f1295e6eda6bcaed7e2c68c5be91b5a11001f024', // Apple Root CA (2006–2035)
  'ce057691d730f89ca25e916f7335f4c8a15713dcd273a658c024023f8eb809c2', // Apple WWDR CA (G1, 2013–2023)
  '9ed4b3b88c6a339cf1387895bda9ca6ea31a6b5ce9edf7511845923b0c8ac94c', // Apple WWDR CA - G2 (2014–2029)
  'dcf21878c77f4198e4b4614f03d696d89c66c66008d4244e1b99161aac91601f', // Apple WWDR CA - G3 (2020–2030)
  'ea4757885538dd8cb59ff4556f676087d83c85e70902c122e42c0808b5bce14c', // Apple WWDR CA - G4 (2020–2030)
  '53fd008278e5a595fe1e908ae9c5e5675f26243264a5a6438c023e3ce2870760', // Apple WWDR CA - G5 (2020–2030)
  'bdd4ed6e74691f0c2bfd01be0296197af1379e0418e2d300efa9c3bef642ca30', // Apple WWDR CA - G6 (2021–2036)
  '7afc9d01a62f03a2de9637936d4afe68090d2de18d03f29c88cfb0b1ba63587f', // Developer ID Certification Authority (2012–2027)
  'f16cd3c54c7f83cea4bf1a3e6a0819c8aaa8e4a1528fd144715f350643d2df3a', // Developer ID Certification Authority G2 (2021–2031)
]);

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
const MAX_CHAIN = 6;

export async function verifyCodeSignatureCms(
  cms: Uint8Array,
  codeDirectory: Uint8Array,
  anchors: readonly string[],
  now: Date,
): Promise<CodeCmsResult> {
  const fail = (status: CodeCmsResult['status'], reason: string, signer: SigningCertificate | null = null): CodeCmsResult => ({ status, signer, reason, cdHashes: null });
  try {
    const signed = parseSignedData(cms);
    const info = signed.signers[0];
    if (!info) return fail('malformed', 'the code signature names no signer');
    const bag = await Promise.all(signed.certificates.map((der) => parseCertificate(der)));
    const cert = bag.find((c) => info.issuerDer !== null && bytesEqual(c.issuerDer, info.issuerDer) && c.serialNumber === info.serialNumber);
    if (!cert) return fail('malformed', "the code signature's signer certificate is not in its certificate bag");
    const signer = describeCertificate(cert);
    const check = await verifySigner(info, codeDirectory, cert);
    if (check === 'unsupported-algorithm') return fail('untrusted', 'the code signature uses an algorithm ProvLens does not support', signer);
    if (check !== 'ok') return fail('invalid', `the CMS does not verify over the CodeDirectory (${check})`, signer);
    const at = info.signingTime ?? now.toISOString();
    const problem = await chainProblem(cert, bag, new Set(anchors), at);
    return { status: problem ? 'untrusted' : 'valid', signer, reason: problem, cdHashes: readCdHashes(info) };
  } catch (error) {
    if (!isProvlensError(error)) throw error;
    return fail('malformed', `the code signature's CMS does not parse (${error.message})`);
  }
}

async function chainProblem(leaf: ParsedCertificate, bag: readonly ParsedCertificate[], pins: ReadonlySet<string>, at: string): Promise<string | null> {
  const seen: ParsedCertificate[] = [];
  for (let current: ParsedCertificate | undefined = leaf; current && seen.length < MAX_CHAIN; ) {
    if (!isValidAt(current, at)) return `"${current.subject.commonName ?? '?'}" was not valid when the app was signed (${at})`;
    if (pins.has(current.sha256)) return null;
    seen.push(current);
    const child: ParsedCertificate = current;
    let next: ParsedCertificate | undefined;
    for (const candidate of bag) {
      if (seen.includes(candidate) || !issuedBy(child, candidate) || candidate.isCa === false) continue;
      const hash = signatureHash(child.signatureAlgorithm);
      if (hash && (await verifySignature(candidate, hash, child.signature, child.tbs))) {
        next = candidate;
        break;
      }
    }
    if (!next) return `the signer's chain stops at "${child.subject.commonName ?? '?'}", which is not an Apple developer CA`;
    current = next;
  }
  return 'the certificate chain is too long';
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
