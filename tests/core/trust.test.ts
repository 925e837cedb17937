// The one CMS verifier (core/cms/trust.ts): detached content (an app's code signature over its CodeDirectory, chaining to
// Apple's WWDR / Developer ID CAs), signer identifiers, and path building over hostile bags within its work bound.
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCodeSignature } from '../../core/app/code-signature';
import { readMachO } from '../../core/app/macho';
import { parseSignedData } from '../../core/cms/cms';
import { ProvlensError } from '../../core/errors';
import { APPLE_CODE_SIGNING_CA_SHA256, IOS_PROFILE_POLICY, verifyCms, verifyDetachedCms } from '../../core/cms/trust';
import { applyShape, encodeNode, parseNode, SHAPES } from '../fixtures/cms-shapes';
import { makeProfile, sharedTestPki, signCms, type TestPki } from '../fixtures/factory';
import { hasSharedFixtures, readShared, readSharedJson } from '../shared-fixtures';

let pki: TestPki;
const NOW = new Date('2026-06-01T00:00:00.000Z');
const SIGNED_AT = new Date('2026-02-03T04:05:06.000Z');
// The test developer certificate is valid from 180 days before today: sign code yesterday.
const CODE_SIGNED_AT = new Date(Math.floor(Date.now() / 1000 - 86_400) * 1000);
const CODE_DIRECTORY = new Uint8Array([0xfa, 0xde, 0x0c, 0x02, 0, 0, 0, 0x40, ...new Array<number>(56).fill(7)]);

beforeAll(async () => {
  pki = await sharedTestPki();
}, 120_000);

describe('verifyDetachedCms: a code signature over its CodeDirectory', () => {
  const sign = () =>
    signCms(
      { chain: [pki.developerCertificate.der, pki.developerCa.der, pki.root.der], privateKey: pki.developerCertificate.privateKey },
      CODE_DIRECTORY,
      { detached: true, hash: 'SHA-256', signingTime: CODE_SIGNED_AT },
    );

  it('verifies and chains a detached signature made by a developer certificate', async () => {
    const report = await verifyDetachedCms(await sign(), CODE_DIRECTORY, { anchors: pki.trustedCaSha256 });
    expect(report).toMatchObject({
      status: 'valid',
      signer: pki.developerCertificate.commonName,
      signedAt: CODE_SIGNED_AT.toISOString(),
      chain: [pki.developerCertificate.commonName, 'Apple Worldwide Developer Relations Certification Authority', 'Apple Root CA'],
      reason: null,
    });
  });

  it('calls an altered CodeDirectory a digest mismatch, and the CMS alone has nothing to verify', async () => {
    const cms = await sign();
    const altered = CODE_DIRECTORY.map((b, i) => (i === 20 ? b ^ 1 : b));
    expect(await verifyDetachedCms(cms, altered, { anchors: pki.trustedCaSha256 })).toMatchObject({ status: 'invalid', problem: 'digest-mismatch' });
    expect(await verifyCms(cms, { anchors: pki.trustedCaSha256 })).toMatchObject({ status: 'untrusted', problem: 'no-content' });
  });

  it('is untrusted under Apple pins, and refuses detached content for a CMS that carries its own', async () => {
    expect(await verifyDetachedCms(await sign(), CODE_DIRECTORY, { anchors: APPLE_CODE_SIGNING_CA_SHA256 })).toMatchObject({
      status: 'untrusted',
      problem: 'untrusted-chain',
    });
    const attached = await makeProfile(pki, {});
    await expect(verifyDetachedCms(attached, CODE_DIRECTORY, { anchors: pki.trustedCaSha256 })).rejects.toThrow(ProvlensError);
  });
});

interface AppExpectation {
  bundles: { path: string; signerSha256: string }[];
}

/** The main executable's code-signature blobs of each bundle in a real .ipa. */
function codeSignatures(ipa: Uint8Array, bundlePath: string) {
  const files = unzipSync(ipa, { filter: (file) => file.name.startsWith(bundlePath) && !file.name.slice(bundlePath.length).includes('/') });
  const executable = bundlePath.split('/').at(-2)!.replace(/\.app$/, '');
  const binary = files[`${bundlePath}${executable}`];
  if (!binary) throw new Error(`no executable ${executable}`);
  return readMachO(binary).slices.map((slice) => (slice.codeSignature ? readCodeSignature(slice.codeSignature) : null));
}

