// The signature algorithm allow-list (core/cms/signature.ts): RSA PKCS#1 v1.5 and RSASSA-PSS with SHA-1/256/384/512,
// ECDSA P-256/P-384 with SHA-256/384, parameters as RFC 4055 / RFC 5758 require, and the key that must fit.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from '../../core/cms/certificate';
import { webCrypto } from '../../core/cms/crypto';
import { digestName, keyMismatch, signatureScheme, verifySignature } from '../../core/cms/signature';
import { sharedTestPki, type TestPki } from '../fixtures/factory';

let pki: TestPki;
beforeAll(async () => {
  pki = await sharedTestPki();
}, 120_000);

const NULL = new Uint8Array([0x05, 0x00]);
const hex = (text: string) => new Uint8Array(text.match(/../g)!.map((b) => parseInt(b, 16)));
// RSASSA-PSS-params { sha256, mgf1(sha256), saltLength 32 } as OpenSSL writes them.
const PSS_SHA256 = hex('3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120');

describe('signatureScheme', () => {
  it('allows RSA PKCS#1 v1.5 with NULL or absent parameters, and bare rsaEncryption without a hash of its own', () => {
    expect(signatureScheme('1.2.840.113549.1.1.11', NULL)).toEqual({ kind: 'rsa-pkcs1', hash: 'SHA-256' });
    expect(signatureScheme('1.2.840.113549.1.1.5', null)).toEqual({ kind: 'rsa-pkcs1', hash: 'SHA-1' });
    expect(signatureScheme('1.2.840.113549.1.1.1', NULL)).toEqual({ kind: 'rsa-pkcs1', hash: null });
    expect(signatureScheme('1.2.840.113549.1.1.11', new Uint8Array([0x04, 0x00]))).toBeNull();
  });

  it('allows ECDSA with SHA-256/384 only, without parameters', () => {
    expect(signatureScheme('1.2.840.10045.4.3.2', null)).toEqual({ kind: 'ecdsa', hash: 'SHA-256' });
    expect(signatureScheme('1.2.840.10045.4.3.3', null)).toEqual({ kind: 'ecdsa', hash: 'SHA-384' });
    expect(signatureScheme('1.2.840.10045.4.3.2', NULL)).toBeNull();
    expect(signatureScheme('1.2.840.10045.4.1', null)).toBeNull(); // ecdsa-with-SHA1
    expect(signatureScheme('1.2.840.10045.4.3.4', null)).toBeNull(); // ecdsa-with-SHA512
  });

  it('reads RSASSA-PSS parameters, and refuses a mask hash that differs or missing parameters', () => {
    expect(signatureScheme('1.2.840.113549.1.1.10', PSS_SHA256)).toEqual({ kind: 'rsa-pss', hash: 'SHA-256', saltLength: 32 });
    expect(signatureScheme('1.2.840.113549.1.1.10', hex('3000'))).toEqual({ kind: 'rsa-pss', hash: 'SHA-1', saltLength: 20 });
    const mgfSha1 = hex('3029a00f300d06096086480165030402010500a116301406092a864886f70d010108300706052b0e03021a');
    expect(signatureScheme('1.2.840.113549.1.1.10', mgfSha1)).toBeNull();
    expect(signatureScheme('1.2.840.113549.1.1.10', null)).toBeNull();
  });

  it('knows nothing else: MD5, DSA, unknown OIDs', () => {
    expect(signatureScheme('1.2.840.113549.1.1.4', NULL)).toBeNull();
    expect(signatureScheme('1.2.840.10040.4.3', null)).toBeNull();
    expect(digestName('1.2.840.113549.2.5', NULL)).toBeNull();
    expect(digestName('2.16.840.1.101.3.4.2.1', NULL)).toBe('SHA-256');
    expect(digestName('2.16.840.1.101.3.4.2.1', new Uint8Array([0x02, 0x01, 0x00]))).toBeNull();
  });
});

describe('keys and verification', () => {
  it('requires the key to fit the scheme', async () => {
    const rsa = await parseCertificate(pki.iphoneSigner.der);
    const ec = await parseCertificate(pki.derSigner.der);
    expect(keyMismatch(rsa, { kind: 'rsa-pkcs1', hash: 'SHA-1' })).toBeNull();
    expect(keyMismatch(ec, { kind: 'rsa-pkcs1', hash: 'SHA-1' })).toMatch(/not RSA/);
    expect(keyMismatch(rsa, { kind: 'ecdsa', hash: 'SHA-256' })).toMatch(/not EC/);
    expect(keyMismatch(ec, { kind: 'ecdsa', hash: 'SHA-384' })).toBeNull();
  });

  it('verifies an RSASSA-PSS signature and refuses it under PKCS#1 v1.5 or another salt length', async () => {
    const subtle = webCrypto().subtle;
    const cert = await parseCertificate(pki.developerCertificate.der);
    const pkcs8 = await subtle.exportKey('pkcs8', pki.developerKeys.privateKey);
    const key = await subtle.importKey('pkcs8', pkcs8, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
    const data = new TextEncoder().encode('signed attributes');
    const signature = new Uint8Array(await subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, key, data));
    expect(await verifySignature(cert, { kind: 'rsa-pss', hash: 'SHA-256', saltLength: 32 }, signature, data)).toBe(true);
    expect(await verifySignature(cert, { kind: 'rsa-pss', hash: 'SHA-256', saltLength: 20 }, signature, data)).toBe(false);
    expect(await verifySignature(cert, { kind: 'rsa-pkcs1', hash: 'SHA-256' }, signature, data)).toBe(false);
  });
});
