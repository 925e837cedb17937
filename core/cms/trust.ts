// Who may sign a profile or an app: Apple's CA certificates pinned by SHA-256 (RFC 5280 §6 path validation, reduced to
// what Apple's fixed hierarchy needs: issuer/subject name chaining, signatures under the allow-list, validity at signing
// time, basicConstraints) plus Apple's name policy for profile signers (Apple TN3125; the names are Apple's, the pins are
// the real check). Profiles made before ~2019 do not carry the root, so the intermediates are pinned too.
// Every SignerInfo must verify and chain (RFC 5652 §5.6 lets a verifier accept any one; Apple writes one, so a second
// that fails is tampering). Path building tries every candidate issuer in the bag, within a work bound.
import { isValidAt, issuedBy, parseCertificate, type ParsedCertificate } from './certificate';
import { namesCertificate, parseSignedData, verifySigner, type SignedData, type SignerInfo } from './cms';
import { digestName, signatureScheme, verifySignature } from './signature';
import { toHex } from '../bytes';
import { ProvlensError } from '../errors';
import type { SignatureProblem, SignatureReport } from '../types';
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

/**
 * SHA-256 fingerprints of the Apple CAs an app's code signature may chain to: the roots (Apple Root CA, G2, G3), the
 * WWDR intermediates G1–G6 that issue development and distribution certificates, and both Developer ID CAs.
 * Computed from Apple's published certificates (../shared/fixtures/certs/applers_*.cer).
 */
export const APPLE_CODE_SIGNING_CA_SHA256: readonly string[] = Object.freeze([
  'b0b1730ecbc7ff4505142c49f1295e6eda6bcaed7e2c68c5be91b5a11001f024', // Apple Root CA (2006–2035)
  'c2b9b042dd57830e7d117dac55ac8ae19407d38e41d88f3215bc3a890444a050', // Apple Root CA - G2 (2014–2039)
  '63343abfb89a6a03ebb57e9b3f5fa7be7c4f5c756f3017b3a8c488c3653e9179', // Apple Root CA - G3 (2014–2039)
  'ce057691d730f89ca25e916f7335f4c8a15713dcd273a658c024023f8eb809c2', // Apple WWDR CA (G1, 2013–2023)
  '9ed4b3b88c6a339cf1387895bda9ca6ea31a6b5ce9edf7511845923b0c8ac94c', // Apple WWDR CA - G2 (2014–2029)
  'dcf21878c77f4198e4b4614f03d696d89c66c66008d4244e1b99161aac91601f', // Apple WWDR CA - G3 (2020–2030)
  'ea4757885538dd8cb59ff4556f676087d83c85e70902c122e42c0808b5bce14c', // Apple WWDR CA - G4 (2020–2030)
  '53fd008278e5a595fe1e908ae9c5e5675f26243264a5a6438c023e3ce2870760', // Apple WWDR CA - G5 (2020–2030)
  'bdd4ed6e74691f0c2bfd01be0296197af1379e0418e2d300efa9c3bef642ca30', // Apple WWDR CA - G6 (2021–2036)
  '7afc9d01a62f03a2de9637936d4afe68090d2de18d03f29c88cfb0b1ba63587f', // Developer ID CA (2012–2027)
  'f16cd3c54c7f83cea4bf1a3e6a0819c8aaa8e4a1528fd144715f350643d2df3a', // Developer ID CA - G2 (2021–2031)
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

/** Options of the one CMS verifier (profiles, DER-Encoded-Profiles, code signatures). */
export interface CmsVerifyOptions {
  /** SHA-256 pins (hex, any case) of the CAs a chain may end at, e.g. APPLE_CA_SHA256 or APPLE_CODE_SIGNING_CA_SHA256. */
  anchors: readonly string[];
  /** The time to verify the chain at when a signer has no signingTime attribute (ISO-8601); default `now`. */
  at?: string | null;
  /** "Now", for signerValidNow; default the clock. */
  now?: Date;
  /** Apple's signer and issuer names for one kind of profile; omitted or null for code signatures. */
  policy?: NamePolicy | null;
}

const MAX_CHAIN = 6;
// The work bound of one path search: signature checks and certificates visited. Real Apple chains need 2–3 checks;
// a bag of thousands of look-alike intermediates stops here instead of costing seconds.
const MAX_EDGE_CHECKS = 48;
const MAX_VISITS = 256;

// (child sha256 > issuer sha256) → whether the issuer's key signed the child: pure facts about immutable bytes.
const edges = new Map<string, boolean>();

async function edgeVerifies(child: ParsedCertificate, issuer: ParsedCertificate): Promise<boolean> {
  const edge = `${child.sha256}>${issuer.sha256}`;
  const known = edges.get(edge);
  if (known !== undefined) return known;
  const scheme = signatureScheme(child.signatureAlgorithm, child.signatureParams);
  const ok =
    scheme !== null &&
    scheme.hash !== null &&
    child.tbsSignatureAlgorithmMatches &&
    (await verifySignature(issuer, { ...scheme, hash: scheme.hash }, child.signature, child.tbs));
  if (edges.size > 4096) edges.clear();
  edges.set(edge, ok);
  return ok;
}

interface Chain {
  certs: ParsedCertificate[];
  /** Why no chain reaches a pinned CA at the signing time; null when one does. */
  problem: string | null;
}

/** The bag's distinct certificates, indexed by subject so each step looks only at the candidates that name it. */
interface Bag {
  certs: ParsedCertificate[];
  bySubject: Map<string, ParsedCertificate[]>;
}

// Names as map keys, memoized per parsed certificate (parsed certificates are themselves memoized).
const nameKeys = new WeakMap<Uint8Array, string>();

function nameKey(name: Uint8Array): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    key = toHex(name);
    nameKeys.set(name, key);
  }
  return key;
}

