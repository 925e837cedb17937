// CMS slicing, signer checks, certificate reading and chain trust on the test PKI, including what memoization must
// never do: let changed bytes inherit a verdict that was computed for other bytes.
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate, readCertificate } from '../../core/cms/certificate';
import { parseSignedData, verifySigner } from '../../core/cms/cms';
import { decodeProfile } from '../../core/profile/profile';
import { IOS_PROFILE_POLICY, assessSignature } from '../../core/cms/trust';
import { applyShape, type Node } from '../fixtures/cms-shapes';
import { makeDeveloperCertificate, makeProfile, sharedTestPki, signCms, toIndefiniteLengthBer, type TestPki } from '../fixtures/factory';

let pki: TestPki;
const NOW = new Date('2026-06-01T00:00:00.000Z');
const SIGNED_AT = new Date('2026-02-03T04:05:06.000Z');
const CONTENT = new TextEncoder().encode('<plist><dict><key>UUID</key><string>cms-test</string></dict></plist>');

// RSA key generation for the test PKI is slow on a loaded 2-core machine: give the hook room.
beforeAll(async () => {
  pki = await sharedTestPki();
}, 120_000);

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('parseSignedData', () => {
  it('slices content, certificate bag and signer attributes, from DER and from indefinite-length BER', async () => {
    const cms = await signCms({ chain: [pki.iphoneSigner.der, pki.iphoneCa.der, pki.root.der], privateKey: pki.iphoneSigner.privateKey }, CONTENT, { signingTime: SIGNED_AT });
    for (const bytes of [cms, toIndefiniteLengthBer(cms)]) {
      const signedData = parseSignedData(bytes);
      expect(signedData.contentType).toBe('1.2.840.113549.1.7.1');
      expect(signedData.content).toEqual(CONTENT);
      expect(signedData.certificates).toEqual([pki.iphoneSigner.der, pki.iphoneCa.der, pki.root.der]);
      expect(signedData.signers).toHaveLength(1);
      expect(signedData.signers[0]).toMatchObject({
        digestAlgorithm: '1.3.14.3.2.26',
        signatureAlgorithm: '1.2.840.113549.1.1.1',
        signingTime: '2026-02-03T04:05:06.000Z',
      });
      expect(signedData.signers[0]!.signedAttributes![0]).toBe(0x31);
      const signer = await parseCertificate(pki.iphoneSigner.der);
      expect(await verifySigner(signedData.signers[0]!, signedData.content!, signer)).toBe('ok');
      expect(await verifySigner(signedData.signers[0]!, CONTENT.map((b, i) => (i === 20 ? b ^ 1 : b)), signer)).toBe('digest-mismatch');
    }
  });

  it('detects a changed signature as a signature mismatch', async () => {
    const cms = await signCms({ chain: [pki.derSigner.der], privateKey: pki.derSigner.privateKey }, CONTENT, { hash: 'SHA-256' });
    const signedData = parseSignedData(cms);
    const signerInfo = signedData.signers[0]!;
    const signer = await parseCertificate(pki.derSigner.der);
    expect(await verifySigner(signerInfo, CONTENT, signer)).toBe('ok');
    const forged = { ...signerInfo, signature: signerInfo.signature.map((b, i) => (i === 10 ? b ^ 0xff : b)) };
    expect(await verifySigner(forged, CONTENT, signer)).toBe('signature-mismatch');
  });
});

