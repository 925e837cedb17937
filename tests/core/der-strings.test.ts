// Every ASN.1 character string type (X.680 §41) read as the standard encodes it, by the DER reader, in certificate
// names (RFC 5280 §4.1.2.4) and in the DER-Encoded-Profile (Apple TN3125); any other tag is a located, typed error.
// The encodings come from tests/fixtures/asn1-strings.ts, written independently of core/asn1/der.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from '../../core/cms/certificate';
import { decodeDerProfileContent } from '../../core/profile/der-profile';
import { DerReader } from '../../core/asn1/der';
import { decodeProfile } from '../../core/profile/profile';
import { SAMPLE_TEXT, STRING_TAG, STRING_TYPES, stringContent, type StringType } from '../fixtures/asn1-strings';
import { generateKeys, issueCertificate } from '../fixtures/certificates';
import { makeProfile, sharedTestPki, type TestPki } from '../fixtures/factory';
import { failure } from './provlens-failure';

/** One primitive element with a short-form length. */
function element(tag: number, content: Uint8Array | number[]): Uint8Array {
  const bytes = Uint8Array.from(content);
  if (bytes.length > 127) throw new Error('test element too long');
  return Uint8Array.from([tag, bytes.length, ...bytes]);
}

const text = (bytes: Uint8Array) => {
  const r = new DerReader(bytes, 'malformed-der');
  return r.text(r.read(0));
};


describe('DerReader.text: the eight string types', () => {
  it.each(STRING_TYPES)('%s round-trips its sample text', (type) => {
    expect(text(element(STRING_TAG[type], stringContent(type, SAMPLE_TEXT[type])))).toBe(SAMPLE_TEXT[type]);
  });

  it('reads BMPString as UTF-16BE, surrogate pairs included, and UniversalString as UTF-32BE', () => {
    expect(text(element(30, [0x00, 0x41, 0x04, 0x16, 0xd8, 0x34, 0xdd, 0x1e]))).toBe('AЖ𝄞');
    expect(text(element(28, [0, 0, 0, 0x41, 0, 0x01, 0xf6, 0x00]))).toBe('A😀');
  });

  it('reads TeletexString as Latin-1 and the ASCII types with U+FFFD for bytes that cannot be ASCII', () => {
    expect(text(element(20, [0x53, 0x6f, 0x63, 0x69, 0xe9, 0x74, 0xe9]))).toBe('Société');
    expect(text(element(19, [0x41, 0xe9]))).toBe('A\ufffd');
    expect(text(element(18, [0x31, 0x32, 0x20, 0x33]))).toBe('12 3');
  });

  it('replaces lone surrogates and code points past U+10FFFF instead of producing broken text', () => {
    expect(text(element(30, [0xd8, 0x34, 0x00, 0x41]))).toBe('\ufffdA');
    expect(text(element(28, [0x00, 0x11, 0x00, 0x00, 0x00, 0x00, 0xd8, 0x00]))).toBe('\ufffd\ufffd');
  });

  it('refuses BMP and Universal strings that are not whole code units, naming the offset', () => {
    expect(failure(() => text(element(30, [0x00, 0x41, 0x00]))).message).toMatch(/BMPString of 3 bytes.*at offset 0/);
    expect(failure(() => text(element(28, [0, 0, 0x41]))).message).toMatch(/UniversalString of 3 bytes.*at offset 0/);
  });

  it.each([
    ['GraphicString', 25],
    ['VideotexString', 21],
    ['GeneralString', 27],
    ['OCTET STRING', 4],
    ['NULL', 5],
  ])('an unknown tag (%s) is a typed error naming the tag and offset, not a silent null', (_name, tag) => {
    const error = failure(() => {
      const bytes = Uint8Array.from([0x30, 4, ...element(tag, [0x41, 0x42])]);
      const r = new DerReader(bytes, 'malformed-der');
      return r.text(r.children(r.read(0))[0]!);
    });
    expect(error.code).toBe('malformed-der');
    expect(error.message).toBe(`expected a character string, found tag [0:${tag}] at offset 2`);
  });
});

describe('certificate names in every string type', () => {
  it.each(STRING_TYPES)('a subject CN and O written as %s read back exactly', async (type: StringType) => {
    const keys = await generateKeys('p256');
    const cn = type === 'numeric' ? '0042 1234' : `CN ${SAMPLE_TEXT[type]}`;
    const issued = await issueCertificate({
      subject: [['CN', cn, type], ['O', SAMPLE_TEXT[type], type], ['C', 'US']],
      keys, notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z'), ca: false,
    });
    const parsed = await parseCertificate(issued.der);
    expect(parsed.subject).toMatchObject({ commonName: cn, organization: SAMPLE_TEXT[type] });
    expect(parsed.issuer.commonName).toBe(cn);
  });
});

describe('the DER-Encoded-Profile in every string type', () => {
  let pki: TestPki;
  beforeAll(async () => {
    pki = await sharedTestPki();
  });

  it('decodes a DER copy whose fields use all eight types (a NumericString team ID among them) and stays consistent', async () => {
    const bytes = await makeProfile(pki, {
      type: 'enterprise',
      teamId: '0123456789',
      name: 'Zürich 😀 in-house',
      appIdName: 'Société Générale',
      derCopy: 'consistent',
      derStringTypes: {
        TeamIdentifier: 'numeric',
        ApplicationIdentifierPrefix: 'printable',
        Name: 'universal',
        AppIDName: 'teletex',
        UUID: 'ia5',
        ProfileDistributionType: 'visible',
        TeamName: 'bmp',
        Platform: 'utf8',
      },
    });
    const { profile } = await decodeProfile(bytes, { trustedCaSha256: pki.trustedCaSha256 });
    expect(profile.teamId).toBe('0123456789');
    expect(profile.derProfile).toMatchObject({ present: true, signature: 'valid', distributionType: 'IN_HOUSE', consistent: true, mismatches: [] });
  });

  it('reports a DER copy with an unknown string tag as malformed-der with its offset', () => {
    // SET { SEQUENCE { UTF8String "Name", GraphicString "x" } }
    const content = Uint8Array.from([0x31, 0x0b, 0x30, 0x09, 0x0c, 0x04, 0x4e, 0x61, 0x6d, 0x65, 0x19, 0x01, 0x78]);
    const error = failure(() => decodeDerProfileContent(content));
    expect(error.code).toBe('malformed-der');
    expect(error.message).toBe('expected a character string, found tag [0:25] at offset 10');
  });
});
