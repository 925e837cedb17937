// The CMS layer through the openssl command line, not ProvLens's own CMS code: a code signature's SignedData over
// its CodeDirectory (detached), checked with `openssl cms -verify` against Apple's root certificates from
// ../shared/fixtures/certs; and an embedded.mobileprovision's signed content, read with `openssl cms -verify
// -noverify`, and for capabilities only when `openssl cms -verify` chains it to an Apple root.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CERTS = resolve(import.meta.dirname, '../../../../shared/fixtures/certs');
const ROOTS = /^applers_Apple(IncRootCertificate|ComputerRootCertificate|RootCA-G2|RootCA-G3)\.cer$/;
const work = mkdtempSync(join(tmpdir(), 'corpus-openssl-'));
let rootsPem: string | null | undefined;

/** Apple's roots as one PEM file, or null when ../shared/fixtures/certs is absent. */
export function appleRoots(): string | null {
  if (rootsPem !== undefined) return rootsPem;
  if (!existsSync(CERTS)) return (rootsPem = null);
  const pems = readdirSync(CERTS)
    .filter((name) => ROOTS.test(name))
    .map((name) => execFileSync('openssl', ['x509', '-inform', 'DER', '-in', join(CERTS, name)]).toString());
  rootsPem = join(work, 'apple-roots.pem');
  writeFileSync(rootsPem, pems.join(''));
  return rootsPem;
}

export type CmsVerdict = 'trusted' | 'untrusted' | 'invalid';
const verdicts = new Map<string, CmsVerdict>();

function openssl(args: string[]): boolean {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    return true;
  } catch {
    return false;
  }
}

/** Does the CMS sign this CodeDirectory, and does its signer chain to an Apple root (at any time: iOS does not
 *  expire an installed app's code signature; Apple's private critical extensions, such as the development-signing
 *  marker, are Apple's to interpret)? */
export function verifyCodeSignature(cms: Uint8Array, codeDirectory: Uint8Array): CmsVerdict {
  const key = createHash('sha256').update(cms).update(codeDirectory).digest('hex');
  const known = verdicts.get(key);
  if (known) return known;
  const signature = join(work, `${key}.cms`);
  const content = join(work, `${key}.cd`);
  writeFileSync(signature, cms);
  writeFileSync(content, codeDirectory);
  const common = ['cms', '-verify', '-inform', 'DER', '-in', signature, '-content', content, '-binary', '-out', '/dev/null'];
  const roots = appleRoots();
  let verdict: CmsVerdict;
  if (roots && openssl([...common, '-CAfile', roots, '-purpose', 'any', '-no_check_time', '-ignore_critical'])) verdict = 'trusted';
  else if (openssl([...common, '-noverify'])) verdict = 'untrusted';
  else verdict = verifyAsReceived(signature, codeDirectory, roots);
  verdicts.set(key, verdict);
  return verdict;
}

/** The signed content of a provisioning profile when its CMS verifies and chains to an Apple root (at any time), else
 *  null: a profile Apple did not sign grants nothing iOS would honour, so what it lists says nothing of capabilities. */
export function appleSignedContent(bytes: Uint8Array): Uint8Array | null {
  const roots = appleRoots();
  if (!roots) return cmsContent(bytes);
  const key = createHash('sha256').update(bytes).digest('hex');
  const input = join(work, `${key}.apple.p7`);
  const output = join(work, `${key}.apple.out`);
  writeFileSync(input, bytes);
  if (!openssl(['cms', '-verify', '-inform', 'DER', '-in', input, '-out', output, '-CAfile', roots, '-purpose', 'any', '-no_check_time', '-ignore_critical'])) return null;
  return new Uint8Array(readFileSync(output));
}

/** The signed content of a CMS-wrapped file (a provisioning profile's plist), or null when it is not CMS. */
export function cmsContent(bytes: Uint8Array): Uint8Array | null {
  const key = createHash('sha256').update(bytes).digest('hex');
  const input = join(work, `${key}.p7`);
  const output = join(work, `${key}.out`);
  writeFileSync(input, bytes);
  if (!openssl(['cms', '-verify', '-noverify', '-inform', 'DER', '-in', input, '-out', output])) return null;
  return new Uint8Array(readFileSync(output));
}