describe('readCertificate', () => {
  it('reads an Apple-style developer certificate field by field', async () => {
    const dev = await makeDeveloperCertificate(pki, {
      commonName: 'iPhone Distribution: Example Corp (ABCDE12345)',
      teamId: 'ABCDE12345',
      organization: 'Example Corp',
      notBefore: new Date('2025-03-01T00:00:00Z'),
      notAfter: new Date('2028-03-01T00:00:00Z'),
    });
    const cert = await readCertificate(dev.der);
    expect(cert).toEqual({
      commonName: 'iPhone Distribution: Example Corp (ABCDE12345)',
      teamId: 'ABCDE12345',
      organization: 'Example Corp',
      serialNumber: expect.stringMatching(/^[0-9a-f]+$/),
      issuer: 'Apple Worldwide Developer Relations Certification Authority',
      notBefore: '2025-03-01T00:00:00.000Z',
      notAfter: '2028-03-01T00:00:00.000Z',
      sha1: dev.sha1,
      sha256: dev.sha256,
    });
    // Cross-checked with pkijs' own reading of the same bytes.
    const serial = pkijs.Certificate.fromBER(dev.der.slice()).serialNumber.valueBlock.valueHexView;
    expect(cert.serialNumber).toBe(BigInt(`0x${Buffer.from(serial).toString('hex')}`).toString(16));
  });
});

describe('chain trust and memoization', () => {
  it('does not pin an intermediate whose bytes changed, even after the real one was verified and memoized', async () => {
    const good = await makeProfile(pki, { createdAt: SIGNED_AT });
    expect((await decodeProfile(good, { trustedCaSha256: pki.trustedCaSha256, now: NOW })).signature.status).toBe('valid');
    // Flip the last byte of the iPhone CA's own signature: its key and names are unchanged, its fingerprint is not.
    const at = indexOfBytes(good, pki.iphoneCa.der);
    expect(at).toBeGreaterThan(0);
    const changed = good.slice();
    changed[at + pki.iphoneCa.der.length - 1]! ^= 0x01;
    const { signature } = await decodeProfile(changed, { trustedCaSha256: pki.trustedCaSha256, now: NOW });
    expect(signature.status).toBe('untrusted');
    expect(signature.chain).toEqual(['Apple iPhone OS Provisioning Profile Signing', 'Apple iPhone Certification Authority']);
    expect(signature.reason).toMatch(/its issuer "Apple Root CA" is missing or did not sign it/);
  });

  it('refuses a chain that cannot reach a pin because the bag holds only the signer', async () => {
    const cms = await signCms({ chain: [pki.iphoneSigner.der], privateKey: pki.iphoneSigner.privateKey }, CONTENT, { signingTime: SIGNED_AT });
    const report = await assessSignature(parseSignedData(cms), { trustedCaSha256: pki.trustedCaSha256, policy: IOS_PROFILE_POLICY, fallbackTime: null, now: NOW });
    expect(report).toMatchObject({ status: 'untrusted', signer: 'Apple iPhone OS Provisioning Profile Signing', signedAt: '2026-02-03T04:05:06.000Z', signerValidNow: true });
    expect(report.reason).toMatch(/is missing or did not sign it/);
  });

  it('reports a signer whose certificate is absent from the bag as untrusted', async () => {
    const cms = await signCms({ chain: [pki.iphoneSigner.der], privateKey: pki.iphoneSigner.privateKey }, CONTENT, { certificates: [pki.iphoneCa.der] });
    const report = await assessSignature(parseSignedData(cms), { trustedCaSha256: pki.trustedCaSha256, policy: IOS_PROFILE_POLICY, fallbackTime: null, now: NOW });
    expect(report).toMatchObject({ status: 'untrusted', signer: null, problem: 'signer-certificate-missing', reason: "the signer's certificate is not included in the CMS certificate bag" });
  });
});