function indexBag(certs: ParsedCertificate[]): Bag {
  const distinct = [...new Map(certs.map((c) => [c.sha256, c])).values()];
  const bySubject = new Map<string, ParsedCertificate[]>();
  for (const cert of distinct) {
    const key = nameKey(cert.subjectDer);
    bySubject.set(key, [...(bySubject.get(key) ?? []), cert]);
  }
  return { certs: distinct, bySubject };
}

/**
 * Depth-first search from the signer to any pinned CA, trying every candidate issuer (pinned ones first): a decoy or
 * broken intermediate ahead of the genuine one costs one failed signature check, not the verdict. The reason
 * reported on failure is the one from the longest path tried, which is where a reader should look.
 */
async function buildChain(signer: ParsedCertificate, bag: Bag, pins: ReadonlySet<string>, at: string): Promise<Chain> {
  const work = { edges: 0, visits: 0 };
  let best: Chain = { certs: [signer], problem: 'no certificate chain was tried' };
  const fail = (certs: ParsedCertificate[], problem: string): null => {
    if (certs.length >= best.certs.length) best = { certs: [...certs], problem };
    return null;
  };
  const visit = async (path: ParsedCertificate[]): Promise<ParsedCertificate[] | null> => {
    const current = path[path.length - 1]!;
    if (++work.visits > MAX_VISITS) return null;
    if (!isValidAt(current, at)) {
      return fail(path, `"${current.subject.commonName}" was not valid at the signing time ${at} (${current.notBefore} – ${current.notAfter})`);
    }
    if (pins.has(current.sha256)) return path;
    if (path.length > MAX_CHAIN) return fail(path, 'the certificate chain is too long');
    const candidates = (bag.bySubject.get(nameKey(current.issuerDer)) ?? [])
      .filter((c) => c.isCa !== false && !path.includes(c))
      .sort((a, b) => Number(pins.has(b.sha256)) - Number(pins.has(a.sha256)));
    for (const candidate of candidates) {
      if (++work.edges > MAX_EDGE_CHECKS) return null;
      if (!(await edgeVerifies(current, candidate))) continue;
      const found = await visit([...path, candidate]);
      if (found) return found;
    }
    return fail(
      path,
      issuedBy(current, current)
        ? `the chain ends at "${current.subject.commonName}", a self-signed certificate that is not one of the trusted Apple CAs`
        : `the chain stops at "${current.subject.commonName}": its issuer "${current.issuer.commonName}" is missing or did not sign it`,
    );
  };
  const found = await visit([signer]);
  if (found) return { certs: await extendToPinnedRoot(found, bag, pins), problem: null };
  const stopped = work.edges > MAX_EDGE_CHECKS || work.visits > MAX_VISITS;
  return stopped ? { ...best, problem: `${best.problem}; the certificate bag is too large to search further (work bound reached)` } : best;
}