// `openssl cms` checks the signature over the signed attributes as it re-encodes them; codesign in 2019–2020 wrote
// some whose received bytes differ from that re-encoding (Apple's CDHashes attributes), and RFC 5652 §5.4 signs the
// received SET. So when openssl says no, the signature is checked again over the bytes as received: the signed
// attributes' [0] turned into a SET, hashed and verified with each certificate's key (`openssl dgst -verify`), the
// messageDigest attribute compared with the CodeDirectory's hash, the signer's chain checked with `openssl verify`.
function verifyAsReceived(signature: string, codeDirectory: Uint8Array, roots: string | null): CmsVerdict {
  let parsed: string;
  try {
    parsed = execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', signature]).toString();
  } catch {
    return 'invalid';
  }
  const lines = parsed.split('\n').map((line) => /^\s*(\d+):d=(\d+)\s+hl=(\d+) l=\s*(\d+) (prim|cons): (.*)$/.exec(line)).filter((m): m is RegExpExecArray => m !== null);
  // The last match of each (ES2022 has no findLast).
  const findLast = (test: (m: RegExpExecArray) => boolean): RegExpExecArray | undefined => lines.filter(test).pop();
  const attrs = findLast((m) => m[6]!.startsWith('cont [ 0 ]') && m[2] === '5');
  const sig = findLast((m) => m[6]!.startsWith('OCTET STRING') && m[2] === '5');
  const digestName = findLast((m) => m[2] === '6' && /OBJECT\s+:(sha1|sha256|sha384)$/.test(m[6]!) && attrs !== undefined && Number(m[1]) < Number(attrs[1]));
  if (!attrs || !sig || !digestName) return 'invalid';
  const bytes = readFileSync(signature);
  const at = (m: RegExpExecArray): [number, number] => [Number(m[1]), Number(m[1]) + Number(m[3]) + Number(m[4])];
  const [aStart, aEnd] = at(attrs);
  const signed = Buffer.from(bytes.subarray(aStart, aEnd));
  signed[0] = 0x31;
  const [sStart, sEnd] = at(sig);
  const hash = /:(sha1|sha256|sha384)$/.exec(digestName[6]!)![1]!;
  const wanted = createHash(hash).update(codeDirectory).digest('hex').toUpperCase();
  if (!parsed.includes(`[HEX DUMP]:${wanted}`)) return 'invalid';
  const key = createHash('sha256').update(bytes).digest('hex');
  const attrsFile = join(work, `${key}.attrs`);
  const sigFile = join(work, `${key}.sig`);
  writeFileSync(attrsFile, signed);
  writeFileSync(sigFile, bytes.subarray(sStart + Number(sig[3]), sEnd));
  const certs = execFileSync('openssl', ['pkcs7', '-inform', 'DER', '-in', signature, '-print_certs']).toString();
  const pems = certs.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
  const chain = join(work, `${key}.chain.pem`);
  writeFileSync(chain, pems.join('\n'));
  for (const [i, pem] of pems.entries()) {
    const certFile = join(work, `${key}.${i}.pem`);
    const keyFile = join(work, `${key}.${i}.key`);
    writeFileSync(certFile, `${pem}\n`);
    writeFileSync(keyFile, execFileSync('openssl', ['x509', '-in', certFile, '-pubkey', '-noout']));
    if (!openssl(['dgst', `-${hash}`, '-verify', keyFile, '-signature', sigFile, attrsFile])) continue;
    const trusted = roots && openssl(['verify', '-CAfile', roots, '-untrusted', chain, '-purpose', 'any', '-no_check_time', '-ignore_critical', certFile]);
    return trusted ? 'trusted' : 'untrusted';
  }
  return 'invalid';
}