describe('strict parsing (RFC 5652 §5, §11; RFC 5280 §4.1)', () => {
  const OID_NODE = (bytes: number[]): Node => ({ tag: 0x06, value: new Uint8Array(bytes) });
  const MESSAGE_DIGEST = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04];
  const CONTENT_TYPE = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03];
  const COUNTER_SIGNATURE = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x06];

  /** Applies `edit` to the first SignerInfo's signed attributes (their SET, as a list of Attribute nodes). */
  function editAttributes(cms: Uint8Array, edit: (attributes: Node[]) => void): Uint8Array {
    return applyShape(cms, {
      name: 'attributes', provlens: 'refuse', openssl: 'refuse', why: '',
      apply(p) {
        edit(p.signers.children[0]!.children!.find((f) => f.tag === 0xa0)!.children!);
      },
    });
  }
  const isType = (attribute: Node, oid: number[]) => attribute.children?.[0]?.value?.join() === oid.join();

  let cms: Uint8Array;
  beforeAll(async () => {
    cms = await signCms({ chain: [pki.iphoneSigner.der, pki.iphoneCa.der, pki.root.der], privateKey: pki.iphoneSigner.privateKey }, CONTENT, { signingTime: SIGNED_AT });
  });

  it('reads the version, the digestAlgorithms set and the content-type attribute', () => {
    const signedData = parseSignedData(cms);
    expect(signedData.version).toBe(1);
    expect(signedData.digestAlgorithms).toEqual([{ oid: '1.3.14.3.2.26', params: new Uint8Array([0x05, 0x00]) }]);
    expect(signedData.signers[0]).toMatchObject({ version: 1, contentTypeAttribute: '1.2.840.113549.1.7.1', subjectKeyIdentifier: null });
  });

  it('refuses signed attributes that break the RFC 5652 §11 rules, saying where', () => {
    const twice = editAttributes(cms, (a) => a.push(a.find((x) => isType(x, MESSAGE_DIGEST))!));
    expect(() => parseSignedData(twice)).toThrow(/^SignerInfo 1: signedAttrs: attribute \d+: attribute 1\.2\.840\.113549\.1\.9\.4 must appear once/);
    const noType = editAttributes(cms, (a) => a.splice(a.findIndex((x) => isType(x, CONTENT_TYPE)), 1));
    expect(() => parseSignedData(noType)).toThrow(/^SignerInfo 1: signedAttrs: the contentType attribute is missing$/);
    const counter = editAttributes(cms, (a) => a.push({ tag: 0x30, children: [OID_NODE(COUNTER_SIGNATURE), { tag: 0x31, children: [{ tag: 0x05, value: new Uint8Array(0) }] }] }));
    expect(() => parseSignedData(counter)).toThrow(/countersignature may not be a signed attribute/);
    const empty = editAttributes(cms, (a) => a.push({ tag: 0x30, children: [OID_NODE([0x2b, 0x06, 0x01]), { tag: 0x31, children: [] }] }));
    expect(() => parseSignedData(empty)).toThrow(/attribute 1\.3\.6\.1 has no value/);
  });

  it('refuses a bag certificate with a field after its extensions or with an unused-bits signature', () => {
    const extraField = applyShape(cms, {
      name: 'tbs-extra', provlens: 'refuse', openssl: 'refuse', why: '',
      apply(p) {
        p.certificates.children[2]!.children![0]!.children!.push({ tag: 0x05, value: new Uint8Array(0) });
      },
    });
    expect(() => parseSignedData(extraField)).toThrow(/^SignedData\.certificates: certificate 3: unexpected field \d+ in TBSCertificate$/);
    const unusedBits = applyShape(cms, {
      name: 'unused-bits', provlens: 'refuse', openssl: 'refuse', why: '',
      apply(p) {
        p.certificates.children[1]!.children![2]!.value![0] = 3;
      },
    });
    expect(() => parseSignedData(unusedBits)).toThrow(/^SignedData\.certificates: certificate 2: signature BIT STRING has unused bits$/);
  });

  it('refuses a field after signerInfos and an attribute certificate in the bag', () => {
    const trailing = applyShape(cms, { name: 't', provlens: 'refuse', openssl: 'refuse', why: '', apply: (p) => void p.fields.push({ tag: 0x05, value: new Uint8Array(0) }) });
    expect(() => parseSignedData(trailing)).toThrow(/unexpected field after signerInfos/);
    const attributeCert = applyShape(cms, { name: 'a', provlens: 'refuse', openssl: 'refuse', why: '', apply: (p) => void p.certificates.children.push({ tag: 0xa1, children: [] }) });
    expect(() => parseSignedData(attributeCert)).toThrow(/^SignedData\.certificates: certificate 4: not an X\.509 Certificate$/);
  });
});
