// The BER/DER reader under CMS, X.509 and the DER-Encoded-Profile: definite and indefinite lengths, constructed
// strings, and every way a hostile or truncated input must fail with the caller's error code.
import { describe, expect, it } from 'vitest';
import { DerReader, Tag, TagClass, decodeOid, integerHex } from '../../core/asn1/der';
import { ecdsaDerToRaw } from '../../core/cms/signature';
import { failure } from './provlens-failure';

const reader = (bytes: number[]): DerReader => new DerReader(new Uint8Array(bytes), 'malformed-der');


describe('DerReader', () => {
  it('reads definite short and long lengths', () => {
    const long = [0x04, 0x81, 0x80, ...new Array<number>(0x80).fill(7)];
    const r = reader([0x30, 0x81, long.length, ...long]);
    const seq = r.read(0);
    expect(seq).toMatchObject({ tagClass: TagClass.universal, tagNumber: Tag.sequence, constructed: true, start: 0, contentStart: 3, end: 3 + long.length });
    const [octets] = r.children(seq);
    expect(r.content(octets!)).toHaveLength(0x80);
  });

  it('reads indefinite lengths and joins constructed OCTET STRING segments', () => {
    // SEQUENCE (indefinite) { [0] (indefinite) { OCTET STRING (constructed, indefinite) { "ab", "cd" } } }
    const r = reader([0x30, 0x80, 0xa0, 0x80, 0x24, 0x80, 0x04, 0x02, 0x61, 0x62, 0x04, 0x02, 0x63, 0x64, 0, 0, 0, 0, 0, 0]);
    const seq = r.read(0);
    expect(seq).toMatchObject({ contentStart: 2, contentEnd: 18, end: 20 });
    const tagged = r.children(seq)[0]!;
    expect(tagged).toMatchObject({ tagClass: TagClass.context, tagNumber: 0 });
    expect(new TextDecoder().decode(r.content(r.children(tagged)[0]!))).toBe('abcd');
  });

  it('reads high tag numbers and application tags', () => {
    const r = reader([0x7f, 0x81, 0x00, 0x00]);
    expect(r.read(0)).toMatchObject({ tagClass: TagClass.application, tagNumber: 128, constructed: true, contentStart: 4, end: 4 });
  });

  it.each([
    ['a truncated header', [0x30]],
    ['a length past the end', [0x30, 0x05, 0x01]],
    ['a missing end-of-contents', [0x30, 0x80, 0x04, 0x00]],
    ['an indefinite primitive', [0x04, 0x80, 0x00, 0x00]],
    ['a five-octet length', [0x04, 0x85, 1, 1, 1, 1, 1]],
  ])('refuses %s with the caller’s error code', (_label, bytes) => {
    const error = failure(() => reader(bytes).read(0));
    expect(error.code).toBe('malformed-der');
  });

  it('bounds nesting of indefinite lengths', () => {
    const depth = 10_000;
    const bytes = [...new Array<number>(depth).fill(0).flatMap(() => [0x30, 0x80]), ...new Array<number>(depth * 2).fill(0)];
    expect(failure(() => reader(bytes).read(0)).message).toMatch(/too deep/);
  });

  it('in DER mode (certificates, signed attributes) refuses non-minimal and indefinite lengths that BER allows', () => {
    const der = (bytes: number[]) => new DerReader(new Uint8Array(bytes), 'malformed-cms', true);
    expect(der([0x04, 0x01, 0x07]).read(0).contentEnd).toBe(3);
    expect(der([0x04, 0x81, 0x80, ...new Array<number>(0x80).fill(0)]).read(0).contentEnd).toBe(0x83);
    expect(failure(() => der([0x04, 0x81, 0x01, 0x07]).read(0)).message).toBe('non-minimal length at offset 0 where DER is required');
    expect(failure(() => der([0x04, 0x82, 0x00, 0x81, ...new Array<number>(0x81).fill(0)]).read(0)).message).toMatch(/^non-minimal length/);
    expect(failure(() => der([0x30, 0x80, 0x05, 0x00, 0x00, 0x00]).read(0)).message).toBe('indefinite length at offset 0 where DER is required');
    // DER primitives: BOOLEAN one octet 00/FF, NULL empty, INTEGER minimal, BIT STRING with 0–7 unused bits.
    for (const bad of [[0x01, 0x02, 0xff, 0x04], [0x01, 0x01, 0x01], [0x05, 0x01, 0x00], [0x02, 0x02, 0x00, 0x01], [0x02, 0x00], [0x03, 0x01, 0x01], [0x06, 0x01, 0x81]]) {
      expect(failure(() => der(bad).read(0)).message, bad.join()).toMatch(/^malformed primitive \(tag \d+\) at offset 0 where DER is required$/);
    }
    expect(der([0x02, 0x02, 0x00, 0x80]).read(0).end).toBe(4);
    // The same bytes are fine as BER.
    expect(reader([0x04, 0x81, 0x01, 0x07]).read(0).contentEnd).toBe(4);
  });

  it('rejects a child that overruns its parent', () => {
    const r = reader([0x30, 0x03, 0x04, 0x05, 0x00, 0x00, 0x00, 0x00]);
    expect(failure(() => r.children(r.read(0))).message).toMatch(/runs past its container/);
  });

  it('decodes integers, OIDs, strings and times', () => {
    const r = reader([0x02, 0x02, 0xff, 0x7f]);
    expect(r.integer(r.read(0))).toBe(-129);
    expect(integerHex(new Uint8Array([0x00, 0x8c, 0x1d]))).toBe('8c1d');
    expect(integerHex(new Uint8Array([0x02]))).toBe('2');
    expect(decodeOid(new Uint8Array([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]))).toBe('1.2.840.113549.1.7.2');
    const utc = reader([0x17, 0x0d, ...new TextEncoder().encode('250131064610Z')]);
    expect(utc.time(utc.read(0))).toBe('2025-01-31T06:46:10.000Z');
    const old = reader([0x17, 0x0d, ...new TextEncoder().encode('991231235959Z')]);
    expect(old.time(old.read(0))).toBe('1999-12-31T23:59:59.000Z');
    const gen = reader([0x18, 0x0f, ...new TextEncoder().encode('20491231235959Z')]);
    expect(gen.time(gen.read(0))).toBe('2049-12-31T23:59:59.000Z');
    const bmp = reader([0x1e, 0x04, 0x00, 0x41, 0x26, 0x3a]);
    expect(bmp.text(bmp.read(0))).toBe('A☺');
  });
});

describe('ecdsaDerToRaw', () => {
  it('left-pads r and s to the curve size and drops sign octets', () => {
    // SEQUENCE { INTEGER 0x00 0x80 0x01, INTEGER 0x05 }
    const raw = ecdsaDerToRaw(new Uint8Array([0x30, 0x08, 0x02, 0x03, 0x00, 0x80, 0x01, 0x02, 0x01, 0x05]), 4);
    expect(raw).toEqual(new Uint8Array([0, 0, 0x80, 0x01, 0, 0, 0, 0x05]));
  });

  it('refuses values wider than the curve', () => {
    expect(ecdsaDerToRaw(new Uint8Array([0x30, 0x07, 0x02, 0x02, 0x7f, 0x7f, 0x02, 0x01, 0x05]), 1)).toBeNull();
  });
});