describe.runIf(hasSharedFixtures)('verifyDetachedCms on the real apps in ../shared/fixtures/ipa', () => {
  const apps = hasSharedFixtures ? readSharedJson<Record<string, AppExpectation>>('expectations-apps.json') : {};

  for (const file of ['ipa/appinfo_apple-tv.ipa', 'ipa/appinfo_ipad.ipa', 'ipa/appinfo_iphone.ipa', 'ipa/isign_SimpleSaucyApp.ipa']) {
    it(`${file}: every slice's CMS verifies over its CodeDirectory and chains to a pinned Apple CA`, async () => {
      const bundle = apps[file]!.bundles[0]!;
      const slices = codeSignatures(readShared(file), bundle.path);
      expect(slices.length).toBeGreaterThan(0);
      for (const blobs of slices) {
        expect(blobs?.cms && blobs.codeDirectory).toBeTruthy();
        const report = await verifyDetachedCms(blobs!.cms!, blobs!.codeDirectory!, { anchors: APPLE_CODE_SIGNING_CA_SHA256, now: NOW });
        expect(report, report.reason ?? '').toMatchObject({ status: 'valid', reason: null });
        expect(report.chain.at(-1)).toMatch(/^Apple (Root CA|Worldwide Developer Relations)/);
        // The signer named in the expectations (from the Mach-O, by openssl) is the one in the bag.
        const signed = parseSignedData(blobs!.cms!);
        expect(signed.signers).toHaveLength(1);
      }
    });
  }

  it('the fake-signed app does not verify', async () => {
    const file = 'ipa/fastlane_very-capable-app_FAKESIGNED.ipa';
    for (const blobs of codeSignatures(readShared(file), apps[file]!.bundles[0]!.path)) {
      if (!blobs?.cms || !blobs.codeDirectory) continue;
      const outcome = await verifyDetachedCms(blobs.cms, blobs.codeDirectory, { anchors: APPLE_CODE_SIGNING_CA_SHA256, now: NOW }).catch((e: unknown) => e);
      expect(outcome instanceof ProvlensError || (outcome as { status?: string }).status !== 'valid').toBe(true);
    }
  });
});

describe('path building over hostile certificate bags', () => {
  /** `count` broken copies of the iPhone CA (distinct bytes, same names and key), inserted ahead of the bag. */
  function withDecoys(profile: Uint8Array, count: number, keepGenuine: boolean): Uint8Array {
    const { node: root } = parseNode(profile);
    const bag = root.children![1]!.children![0]!.children!.find((f) => f.tag === 0xa0)!;
    const genuine = encodeNode(parseNode(pki.iphoneCa.der).node);
    const decoys = Array.from({ length: count }, (_, i) => {
      const copy = genuine.slice();
      copy[copy.length - 1]! ^= (i % 255) + 1;
      copy[copy.length - 2]! ^= Math.floor(i / 255) + 1;
      return parseNode(copy).node;
    });
    const rest = bag.children!.filter((c) => keepGenuine || !bytesEqual(encodeNode(c), genuine));
    bag.children!.splice(0, bag.children!.length, ...decoys, ...rest);
    return encodeNode(root);
  }

  const bytesEqual = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

  it('finds the genuine intermediate behind 1,500 broken decoys', async () => {
    const profile = await makeProfile(pki, { createdAt: SIGNED_AT });
    const report = await verifyCms(withDecoys(profile, 1500, true), { anchors: pki.trustedCaSha256, now: NOW, policy: IOS_PROFILE_POLICY });
    expect(report).toMatchObject({ status: 'valid', chain: ['Apple iPhone OS Provisioning Profile Signing', 'Apple iPhone Certification Authority', 'Apple Root CA'] });
  });

  it('gives up within its work bound when only decoys are left, and says so', async () => {
    const profile = await makeProfile(pki, { createdAt: SIGNED_AT });
    const report = await verifyCms(withDecoys(profile, 1500, false), { anchors: pki.trustedCaSha256, now: NOW, policy: IOS_PROFILE_POLICY });
    expect(report).toMatchObject({ status: 'untrusted', problem: 'untrusted-chain' });
    expect(report.reason).toMatch(/too large to search further \(work bound reached\)$/);
  });

  it('keeps a chain through an unpinned intermediate when a decoy comes first', async () => {
    // Only the root is pinned: the decoy and the genuine intermediate are equal candidates, tried in bag order.
    const profile = await makeProfile(pki, { createdAt: SIGNED_AT });
    const decoy = applyShape(profile, SHAPES.find((s) => s.name === 'broken-decoy-intermediate-first')!);
    const report = await verifyCms(decoy, { anchors: [pki.root.sha256], now: NOW, policy: IOS_PROFILE_POLICY });
    expect(report).toMatchObject({ status: 'valid', chain: ['Apple iPhone OS Provisioning Profile Signing', 'Apple iPhone Certification Authority', 'Apple Root CA'] });
  });

  it('names a signer by subjectKeyIdentifier only when the certificate carries that identifier', async () => {
    const profile = await makeProfile(pki, { createdAt: SIGNED_AT });
    const bySki = applyShape(profile, SHAPES.find((s) => s.name === 'signer-by-subject-key-identifier')!);
    expect(parseSignedData(bySki).signers[0]).toMatchObject({ version: 3, issuerDer: null, serialNumber: null });
    expect(await verifyCms(bySki, { anchors: pki.trustedCaSha256, now: NOW, policy: IOS_PROFILE_POLICY })).toMatchObject({ status: 'valid' });
    const other = applyShape(profile, {
      name: 'wrong-ski', provlens: 'refuse', openssl: 'refuse', why: '',
      apply(p) {
        const signer = p.signers.children[0]!.children!;
        signer[1] = { tag: 0x80, value: new Uint8Array(20).fill(0x5a) };
      },
    });
    expect(await verifyCms(other, { anchors: pki.trustedCaSha256, now: NOW })).toMatchObject({ status: 'untrusted', problem: 'signer-certificate-missing' });
  });
});
