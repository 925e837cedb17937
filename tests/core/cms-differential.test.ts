// Differential test (issue 14): profiles signed by the test CA, mutated in the shapes of tests/fixtures/cms-shapes.ts,
// judged by ProvLens and by `openssl cms -verify` (OpenSSL 3, /usr/bin/openssl; .ci/run installs it). ProvLens must give
// each shape's verdict; OpenSSL must give the verdict the shape records for it, so a shape where the two differ is a
// documented, deliberate difference (a decoy intermediate, a content type that contradicts its signed attribute).
// The same shapes then run over the real Apple profiles in ../shared/fixtures. ProvLens judges each case twice, through
// WebCrypto and through node:crypto, and both must give the same report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_NATIVE_CRYPTO } from '../../cli/node-primitives';
import { parseSignedData } from '../../core/cms/cms';
import { useNativeCrypto } from '../../core/cms/crypto';
import { ProvlensError } from '../../core/errors';
import { decodeProfile } from '../../core/profile/profile';
import { DER_PROFILE_POLICY, verifyCms } from '../../core/cms/trust';
import type { SignatureReport } from '../../core/types';
import { SHAPES, applyShape, type Verdict } from '../fixtures/cms-shapes';
import { makeProfile, sharedTestPki, signCms, type TestPki } from '../fixtures/factory';
import { hasSharedFixtures, listShared, readShared, readSharedJson, warnIfSharedFixturesMissing } from '../shared-fixtures';

warnIfSharedFixturesMissing();

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) console.warn('\n!!! openssl not found: the differential test checks ProvLens verdicts only (.ci/run installs openssl).\n');

const NOW = new Date('2026-06-01T00:00:00.000Z');
let pki: TestPki;
let dir: string;

