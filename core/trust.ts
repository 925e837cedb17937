// Who may sign a profile: Apple's CA certificates pinned by SHA-256 (RFC 5280 §6 path validation, reduced to what
// Apple's fixed hierarchy needs: issuer/subject name chaining, signatures, validity at signing time, basicConstraints)
// plus Apple's name policy for profile signers (Apple TN3125; the names are Apple's, the pins are the real check).
// Profiles made before ~2019 do not carry the root, so the intermediates are pinned too.
import { isValidAt, issuedBy, parseCertificate, type ParsedCertificate } from './certificate';
import { verifySigner, type SignedData } from './cms';
import { signatureHash, verifySignature } from './signature';
import { bytesEqual } from './bytes';
import type { SignatureReport } from './types';

/** SHA-256 fingerprints (lowercase hex) of the Apple CAs a profile chain may end at. */
export const APPLE_CA_SHA256: readonly string[] = Object.freeze([
  'b0b1730ecbc7ff4505142c49f1295e6eda6bcaed7e2c68c5be91b5a11001f024', // Apple Root CA (2006–2035)
  '63343abfb89a6a03ebb57e9b3f5fa7be7c4f5c756f3017b3a8c488c3653e9179', // Apple Root CA - G3 (2014–2039)
  'e4e2936d3c076ec4aea8ac37277524950ca005894b39bba2d347fa33155ae5fa', // Apple iPhone Certification Authority (2007–2022)
  'c6a6f35c3bee9a9413a063919f61b8400f50f708ac867f462c2d029ba9505ed2', // Apple iPhone Certification Authority (2017–2030)
  '7da79ba48b1c160852433c15a684dfe4747b81d1720787c339609cab7c68326c', // Apple System Integration CA 4 (2017–2032)
  'ce057691d730f89ca25e916f7335f4c8a15713dcd273a658c024023f8eb809c2', // Apple WWDR CA (G1, 2013–2023)
  'dcf21878c77f4198e4b4614f03d696d89c66c66008d4244e1b99161aac91601f', // Apple WWDR CA - G3 (2020–2030)
  'ea4757885538dd8cb59ff4556f676087d83c85e70902c122e42c0808b5bce14c', // Apple WWDR CA - G4 (2020–2030)
  '53fd008278e5a595fe1e908ae9c5e5675f26243264a5a6438c023e3ce2870760', // Apple WWDR CA - G5 (2020–2030)
]);

/** The signer's CN and its issuer's CN that Apple uses for one kind of signed profile. */
export interface NamePolicy {
  readonly label: string;
  readonly signer: string;
  readonly issuer: string;
}

export const IOS_PROFILE_POLICY: NamePolicy = {
  label: 'iOS profile',
  signer: 'Apple iPhone OS Provisioning Profile Signing',
  issuer: 'Apple iPhone Certification Authority',
};
export const MACOS_PROFILE_POLICY: NamePolicy = {
  label: 'macOS profile',
  signer: 'Mac OS X Provisioning Profile Signing',
  issuer: 'Apple Worldwide Developer Relations Certification Authority',
};
export const DER_PROFILE_POLICY: NamePolicy = {
  label: 'DER-Encoded-Profile',
  signer: 'WWDR Provisioning Profile Signing',
  issuer: 'Apple System Integration CA 4',
};

export interface TrustOptions {
  trustedCaSha256: readonly string[];
  policy: NamePolicy;
  /** When the signing time is unknown (no signingTime attribute, no CreationDate): verify now. */
  fallbackTime: string | null;
  now: Date;
}

const MAX_CHAIN = 6;
// (child sha256 → issuer sha256) pairs whose signature has verified: pure facts about immutable bytes.
const verifiedEdges = new Set<string>();

async function edgeVerifies(child: ParsedCertificate, issuer: ParsedCertificate): Promise<boolean> {
  const edge = `${child.sha256}>${issuer.sha256}`;
  if (verifiedEdges.has(edge)) return true;
  const hash = signatureHash(child.signatureAlgorithm);
  const ok = hash !== null && (await verifySignature(issuer, hash, child.signature, child.tbs));
  if (ok) {
    if (verifiedEdges.size > 4096) verifiedEdges.clear();
    verifiedEdges.add(edge);
  }
  return ok;
}

interface Chain {
  certs: ParsedCertificate[];
  /** Why the chain does not reach a pinned CA at the signing time; null when it does. */
  problem: string | null;
}

