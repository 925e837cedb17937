// The import pipeline with the real decoder, the real store (fake-indexeddb) and factory files: bad files are
// listed and skipped, good ones stored, apps stored with their embedded profiles, progress reported as it goes.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openLibrary, type Library } from '../../core/store/store';
import { READ_GROUP_FILES } from '../../web/import/batching';
import type { DecodedFile } from '../../web/import/decode-group';
import type { Decoder } from '../../web/import/decode-pool';
import { importFiles, MIN_STORE_BATCH, STORE_BATCH_SIZE, type ImportProgress } from '../../web/import/importer';
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
  // The test CA (RSA keys) and an app: seconds, more than the default 10 s hook timeout under load.
}, 180_000);

afterEach(() => {
  vi.restoreAllMocks();
  library?.close();
});

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
    // Progress starts at nothing done, never goes back, and its last word is the final state.
    const done = updates.map((update) => update.done);
    expect(done[0]).toBe(0);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(updates.at(-1)).toEqual(final);

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

  it('stores a long import in a few large transactions, each file counted once', async () => {
    library = await openLibrary({ indexedDB: new IDBFactory() });
    const batches: number[] = [];
    const putProfiles = library.putProfilesUnlinked.bind(library);
    library.putProfilesUnlinked = (inputs) => (batches.push(inputs.length), putProfiles(inputs));
    const relink = vi.spyOn(library, 'relinkRenewals');
    const files = Array.from({ length: 300 }, (_, i) => file(profileBytes, `copy-${i}.mobileprovision`));
    const updates: ImportProgress[] = [];
    const final = await importFiles(files, library, { onProgress: (progress) => updates.push(progress) });
    expect(final).toMatchObject({ total: 300, done: 300, added: 1, unchanged: 299, failures: [] });
    // Each profile written once, in transactions of a few hundred: never a small one except the last.
    expect(batches.reduce((sum, size) => sum + size, 0)).toBe(300);
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(300 / MIN_STORE_BATCH));
    for (const size of batches.slice(0, -1)) expect(size).toBeGreaterThanOrEqual(MIN_STORE_BATCH);
    expect(Math.max(...batches)).toBeLessThan(STORE_BATCH_SIZE + READ_GROUP_FILES);
    // Renewal links are computed once, at the end, for the one App ID stored.
    expect(relink.mock.calls).toEqual([[['CONTOSO123.com.contoso.field']]]);
    // Far fewer progress renders than files (at most one per frame), the last one final.
    expect(updates.length).toBeLessThan(300);
    expect(updates.at(-1)?.done).toBe(300);
  });

  it('stops after the group being decoded when Stop is pressed, and keeps what was read', async () => {
    library = await openLibrary({ indexedDB: new IDBFactory() });
    const controller = new AbortController();
    const files = Array.from({ length: 40 }, (_, i) => file(profileBytes, `copy-${i}.mobileprovision`));
    // Reading the second group is when the user presses Stop: the first group still finishes and is stored.
    const readBlob = Blob.prototype.arrayBuffer;
    let reads = 0;
    vi.spyOn(Blob.prototype, 'arrayBuffer').mockImplementation(function (this: Blob) {
      if (++reads === 2) controller.abort();
      return readBlob.call(this);
    });
    const final = await importFiles(files, library, { signal: controller.signal });
    expect(final).toMatchObject({ total: 40, done: READ_GROUP_FILES, added: 1, unchanged: READ_GROUP_FILES - 1 });
    expect((await library.listProfiles()).map((profile) => profile.id)).toEqual([IN_HOUSE]);
  });

  it('lists a file that cannot be read and imports the others of its group', async () => {
    library = await openLibrary({ indexedDB: new IDBFactory() });
    const broken = file(profileBytes, 'vanished.mobileprovision');
    broken.arrayBuffer = () => Promise.reject(new DOMException('The file is gone', 'NotFoundError'));
    // As in Chromium, the group's combined read fails too when one of its files has gone.
    const readBlob = Blob.prototype.arrayBuffer;
    vi.spyOn(Blob.prototype, 'arrayBuffer').mockImplementation(function (this: Blob) {
      return this instanceof File ? readBlob.call(this) : Promise.reject(new DOMException('A part is gone', 'NotFoundError'));
    });
    const final = await importFiles([broken, file(profileBytes, 'field.mobileprovision')], library);
    expect(final).toMatchObject({ total: 2, done: 2, added: 1, lastProfileId: IN_HOUSE });
    expect(final.failures).toEqual([{ fileName: 'vanished.mobileprovision', code: 'internal', message: 'The file is gone' }]);
  });

  it('on Stop, closes the decoder at once: a group still decoding is dropped, not waited for', async () => {
    library = await openLibrary({ indexedDB: new IDBFactory() });
    const controller = new AbortController();
    const asked: string[][] = [];
    let closed = 0;
    // A stand-in for the worker pool: the first group decodes (for real), the later ones never finish until closed.
    const core = await import('../../core/index');
    const { decodeGroup } = await import('../../web/import/decode-group');
    const pending: ((error: unknown) => void)[] = [];
    const decoder: Decoder = {
      kind: 'workers',
      parallelism: 4,
      decode(files) {
        asked.push(files.map((file) => file.name));
        if (asked.length === 1) return decodeGroup(core, files).finally(() => controller.abort());
        return new Promise<DecodedFile[]>((_, reject) => pending.push(reject));
      },
      close() {
        closed += 1;
        for (const reject of pending.splice(0)) reject(new DOMException('stopped', 'AbortError'));
      },
    };
    const files = Array.from({ length: 3 * READ_GROUP_FILES }, (_, i) => file(profileBytes, `copy-${i}.mobileprovision`));
    const final = await importFiles(files, library, { signal: controller.signal, openDecoder: () => decoder });
    expect(closed).toBeGreaterThanOrEqual(1);
    expect(asked).toHaveLength(3);
    expect(final).toMatchObject({ total: 3 * READ_GROUP_FILES, done: READ_GROUP_FILES, added: 1, unchanged: READ_GROUP_FILES - 1, failures: [] });
  });

  it('lists a group the decoder lost as failed files and goes on, rather than stopping the import', async () => {
    library = await openLibrary({ indexedDB: new IDBFactory() });
    const core = await import('../../core/index');
    const { decodeGroup } = await import('../../web/import/decode-group');
    let calls = 0;
    const decoder: Decoder = {
      kind: 'workers',
      parallelism: 1,
      decode: (files) => (++calls === 1 ? Promise.reject(new Error('worker crashed')) : decodeGroup(core, files)),
      close: () => undefined,
    };
    const files = Array.from({ length: READ_GROUP_FILES + 1 }, (_, i) => file(profileBytes, `copy-${i}.mobileprovision`));
    const final = await importFiles(files, library, { openDecoder: () => decoder });
    expect(final).toMatchObject({ total: READ_GROUP_FILES + 1, done: READ_GROUP_FILES + 1, added: 1 });
    expect(final.failures).toHaveLength(READ_GROUP_FILES);
    expect(final.failures[0]).toEqual({ fileName: 'copy-0.mobileprovision', code: 'internal', message: 'worker crashed' });
  });

  it('counts profiles a worker stored, stops after a group it could not store, and relinks what was stored once', async () => {
    library = await openLibrary({ indexedDB: new IDBFactory() });
    const relink = vi.spyOn(library, 'relinkRenewals');
    const quota = { fileName: `(saving ${READ_GROUP_FILES} profiles to the library)`, code: 'storage-quota', message: 'Full' };
    let calls = 0;
    const decoder: Decoder = {
      kind: 'workers',
      parallelism: 1,
      decode: async (files) => {
        calls += 1;
        if (calls === 2) return files.map((one) => ({ fileName: one.name, notStored: quota }));
        return files.map((one, i) => ({ fileName: one.name, stored: { id: `id-${calls}-${i}`, status: i === 0 ? ('replaced' as const) : ('added' as const), relink: [`T.app${i % 2}`] } }));
      },
      close: () => undefined,
    };
    const files = Array.from({ length: 3 * READ_GROUP_FILES }, (_, i) => file('x', `p-${i}.mobileprovision`));
    const final = await importFiles(files, library, { openDecoder: () => decoder });
    expect(final).toMatchObject({ done: 2 * READ_GROUP_FILES, added: READ_GROUP_FILES - 1, replaced: 1, lastProfileId: `id-1-${READ_GROUP_FILES - 1}` });
    expect(final.failures).toEqual([quota]);
    expect(calls).toBeLessThanOrEqual(3);
    expect(relink).toHaveBeenCalledTimes(1);
    expect(relink.mock.calls[0]?.[0]).toEqual(['T.app0', 'T.app1']);
  });

  it('has the workers relink what they stored, once, and relinks on the page only when they cannot', async () => {
    for (const workerAnswers of ['relinked', 'fails'] as const) {
      library = await openLibrary({ indexedDB: new IDBFactory() });
      const onPage = vi.spyOn(library, 'relinkRenewals');
      const inWorker: string[][] = [];
      const decoder: Decoder = {
        kind: 'workers',
        parallelism: 1,
        decode: async (files) => files.map((one, i) => ({ fileName: one.name, stored: { id: `id-${one.name}`, status: 'added' as const, relink: [`T.app${i % 3}`] } })),
        relink: async (appIdentifiers) => {
          inWorker.push([...appIdentifiers]);
          if (workerAnswers === 'fails') throw new Error('worker gone');
        },
        close: () => undefined,
      };
      const files = Array.from({ length: 2 * READ_GROUP_FILES }, (_, i) => file('x', `p-${i}.mobileprovision`));
      const final = await importFiles(files, library, { openDecoder: () => decoder });
      expect(final).toMatchObject({ done: 2 * READ_GROUP_FILES, added: 2 * READ_GROUP_FILES, failures: [] });
      expect(inWorker).toEqual([['T.app0', 'T.app1', 'T.app2']]);
      expect(onPage.mock.calls).toEqual(workerAnswers === 'fails' ? [[['T.app0', 'T.app1', 'T.app2']]] : []);
      library.close();
    }
  });
});
