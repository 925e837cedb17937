import { beforeAll, describe, expect, it } from 'vitest';
import { useWebCrypto } from '../../core/cms/crypto';
import { SNIFF_BYTES, sniffUpload } from '../../extension/content/sniff';
import { makeProfile, sharedTestPki } from '../fixtures/factory';
import { hasSharedFixtures, listShared, readShared, warnIfSharedFixturesMissing } from '../shared-fixtures';

const ascii = (text: string) => new TextEncoder().encode(text);
const head = (bytes: Uint8Array) => bytes.subarray(0, SNIFF_BYTES);

describe('sniffing a chosen file', () => {
  beforeAll(() => useWebCrypto(globalThis.crypto));

  it('takes a signed profile (CMS SignedData), an XML or binary plist and a zip', async () => {
    const pki = await sharedTestPki();
    expect(sniffUpload(head(await makeProfile(pki, { type: 'enterprise' })))).toBe('profile');
    expect(sniffUpload(head(await makeProfile(pki, { type: 'development', encoding: 'cms-ber-indefinite' })))).toBe('profile');
    expect(sniffUpload(head(await makeProfile(pki, { type: 'enterprise', encoding: 'xml-plist' })))).toBe('profile');
    expect(sniffUpload(head(await makeProfile(pki, { type: 'enterprise', encoding: 'binary-plist' })))).toBe('profile');
    expect(sniffUpload(ascii('<?xml version="1.0"?>\n<!DOCTYPE plist><plist version="1.0"><dict/></plist>'))).toBe('profile');
    expect(sniffUpload(ascii('\uFEFF<plist version="1.0">'))).toBe('profile');
    expect(sniffUpload(ascii('bplist00\xd1\x01'))).toBe('profile');
    expect(sniffUpload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0]))).toBe('app');
  });

  it("leaves the portal's other uploads alone", () => {
    expect(sniffUpload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBeNull(); // PNG
    expect(sniffUpload(ascii('name,expires\nA,2027-01-01'))).toBeNull();
    expect(sniffUpload(ascii('<?xml version="1.0"?><svg/>'))).toBeNull();
    // DER, but a certificate (a SEQUENCE of SEQUENCEs), not a SignedData ContentInfo.
    expect(sniffUpload(new Uint8Array([0x30, 0x82, 0x05, 0x00, 0x30, 0x82, 0x03, 0xe8]))).toBeNull();
    expect(sniffUpload(new Uint8Array([]))).toBeNull();
  });

  it('takes every real profile and app, and none of the odd non-zip', () => {
    warnIfSharedFixturesMissing();
    if (!hasSharedFixtures) return;
    const profiles = listShared('profiles').map((path) => sniffUpload(head(readShared(path))));
    expect(profiles.length).toBe(40);
    expect(new Set(profiles)).toEqual(new Set(['profile']));
    const apps = listShared('ipa').filter((path) => !path.includes('not-an-ipa'));
    expect(apps.map((path) => sniffUpload(head(readShared(path))))).toEqual(apps.map(() => 'app'));
    expect(sniffUpload(head(readShared('ipa/fastlane_not-an-ipa.ipa')))).toBeNull();
  });
});