async function buildChain(signer: ParsedCertificate, bag: ParsedCertificate[], pins: ReadonlySet<string>, at: string): Promise<Chain> {
  const certs = [signer];
  for (let current = signer; certs.length <= MAX_CHAIN; ) {
    if (!isValidAt(current, at)) {
      return { certs, problem: `"${current.subject.commonName}" was not valid at the signing time ${at} (${current.notBefore} – ${current.notAfter})` };
    }
    if (pins.has(current.sha256)) return { certs: await extendToPinnedRoot(certs, bag, pins), problem: null };
    const candidates = bag.filter((c) => issuedBy(current, c) && !certs.includes(c));
    let next: ParsedCertificate | null = null;
    for (const candidate of candidates) {
      if (candidate.isCa !== false && (await edgeVerifies(current, candidate))) {
        next = candidate;
        break;
      }
    }
    if (!next) {
      const selfSigned = issuedBy(current, current);
      return {
        certs,
        problem: selfSigned
          ? `the chain ends at "${current.subject.commonName}", a self-signed certificate that is not one of the trusted Apple CAs`
          : `the chain stops at "${current.subject.commonName}": its issuer "${current.issuer.commonName}" is missing or did not sign it`,
      };
    }
    certs.push(next);
    current = next;
  }
  return { certs, problem: 'the certificate chain is too long' };
}

/** Past a pinned intermediate, shows the pinned CAs above it that the profile also carries (for the chain's display). */
async function extendToPinnedRoot(certs: ParsedCertificate[], bag: ParsedCertificate[], pins: ReadonlySet<string>): Promise<ParsedCertificate[]> {
  for (let current = certs[certs.length - 1]!; certs.length <= MAX_CHAIN && !issuedBy(current, current); ) {
    const next = bag.find((c) => pins.has(c.sha256) && issuedBy(current, c) && !certs.includes(c));
    if (!next || !(await edgeVerifies(current, next))) break;
    certs.push(next);
    current = next;
  }
  return certs;
}

function noSignerReport(status: SignatureReport['status'], reason: string, signedAt: string | null): SignatureReport {
  return { status, signer: null, chain: [], signedAt, signerValidNow: null, reason };
}

/**
 * Verifies a parsed SignedData over its content: digest and signature (else `invalid`), then the chain to a pinned
 * CA at the signing time and Apple's signer names (else `untrusted`).
 */
export async function assessSignature(signedData: SignedData, options: TrustOptions): Promise<SignatureReport> {
  const signerInfo = signedData.signers[0];
  const content = signedData.content;
  if (!signerInfo || !content) return noSignerReport('untrusted', 'the CMS envelope has no signer or no content', null);
  const signedAt = signerInfo.signingTime ?? options.fallbackTime ?? options.now.toISOString();
  const bag = await Promise.all(signedData.certificates.map((der) => parseCertificate(der)));
  const signer = bag.find((c) => signerInfo.issuerDer && bytesMatch(c, signerInfo.issuerDer, signerInfo.serialNumber));
  if (!signer) return noSignerReport('untrusted', "the signer's certificate is not included in the profile", signedAt);
  const base = {
    signer: signer.subject.commonName,
    signedAt,
    signerValidNow: isValidAt(signer, options.now.toISOString()),
  };
  const check = await verifySigner(signerInfo, content, signer);
  if (check !== 'ok') {
    const reason =
      check === 'digest-mismatch'
        ? 'the content does not match the signed digest: the file was changed after signing'
        : check === 'signature-mismatch'
          ? "the signature does not verify with the signer's key: the file was changed after signing"
          : 'the signature uses an algorithm ProvLens does not support';
    return { ...base, status: check === 'unsupported-algorithm' ? 'untrusted' : 'invalid', chain: [signer.subject.commonName ?? '?'], reason };
  }
  const chain = await buildChain(signer, bag, new Set(options.trustedCaSha256.map((pin) => pin.toLowerCase())), signedAt);
  const names = chain.certs.map((c) => c.subject.commonName ?? '?');
  const problem = chain.problem ?? namePolicyProblem(chain.certs, options.policy);
  return { ...base, status: problem ? 'untrusted' : 'valid', chain: names, reason: problem ? `not signed by Apple: ${problem}` : null };
}

/** RFC 5652 §5.3 IssuerAndSerialNumber names the signer's certificate. */
function bytesMatch(cert: ParsedCertificate, issuerDer: Uint8Array, serial: string | null): boolean {
  return cert.serialNumber === serial && bytesEqual(cert.issuerDer, issuerDer);
}

function namePolicyProblem(certs: ParsedCertificate[], policy: NamePolicy): string | null {
  const [signer, issuer] = certs;
  if (signer?.subject.commonName !== policy.signer) {
    return `${policy.label}s are signed by "${policy.signer}", not "${signer?.subject.commonName ?? '?'}"`;
  }
  if (issuer?.subject.commonName !== policy.issuer) {
    return `"${policy.signer}" must be issued by "${policy.issuer}", not "${issuer?.subject.commonName ?? 'nothing'}"`;
  }
  return null;
}
