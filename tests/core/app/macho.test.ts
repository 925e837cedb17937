import { beforeAll, describe, expect, it } from 'vitest';
import { codeSigner, readCodeSignature } from '../../../core/app/code-signature';
import { readMachO } from '../../../core/app/macho';
import { codeSigningIdentity, makeMachO, type CodeSignatureSpec } from '../../fixtures/app-factory';
import { makeDeveloperCertificate, sharedTestPki, type DevCert, type TestPki } from '../../fixtures/factory';

let pki: TestPki;
let developer: DevCert;

beforeAll(async () => {
  pki = await sharedTestPki();
  developer = await makeDeveloperCertificate(pki, {
    commonName: 'iPhone Distribution: Contoso Ltd (CONTOSO123)',
    teamId: 'CONTOSO123',
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2028-01-01T00:00:00Z'),
  });
}, 120_000);

const signed = (extra: Partial<CodeSignatureSpec> = {}): CodeSignatureSpec => ({
  signer: codeSigningIdentity(pki, developer),
  identifier: 'com.contoso.field',
  teamId: 'CONTOSO123',
  ...extra,
});

describe('readMachO', () => {
  it('finds the code signature of a thin arm64 executable (a device build)', async () => {
    const file = readMachO(await makeMachO({ slices: ['arm64'], signature: signed() }));
    expect(file.fat).toBe(false);
    expect(file.problems).toEqual([]);
    expect(file.slices.map((slice) => slice.cpu)).toEqual(['arm64']);
    expect(new DataView(file.slices[0]!.codeSignature!.buffer, file.slices[0]!.codeSignature!.byteOffset).getUint32(0)).toBe(0xfade0cc0);
  });

  it('reads every slice of a universal binary (armv7 + arm64, as apps built before 2017)', async () => {
    const file = readMachO(await makeMachO({ slices: ['armv7', 'arm64'], signature: signed() }));
    expect(file.fat).toBe(true);
    expect(file.slices.map((slice) => slice.cpu)).toEqual(['arm', 'arm64']);
    const [first, second] = file.slices.map((slice) => slice.offset);
    expect(first).toBe(4096);
    expect(second! % 4096 === 0 && second! > first!).toBe(true);
    expect(file.slices.every((slice) => slice.codeSignature !== null)).toBe(true);
  });

  it('reports an unsigned slice as having no signature', async () => {
    const file = readMachO(await makeMachO({ slices: ['x86_64'], signature: null }));
    expect(file.slices).toEqual([{ cpu: 'x86_64', offset: 0, size: 544, codeSignature: null }]);
  });

  it('explains, instead of throwing, what is not a Mach-O', () => {
    expect(readMachO(new TextEncoder().encode('#!/bin/sh\necho hello\n')).problems).toEqual(['not a Mach-O binary']);
    expect(readMachO(new Uint8Array([0xcf, 0xfa, 0xed, 0xfe, 0x0c, 0, 0, 1, 0, 0])).problems).toEqual(['the Mach-O header is truncated']);
    expect(readMachO(new Uint8Array([0xca, 0xfe])).problems).toEqual(['The executable is too short to be a Mach-O binary']);
    const lyingFat = new Uint8Array(64);
    new DataView(lyingFat.buffer).setUint32(0, 0xcafebabe);
    new DataView(lyingFat.buffer).setUint32(4, 1000);
    expect(readMachO(lyingFat).problems[0]).toMatch(/lists 1000 slices/);
  });

  it('notices a code signature that points past the end of the slice', async () => {
    const bytes = await makeMachO({ slices: ['arm64'], signature: signed() });
    expect(readMachO(bytes.subarray(0, bytes.length - 10)).problems).toEqual([
      'arm64: the code signature runs past the end of the slice',
    ]);
  });
});

describe('code signature', () => {
  async function blobsOf(spec: CodeSignatureSpec) {
    const slice = readMachO(await makeMachO({ slices: ['arm64'], signature: spec })).slices[0];
    return readCodeSignature(slice!.codeSignature!)!;
  }

  it('reads the CodeDirectory identifier and Team ID, and names the signer by its SHA-256', async () => {
    const blobs = await blobsOf(signed());
    expect(blobs.identifier).toBe('com.contoso.field');
    expect(blobs.teamId).toBe('CONTOSO123');
    const signer = await codeSigner(blobs);
    expect(signer.problem).toBeNull();
    expect(signer.certificate).toMatchObject({
      sha256: developer.sha256,
      sha1: developer.sha1,
      commonName: 'iPhone Distribution: Contoso Ltd (CONTOSO123)',
      teamId: 'CONTOSO123',
      notAfter: '2028-01-01T00:00:00.000Z',
    });
  });

  it('matches the signer by issuer and serial, not by its place in the certificate bag', async () => {
    const bag = [pki.root.der, pki.developerCa.der, developer.der];
    const signer = await codeSigner(await blobsOf(signed({ certificates: bag })));
    expect(signer.certificate?.sha256).toBe(developer.sha256);
  });

  it('says so when the CMS does not cover the embedded CodeDirectory (altered or fake-signed binary)', async () => {
    const signer = await codeSigner(await blobsOf(signed({ tampered: true })));
    expect(signer.certificate?.sha256).toBe(developer.sha256);
    expect(signer.problem).toMatch(/does not verify over its CodeDirectory \(digest-mismatch\)/);
  });

  it('gives no certificate for an ad-hoc signature or a bag without the signer', async () => {
    expect(await codeSigner(await blobsOf(signed({ signer: null })))).toEqual({
      certificate: null,
      problem: 'the code signature carries no certificate (ad-hoc or unsigned)',
    });
    const withoutSigner = await codeSigner(await blobsOf(signed({ certificates: [pki.developerCa.der, pki.root.der] })));
    expect(withoutSigner).toEqual({ certificate: null, problem: "the code signature's signer certificate is not in its certificate bag" });
  });

  it('rejects bytes that are not a SuperBlob and survives a CMS that does not parse', async () => {
    expect(readCodeSignature(new Uint8Array(16))).toBeNull();
    const broken = await codeSigner({ codeDirectory: null, identifier: null, teamId: null, cms: new Uint8Array([0x30, 0x03, 0x02]) });
    expect(broken.certificate).toBeNull();
    expect(broken.problem).toMatch(/does not parse/);
  });
});
