// The plist readers: JSON-safe values, tolerance for what real files contain (junk before the XML, comments, CDATA,
// entities), and refusal of hostile input (entities, deep nesting, reference cycles, exponential shared references,
// "__proto__" keys) with ProvlensError('malformed-plist').
import { buildBinary } from 'plist';
import { describe, expect, it } from 'vitest';
import { ProvlensError } from '../../core/errors';
import { parsePlist } from '../../core/profile/plist';
import { fromBase64, toBase64 } from '../../core/base64';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const xml = (body: string): Uint8Array =>
  encode(`<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">${body}</plist>`);

function malformed(bytes: Uint8Array): string {
  try {
    parsePlist(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ProvlensError);
    expect((error as ProvlensError).code).toBe('malformed-plist');
    return (error as ProvlensError).message;
  }
  throw new Error('expected malformed-plist');
}

describe('parsePlist (XML)', () => {
  it('converts every plist type to JSON-safe values', () => {
    const value = parsePlist(
      xml(`<dict>
        <key>s</key><string>a &lt;b&gt; &amp; &#x263A; &#65;</string>
        <key>empty</key><string/>
        <key>i</key><integer>-42</integer>
        <key>r</key><real>1.5</real>
        <key>t</key><true/><key>f</key><false/>
        <key>d</key><date>2025-01-31T06:46:10Z</date>
        <key>data</key><data>
          AAEC
          /w==
        </data>
        <key>a</key><array><string>x</string><dict/><array/></array>
        <!-- a comment between entries -->
        <key>c</key><string><![CDATA[<raw & text>]]></string>
      </dict>`),
    );
    expect(value).toEqual({
      s: 'a <b> & ☺ A',
      empty: '',
      i: -42,
      r: 1.5,
      t: true,
      f: false,
      d: '2025-01-31T06:46:10.000Z',
      data: 'AAEC/w==',
      a: ['x', {}, []],
      c: '<raw & text>',
    });
    expect(fromBase64('AAEC/w==')).toEqual(new Uint8Array([0, 1, 2, 255]));
  });

  it('reads tags with spaces or attributes as it reads plain ones, and only the element named', () => {
    const plain = '<dict><key>k</key><string>v</string><key>t</key><true/><key>a</key><array><integer>1</integer></array></dict>';
    const spaced = '<dict ><key xml:space="preserve">k</key ><string\t>v</string><key>t</key><true /><key>a</key><array><integer>1</integer ></array></dict>';
    expect(parsePlist(xml(spaced))).toEqual(parsePlist(xml(plain)));
    expect(parsePlist(xml(plain))).toEqual({ k: 'v', t: true, a: [1] });
    // "<keys>" is not "<key>", nor "</keyx>" its end.
    expect(malformed(xml('<dict><keys>k</keys><string>v</string></dict>'))).toMatch(/expected <key> in <dict>, got <keys>/);
    expect(malformed(xml('<dict><key>k</keyx><string>v</string></dict>'))).toMatch(/expected <\/key>/);
  });

  it('finds the plist behind junk bytes', () => {
    const bytes = new Uint8Array([0x01, ...xml('<dict><key>UUID</key><string>u</string></dict>')]);
    expect(parsePlist(bytes)).toEqual({ UUID: 'u' });
  });

  it('keeps "__proto__" as data and never touches a prototype', () => {
    const value = parsePlist(xml('<dict><key>__proto__</key><dict><key>polluted</key><true/></dict></dict>')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(value))).toEqual(JSON.parse('{"__proto__":{"polluted":true}}'));
  });

  it('refuses entity declarations and DOCTYPE internal subsets', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE plist [<!ENTITY a "xxxxxxxx"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><plist><string>&b;</string></plist>';
    expect(malformed(encode(bomb))).toMatch(/entity declarations/);
    expect(malformed(encode('<!DOCTYPE plist [ ]><plist><string>x</string></plist>'))).toMatch(/internal subsets/);
  });

  it('bounds nesting depth instead of recursing without limit', () => {
    const deep = `${'<array>'.repeat(100_000)}${'</array>'.repeat(100_000)}`;
    expect(malformed(xml(deep))).toMatch(/nesting deeper than 64/);
    const ok = `${'<array>'.repeat(60)}${'</array>'.repeat(60)}`;
    expect(() => parsePlist(xml(ok))).not.toThrow();
  });

  it.each([
    ['unknown element', '<dict><key>k</key><blob/></dict>', /unknown plist element <blob>/],
    ['key without value', '<dict><key>k</key></dict>', /has no value/],
    ['value without key', '<dict><string>v</string></dict>', /expected <key>/],
    ['bad integer', '<integer>12abc</integer>', /bad <integer>/],
    ['bad date', '<date>yesterday</date>', /bad <date>/],
    ['unclosed dict', '<dict><key>k</key><string>v</string>', /expected <\/dict>|unexpected end/],
  ])('refuses %s', (_label, body, message) => {
    expect(malformed(xml(body))).toMatch(message);
  });

  it('refuses a document with no plist', () => {
    expect(malformed(encode('<?xml version="1.0" encoding="UTF-8"?>\n'))).toMatch(/unexpected end/);
  });
});