/** Past a pinned intermediate, shows the pinned CAs above it that the bag also carries (for the chain's display). */
async function extendToPinnedRoot(certs: ParsedCertificate[], bag: Bag, pins: ReadonlySet<string>): Promise<ParsedCertificate[]> {
  for (let current = certs[certs.length - 1]!; certs.length <= MAX_CHAIN && !issuedBy(current, current); ) {
    const next = bag.certs.find((c) => pins.has(c.sha256) && issuedBy(current, c) && !certs.includes(c));
    if (!next || !(await edgeVerifies(current, next))) break;
    certs.push(next);
    current = next;
  }
  return certs;
}

function failure(status: SignatureReport['status'], problem: SignatureProblem, reason: string, fields: Partial<SignatureReport> = {}): SignatureReport {
  return { status, signer: null, chain: [], signedAt: null, signerValidNow: null, ...fields, reason, problem };
}

interface Verification {
  signedData: SignedData;
  content: Uint8Array;
  pins: ReadonlySet<string>;
  at: string;
  now: Date;
  policy: NamePolicy | null;
}

/**
 * The one verifier: every SignerInfo must name a certificate in the bag, verify over `content` with allowed algorithms
 * (else `invalid`, or `untrusted` with problem `unsupported-algorithm`), and chain to a pin at its signing time with
 * the policy's names (else `untrusted`). The report describes the first signer, and the first that fails.
 */
async function verifySignedContent(v: Verification): Promise<SignatureReport> {
  const { signedData } = v;
  const count = signedData.signers.length;
  if (count === 0) return failure('untrusted', 'no-signer', 'the CMS envelope has no signer');
  const listed = new Set(signedData.digestAlgorithms.map((a) => a.oid));
  const unknown = signedData.digestAlgorithms.find((a) => !digestName(a.oid, a.params));
  if (unknown) return failure('untrusted', 'unsupported-algorithm', `the digestAlgorithms set names ${unknown.oid}, which ProvLens does not support`);
  const bag = indexBag(await Promise.all(signedData.certificates.map((der) => parseCertificate(der))));
  const reports: SignatureReport[] = [];
  for (const [n, signerInfo] of signedData.signers.entries()) {
    const report = await verifyOneSigner(v, signerInfo, bag, listed);
    const labelled = count > 1 && report.status !== 'valid' ? { ...report, reason: `signer ${n + 1} of ${count}: ${report.reason ?? ''}` } : report;
    if (labelled.status !== 'valid') return count > 1 ? { ...labelled, signerCount: count } : labelled;
    reports.push(labelled);
  }
  const first = reports[0]!;
  return count > 1 ? { ...first, signerCount: count } : first;
}

