// DER entitlements (slot −7) decode to the same JSON as the XML plist Apple writes beside them, and what is not DER
// entitlements is named, not thrown.
import { describe, expect, it } from 'vitest';
import { blobPayload, parseSuperBlob } from '../../../core/app/code-directory';
import { decodeDerEntitlements, sameEntitlements } from '../../../core/app/der-entitlements';
import { readMachO } from '../../../core/app/macho';
import { openZip } from '../../../core/app/zip';
import { parsePlist } from '../../../core/profile/plist';
import { hasSharedFixtures, readShared } from '../../shared-fixtures';

/** DER TLV with a short or long definite length. */
function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = new Uint8Array(content.reduce((n, c) => n + c.length, 0));
  content.reduce((at, c) => (body.set(c, at), at + c.length), 0);
  const length = body.length < 0x80 ? [body.length] : body.length < 0x100 ? [0x81, body.length] : [0x82, body.length >> 8, body.length & 0xff];
  return new Uint8Array([tag, ...length, ...body]);
}
const utf8 = (text: string) => tlv(0x0c, new TextEncoder().encode(text));
const pair = (key: string, value: Uint8Array) => tlv(0x30, utf8(key), value);
const dict = (...pairs: Uint8Array[]) => tlv(0xb0, ...pairs);
const TRUE = tlv(0x01, new Uint8Array([0xff]));
const entitlements = (...pairs: Uint8Array[]) => tlv(0x70, tlv(0x02, new Uint8Array([1])), dict(...pairs));

describe('decodeDerEntitlements', () => {
  it('reads booleans, integers, strings, arrays and nested dictionaries', () => {
    const der = entitlements(
      pair('application-identifier', utf8('CONTOSO123.com.contoso.field')),
      pair('get-task-allow', tlv(0x01, new Uint8Array([0]))),
      pair('keychain-access-groups', tlv(0x30, utf8('CONTOSO123.*'), utf8('CONTOSO123.shared'))),
      pair('com.contoso.limit', tlv(0x02, new Uint8Array([0x01, 0x00]))),
      pair('com.contoso.nested', dict(pair('on', TRUE))),
    );
    expect(decodeDerEntitlements(der)).toEqual({
      'application-identifier': 'CONTOSO123.com.contoso.field',
      'get-task-allow': false,
      'keychain-access-groups': ['CONTOSO123.*', 'CONTOSO123.shared'],
      'com.contoso.limit': 256,
      'com.contoso.nested': { on: true },
    });
  });

  it('reads the bare form re-signing tools write: a SET of key/value SEQUENCEs, no wrapper, no version (issue 19)', () => {
    const set = (...content: Uint8Array[]) => tlv(0x31, ...content);
    const pairs = [
      pair('application-identifier', utf8('CONTOSO123.com.contoso.field')),
      pair('keychain-access-groups', tlv(0x30, utf8('CONTOSO123.*'))),
    ];
    const bare = set(...pairs, pair('com.contoso.nested', set(pair('on', TRUE))));
    const wrapped = entitlements(...pairs, pair('com.contoso.nested', dict(pair('on', TRUE))));
    expect(bare[0]).toBe(0x31);
    expect(decodeDerEntitlements(bare)).toEqual({
      'application-identifier': 'CONTOSO123.com.contoso.field',
      'keychain-access-groups': ['CONTOSO123.*'],
      'com.contoso.nested': { on: true },
    });
    expect(decodeDerEntitlements(bare)).toEqual(decodeDerEntitlements(wrapped));
    expect(decodeDerEntitlements(set(utf8('not a pair')))).toMatch(/do not decode \(expected a key–value SEQUENCE\)/);
  });

  it('names what is not DER entitlements', () => {
    expect(decodeDerEntitlements(new TextEncoder().encode('<plist/>'))).toMatch(/do not decode/);
    expect(decodeDerEntitlements(tlv(0x70, tlv(0x02, new Uint8Array([2])), dict()))).toMatch(/unknown version/);
    expect(decodeDerEntitlements(entitlements(pair('x', tlv(0x04, new Uint8Array([1])))))).toMatch(/unexpected value type/);
    const proto = decodeDerEntitlements(entitlements(pair('__proto__', TRUE)));
    expect(typeof proto === 'object' && Object.keys(proto)).toEqual(['__proto__']);
  });

  it.runIf(hasSharedFixtures)('agrees with the XML entitlements of a real app (apple-tv)', () => {
    const zip = openZip(readShared('ipa/appinfo_apple-tv.ipa'));
    const name = 'Payload/BilibiliLive.app/BilibiliLive';
    const blobs = parseSuperBlob(readMachO(zip.read([name]).get(name)!).slices[0]!.codeSignature!);
    const der = decodeDerEntitlements(blobPayload(blobs.derEntitlements!));
    const xml = parsePlist(blobPayload(blobs.entitlements!));
    expect(der).toMatchObject({ 'application-identifier': '3WJ3AZZMPP.com.etan.tv.BilibiliLive.tvOS', 'get-task-allow': true });
    expect(sameEntitlements(der as object as never, xml)).toBe(true);
    expect(sameEntitlements({ ...(der as object), 'get-task-allow': false }, xml)).toBe(false);
  });
});
