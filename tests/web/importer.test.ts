// The import pipeline with the real decoder, the real store (fake-indexeddb) and factory files: bad files are
// listed and skipped, good ones stored, apps stored with their embedded profiles, progress reported as it goes.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../../core/store';
import { importFiles, type ImportProgress } from '../../web/import/importer';
import { codeSigningIdentity, makeApp } from '../fixtures/app-factory';
import { makeDeveloperCertificate, makeProfile, sharedTestPki } from '../fixtures/factory';

const IN_HOUSE = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
const EMBEDDED = 'eeeeeeee-5555-4555-8555-eeeeeeeeeeee';
const EXPIRES = new Date('2027-03-01T00:00:00.000Z');

let profileBytes: Uint8Array;
let ipaBytes: Uint8Array;
let library: Library;

beforeAll(async () => {
  const pki = await sharedTestPki();
  const developer = await makeDeveloperCertificate(pki, {
    commonName: 'iPhone Distribution: Contoso Ltd (CONTOSO123)',
    teamId: 'CONTOSO123',
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2028-01-01T00:00:00Z'),
  });
  const spec = { type: 'enterprise' as const, teamId: 'CONTOSO123', developerCertificates: [developer], expiresAt: EXPIRES };
  profileBytes = await makeProfile(pki, { ...spec, uuid: IN_HOUSE, name: 'Contoso Field In-House', bundleId: 'com.contoso.field' });
  ipaBytes = await makeApp({
    bundles: [
      {
        path: 'Payload/Scan.app/',
        bundleId: 'com.contoso.scan',
        profile: await makeProfile(pki, { ...spec, uuid: EMBEDDED, name: 'Contoso Scan In-House', bundleId: 'com.contoso.scan' }),
        executableContent: {
          slices: ['arm64'],
          signature: { signer: codeSigningIdentity(pki, developer), identifier: 'com.contoso.scan', teamId: 'CONTOSO123' },
        },
      },
    ],
  });
});

afterEach(() => library?.close());

function file(bytes: Uint8Array | string, name: string): File {
  return new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name);
}

describe('importFiles', () => {
  it('stores readable profiles, lists unreadable ones by name and code, and skips other kinds of file', async () => {
    library = await openLibrary({ indexedDB: new IDBFactory() });
    const updates: ImportProgress[] = [];
    const final = await importFiles(
      [file(profileBytes, 'field.mobileprovision'), file('not a profile', 'notes.mobileprovision'), file('hi', 'README.txt')],
      library,
      { onProgress: (progress) => updates.push(progress) },
    );
    expect(final).toMatchObject({ total: 2, done: 2, added: 1, skipped: 1, apps: 0, lastProfileId: IN_HOUSE });
    expect(final.failures).toEqual([{ fileName: 'notes.mobileprovision', code: 'not-a-profile', message: expect.any(String) }]);
    expect(updates.map((update) => update.done)).toEqual([0, 1, 2, 2]);

    const stored = await library.getProfile(IN_HOUSE);
    expect(stored?.result.profile?.name).toBe('Contoso Field In-House');
    expect(stored?.result.profile?.expiresAt).toBe(EXPIRES.toISOString());
    expect(stored?.result.signature?.status).toBe('untrusted');
    expect(stored?.bytes).toEqual(profileBytes);
  });

  it('stores an .ipa with its embedded profile taken out of the archive', async () => {
    library = await openLibrary({ indexedDB: new IDBFactory() });
    const final = await importFiles([file(ipaBytes, 'Scan.ipa')], library);
    expect(final).toMatchObject({ total: 1, apps: 1, failures: [] });
    const [app] = await library.listApps();
    expect(app?.id).toBe(final.lastAppId);
    const embedded = await library.getProfile(EMBEDDED);
    expect(embedded?.source).toEqual({ kind: 'app', appId: app?.id, bundlePath: 'Payload/Scan.app/' });
    expect(embedded?.result.profile?.name).toBe('Contoso Scan In-House');
  });

  it('imports the same file twice as "already stored"', async () => {
    library = await openLibrary({ indexedDB: new IDBFactory() });
    await importFiles([file(profileBytes, 'field.mobileprovision')], library);
    const again = await importFiles([file(profileBytes, 'field copy.mobileprovision')], library);
    expect(again).toMatchObject({ added: 0, unchanged: 1 });
  });
});