/** A binary plist from an explicit object table: each entry is one encoded object; refs are one byte. */
function bplist(objects: number[][], top = 0): Uint8Array {
  const body: number[] = [...encode('bplist00')];
  const offsets: number[] = [];
  for (const object of objects) {
    offsets.push(body.length);
    body.push(...object);
  }
  const tableAt = body.length;
  for (const offset of offsets) body.push(offset >> 8, offset & 0xff);
  const trailer = new Uint8Array(32);
  const view = new DataView(trailer.buffer);
  trailer[6] = 2;
  trailer[7] = 1;
  view.setUint32(12, objects.length);
  view.setUint32(20, top);
  view.setUint32(28, tableAt);
  return new Uint8Array([...body, ...trailer]);
}

describe('parsePlist (binary)', () => {
  it('reads what plist 5 writes, with dates and data made JSON-safe', () => {
    const bytes = buildBinary({
      UUID: 'abc',
      n: 7,
      big: 2 ** 40,
      ok: true,
      when: new Date('2024-06-24T04:18:21Z'),
      blob: new Uint8Array([1, 2, 3]),
      list: ['iOS', 'xrOS'],
      nested: { 'get-task-allow': false },
      unicode: 'Café ☺',
    });
    expect(parsePlist(bytes)).toEqual({
      UUID: 'abc',
      n: 7,
      big: 2 ** 40,
      ok: true,
      when: '2024-06-24T04:18:21.000Z',
      blob: toBase64(new Uint8Array([1, 2, 3])),
      list: ['iOS', 'xrOS'],
      nested: { 'get-task-allow': false },
      unicode: 'Café ☺',
    });
  });

  it('keeps "__proto__" keys as data', () => {
    // dict { "__proto__": true }
    const value = parsePlist(bplist([[0xd1, 1, 2], [0x59, ...encode('__proto__')], [0x09]])) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
  });

  it('refuses reference cycles', () => {
    // array [ itself ]
    expect(malformed(bplist([[0xa1, 0]]))).toMatch(/cycle/);
  });

  it('refuses shared references that would expand exponentially', () => {
    // object i = [i+1, i+1] for 60 levels: 2^60 leaves if expanded.
    const objects = Array.from({ length: 60 }, (_, i) => [0xa2, i + 1, i + 1]);
    objects.push([0x09]);
    expect(malformed(bplist(objects))).toMatch(/too many objects|nesting too deep/);
  });

  it.each([
    ['truncated', buildBinary({ a: 'b' }).subarray(0, 30)],
    ['offsets past the end', bplist([[0xa1, 9]])],
    ['an unknown object type', bplist([[0x70]])],
  ])('refuses %s', (_label, bytes) => {
    malformed(bytes);
  });
});