async function verifyOneSigner(v: Verification, signerInfo: SignerInfo, bag: Bag, listed: ReadonlySet<string>): Promise<SignatureReport> {
  const signedAt = signerInfo.signingTime ?? v.at;
  const candidates = bag.certs.filter((c) => namesCertificate(signerInfo, c));
  if (candidates.length === 0) return failure('untrusted', 'signer-certificate-missing', "the signer's certificate is not included in the CMS certificate bag", { signedAt });
  if (!listed.has(signerInfo.digestAlgorithm)) {
    return failure('invalid', 'digest-algorithms', `the signer's digest algorithm ${signerInfo.digestAlgorithm} is missing from the digestAlgorithms set`, { signedAt });
  }
  if (signerInfo.contentTypeAttribute !== null && signerInfo.contentTypeAttribute !== v.signedData.contentType) {
    return failure('invalid', 'content-type-mismatch', `the signed content type ${signerInfo.contentTypeAttribute} is not the envelope's ${v.signedData.contentType}`, { signedAt });
  }
  let firstProblem: SignatureReport | null = null;
  for (const cert of candidates) {
    const base = { signer: cert.subject.commonName, signedAt, signerValidNow: isValidAt(cert, v.now.toISOString()), chain: [cert.subject.commonName ?? '?'] };
    const check = await verifySigner(signerInfo, v.content, cert);
    let report: SignatureReport;
    if (check === 'ok') {
      const chain = await buildChain(cert, bag, v.pins, signedAt);
      const names = chain.certs.map((c) => c.subject.commonName ?? '?');
      const nameProblem = chain.problem === null && v.policy ? namePolicyProblem(chain.certs, v.policy) : null;
      if (!chain.problem && !nameProblem) return { ...base, chain: names, status: 'valid', reason: null };
      report = chain.problem
        ? failure('untrusted', 'untrusted-chain', `not signed by Apple: ${chain.problem}`, { ...base, chain: names })
        : failure('untrusted', 'signer-name', `not signed by Apple: ${nameProblem}`, { ...base, chain: names });
    } else {
      report =
        check === 'digest-mismatch'
          ? failure('invalid', check, 'the content does not match the signed digest: the file was changed after signing', base)
          : check === 'signature-mismatch'
            ? failure('invalid', check, "the signature does not verify with the signer's key: the file was changed after signing", base)
            : failure('untrusted', check, `the signature uses an algorithm ProvLens does not support or that does not fit the signer's key (digest ${signerInfo.digestAlgorithm}, signature ${signerInfo.signatureAlgorithm})`, base);
    }
    firstProblem ??= report;
  }
  return firstProblem!;
}

/**
 * Verifies a parsed SignedData over its own content: digest and signature (else `invalid`), then the chain to a pinned
 * CA at the signing time and Apple's signer names (else `untrusted`). Profiles and DER-Encoded-Profiles use this.
 */
export async function assessSignature(signedData: SignedData, options: TrustOptions): Promise<SignatureReport> {
  if (!signedData.content) return failure('untrusted', 'no-content', 'the CMS envelope carries no content');
  return verifySignedContent({
    signedData,
    content: signedData.content,
    pins: pinSet(options.trustedCaSha256),
    at: options.fallbackTime ?? options.now.toISOString(),
    now: options.now,
    policy: options.policy,
  });
}

/**
 * The single CMS verifier entry. Attached content (a profile, a DER-Encoded-Profile): `verifyCms(bytes, options)`.
 * Detached content (an app's code signature over its CodeDirectory): pass `content`, or use verifyDetachedCms.
 * Throws ProvlensError('malformed-cms') when the CMS does not parse; everything else is a SignatureReport.
 */
export async function verifyCms(cms: Uint8Array, options: CmsVerifyOptions & { content?: Uint8Array }): Promise<SignatureReport> {
  const signedData = parseSignedData(cms);
  if (options.content && signedData.content) throw new ProvlensError('malformed-cms', 'detached content was given, but the CMS carries its own');
  const content = options.content ?? signedData.content;
  if (!content) return failure('untrusted', 'no-content', 'the CMS envelope carries no content and none was given');
  const now = options.now ?? new Date();
  return verifySignedContent({ signedData, content, pins: pinSet(options.anchors), at: options.at ?? now.toISOString(), now, policy: options.policy ?? null });
}

/**
 * A detached CMS signature over `content`, e.g. an app's code-signature CMS (CSSLOT_SIGNATURESLOT) over its
 * CodeDirectory, with options.anchors = APPLE_CODE_SIGNING_CA_SHA256. Apple's code-signature CMS carries signed
 * attributes (contentType, signingTime, messageDigest of the CodeDirectory, and the cdhashes plist), which this
 * checks like any other: the messageDigest must match `content`. Throws ProvlensError('malformed-cms') when unparsable.
 */
export function verifyDetachedCms(cms: Uint8Array, content: Uint8Array, options: CmsVerifyOptions): Promise<SignatureReport> {
  return verifyCms(cms, { ...options, content });
}

function pinSet(pins: readonly string[]): ReadonlySet<string> {
  return new Set(pins.map((pin) => pin.toLowerCase()));
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