beforeAll(async () => {
  pki = await sharedTestPki();
  dir = mkdtempSync(join(tmpdir(), 'provlens-cms-diff-'));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pem(der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;
}

let files = 0;
/** `openssl cms -verify` over `cms` with `caFile` as the only trust, at `attime` (epoch seconds) when given. */
function openssl(cms: Uint8Array, caFile: string, attime?: number): Verdict {
  const file = join(dir, `m${files++}.der`);
  writeFileSync(file, cms);
  const args = ['cms', '-verify', '-inform', 'DER', '-in', file, '-CAfile', caFile, '-purpose', 'any', '-binary', '-out', '/dev/null'];
  if (attime !== undefined) args.push('-attime', String(attime));
  return spawnSync('openssl', args).status === 0 ? 'accept' : 'refuse';
}

// Every verdict is reached twice, through WebCrypto (browsers) and through node:crypto (the CLI, core/cms/crypto.ts
// useNativeCrypto), and must be the same report: both paths accept exactly the same signatures.
async function provlensVerdict(verify: () => Promise<SignatureReport>): Promise<{ verdict: Verdict; report: SignatureReport | null; error: string | null }> {
  useNativeCrypto(NODE_NATIVE_CRYPTO);
  let native: Awaited<ReturnType<typeof verdictOnce>>;
  try {
    native = await verdictOnce(verify);
  } finally {
    useNativeCrypto(null);
  }
  const webCrypto = await verdictOnce(verify);
  expect(native, 'node:crypto and WebCrypto disagree').toEqual(webCrypto);
  return webCrypto;
}

async function verdictOnce(verify: () => Promise<SignatureReport>): Promise<{ verdict: Verdict; report: SignatureReport | null; error: string | null }> {
  try {
    const report = await verify();
    return { verdict: report.status === 'valid' ? 'accept' : 'refuse', report, error: null };
  } catch (error) {
    if (!(error instanceof ProvlensError)) throw error;
    expect(error.code).toMatch(/^malformed-(cms|der)$/);
    return { verdict: 'refuse', report: null, error: error.message };
  }
}

describe('differential against openssl cms -verify: a test-CA iOS profile (RSA, SHA-1, Apple layout)', () => {
  let profile: Uint8Array;
  let caFile: string;
  const decode = (bytes: Uint8Array) => () => decodeProfile(bytes, { trustedCaSha256: pki.trustedCaSha256, now: NOW }).then((d) => d.signature);

  beforeAll(async () => {
    profile = await makeProfile(pki, { createdAt: new Date('2026-02-01T00:00:00Z') });
    caFile = join(dir, 'root.pem');
    writeFileSync(caFile, pem(pki.root.der));
  });

  it('the unmutated profile: both accept', async () => {
    expect((await provlensVerdict(decode(profile))).verdict).toBe('accept');
    if (hasOpenssl) expect(openssl(profile, caFile)).toBe('accept');
  });

  for (const shape of SHAPES) {
    it(`${shape.name}: ProvLens ${shape.provlens}s, openssl ${shape.openssl}s (${shape.why})`, async () => {
      const mutant = applyShape(profile, shape);
      const { verdict } = await provlensVerdict(decode(mutant));
      expect(verdict).toBe(shape.provlens);
      if (hasOpenssl) expect(openssl(mutant, caFile)).toBe(shape.openssl);
    });
  }

  it('says which signer failed, how many there were, and why, as data', async () => {
    const bad = (await decode(applyShape(profile, SHAPES.find((s) => s.name === 'second-signer-bad-signature')!))())!;
    expect(bad).toMatchObject({ status: 'invalid', problem: 'signature-mismatch', signerCount: 2 });
    expect(bad.reason).toMatch(/^signer 2 of 2: the signature does not verify/);
    const both = await decode(applyShape(profile, SHAPES.find((s) => s.name === 'second-signer-identical')!))();
    expect(both).toMatchObject({ status: 'valid', signerCount: 2, signer: 'Apple iPhone OS Provisioning Profile Signing' });
    const unknown = await decode(applyShape(profile, SHAPES.find((s) => s.name === 'unknown-signature-algorithm')!))();
    expect(unknown).toMatchObject({ status: 'untrusted', problem: 'unsupported-algorithm' });
    const digests = await decode(applyShape(profile, SHAPES.find((s) => s.name === 'digest-algorithms-without-signers')!))();
    expect(digests).toMatchObject({ status: 'invalid', problem: 'digest-algorithms' });
    const decoy = await decode(applyShape(profile, SHAPES.find((s) => s.name === 'broken-decoy-intermediate-first')!))();
    expect(decoy.chain).toEqual(['Apple iPhone OS Provisioning Profile Signing', 'Apple iPhone Certification Authority', 'Apple Root CA']);
  });

  it('names where a malformed part is, even a certificate the chain does not need', async () => {
    const corrupt = applyShape(profile, SHAPES.find((s) => s.name === 'corrupt-extra-certificate')!);
    const count = parseSignedData(profile).certificates.length;
    expect(() => parseSignedData(corrupt)).toThrow(new RegExp(`^SignedData.certificates: certificate ${count + 1}: expected signature BIT STRING`));
    expect(() => parseSignedData(applyShape(profile, SHAPES.find((s) => s.name === 'signer-info-extra-field')!))).toThrow(/^SignerInfo 1: unexpected field/);
    expect(() => parseSignedData(applyShape(profile, SHAPES.find((s) => s.name === 'signed-data-version-not-integer')!))).toThrow(/^SignedData.version: expected an INTEGER/);
  });

  it('refuses a signature algorithm that contradicts the digest algorithm (sha256WithRSA over a SHA-1 digest)', async () => {
    const contradicting = applyShape(profile, {
      name: 'contradiction', provlens: 'refuse', openssl: 'refuse', why: '',
      apply(p) {
        const signer = p.signers.children[0]!.children!;
        const at = signer[3]?.tag === 0xa0 ? 4 : 3;
        // sha256WithRSAEncryption with NULL parameters.
        signer[at] = { tag: 0x30, children: [{ tag: 0x06, value: new Uint8Array([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]) }, { tag: 0x05, value: new Uint8Array(0) }] };
      },
    });
    expect(await decode(contradicting)()).toMatchObject({ status: 'untrusted', problem: 'unsupported-algorithm' });
  });
});

describe('differential against openssl: a test-CA DER-Encoded-Profile CMS (ECDSA P-256, SHA-256) through verifyCms', () => {
  let cms: Uint8Array;
  let caFile: string;
  const verify = (bytes: Uint8Array) => () => verifyCms(bytes, { anchors: pki.trustedCaSha256, now: NOW, policy: DER_PROFILE_POLICY });

  beforeAll(async () => {
    const identity = { chain: [pki.derSigner.der, pki.systemIntegrationCa.der, pki.g3Root.der], privateKey: pki.derSigner.privateKey };
    cms = await signCms(identity, new TextEncoder().encode('DER profile content'), { hash: 'SHA-256', profileAttributes: true, signingTime: new Date('2026-02-01T00:00:00Z') });
    caFile = join(dir, 'g3.pem');
    writeFileSync(caFile, pem(pki.g3Root.der));
  });

  it('the unmutated CMS: both accept', async () => {
    expect((await provlensVerdict(verify(cms))).verdict).toBe('accept');
    if (hasOpenssl) expect(openssl(cms, caFile)).toBe('accept');
  });

  for (const shape of SHAPES) {
    it(`${shape.name}`, async () => {
      const mutant = applyShape(cms, shape);
      expect((await provlensVerdict(verify(mutant))).verdict).toBe(shape.provlens);
      if (hasOpenssl) expect(openssl(mutant, caFile)).toBe(shape.opensslEcdsa ?? shape.openssl);
    });
  }
});

interface SharedExpectation {
  signature: string[];
}

describe.runIf(hasSharedFixtures)('the shapes over the real Apple profiles in ../shared/fixtures', () => {
  const expectations = hasSharedFixtures ? readSharedJson<Record<string, SharedExpectation>>('expectations.json') : {};
  const genuine = hasSharedFixtures ? listShared('profiles').filter((file) => expectations[file]?.signature.join() === 'valid') : [];
  let caFile: string;

  beforeAll(() => {
    caFile = join(dir, 'apple.pem');
    writeFileSync(caFile, ['certs/applers_AppleIncRootCertificate.cer', 'certs/applers_AppleRootCA-G3.cer'].map((f) => pem(readShared(f))).join(''));
  });

  it('covers all 40 genuine profiles', () => {
    expect(genuine).toHaveLength(40);
  });

  for (const shape of SHAPES) {
    it(`${shape.name}: ProvLens ${shape.provlens}s on every profile; openssl agrees except where documented`, async () => {
      let applied = 0;
      for (const file of genuine) {
        const bytes = readShared(file);
        const signingTime = parseSignedData(bytes).signers[0]?.signingTime;
        let mutant: Uint8Array;
        try {
          mutant = applyShape(bytes, shape);
        } catch {
          continue; // the profile lacks what the shape edits (e.g. a signer certificate without subjectKeyIdentifier)
        }
        applied++;
        const { verdict, report, error } = await provlensVerdict(() => decodeProfile(mutant, { now: NOW }).then((d) => d.signature));
        expect(verdict, `${file}: ${report?.reason ?? error}`).toBe(shape.provlens);
        if (hasOpenssl && signingTime) {
          expect(openssl(mutant, caFile, Math.floor(Date.parse(signingTime) / 1000)), file).toBe(shape.openssl);
        }
      }
      expect(applied).toBeGreaterThanOrEqual(shape.name === 'signer-by-subject-key-identifier' ? 1 : 40);
    }, 120_000);
  }
});
