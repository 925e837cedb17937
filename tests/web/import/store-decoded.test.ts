// Storing a decoded group inside a decode worker, with the real store on fake-indexeddb and factory profiles: each
// profile comes back as its id and status (the same rules as a page write: added, unchanged), apps and failures
// come back untouched for the page, a failed write marks every profile of the group as not stored, and the page's
// own Library hears of the worker's write through the store's BroadcastChannel.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useWebCrypto } from '../../../core/cms/crypto';
import { ProvlensError } from '../../../core/errors';
import { inspect } from '../../../core/inspect';
import { openLibrary, type Library, type ProfileInput } from '../../../core/store';
import type { DecodedFile } from '../../../web/import/decode-group';
import { storeDecoded } from '../../../web/import/store-decoded';
import { makeProfile, sharedTestPki } from '../../fixtures/factory';

const FIRST = '51000000-0000-4000-8000-000000000001';
const SECOND = '51000000-0000-4000-8000-000000000002';

let decoded: DecodedFile[];
const APP_IDENTIFIER = 'TESTTEAM01.com.contoso.field';

beforeAll(async () => {
  useWebCrypto(globalThis.crypto);
  const pki = await sharedTestPki();
  const entry = async (uuid: string, year: number): Promise<DecodedFile> => {
    const bytes = await makeProfile(pki, { type: 'enterprise', uuid, bundleId: 'com.contoso.field', expiresAt: new Date(Date.UTC(year, 0, 1)) });
    const result = await inspect(`${uuid}.mobileprovision`, bytes);
    return { fileName: `${uuid}.mobileprovision`, bytes, result, embedded: [] };
  };
  const broken: DecodedFile = { fileName: 'broken.mobileprovision', failure: { fileName: 'broken.mobileprovision', code: 'cms-invalid', message: 'Not a profile' } };
  decoded = [await entry(FIRST, 2027), broken, await entry(SECOND, 2028)];
  // Making the test CA (RSA keys) takes seconds, and under load (a shared machine, the whole suite in parallel) more
  // than a minute: the default 10 s hook timeout, and then 60 s, were both hit.
}, 180_000);

describe('storeDecoded', () => {
  it('stores the profiles in one write and answers with their ids and statuses, failures left in place', async () => {
    const name = `store-decoded-${Math.random()}`;
    const worker = await openLibrary({ name });
    const page = await openLibrary({ name });
    const heard = vi.fn();
    page.onChange(heard);
    const putProfiles = vi.spyOn(worker, 'putProfilesUnlinked');
    const first = await storeDecoded(worker, decoded);
    expect(putProfiles).toHaveBeenCalledTimes(1);
    const app = [APP_IDENTIFIER];
    expect(first).toEqual([
      { fileName: `${FIRST}.mobileprovision`, stored: { id: FIRST, status: 'added', relink: app } },
      decoded[1],
      { fileName: `${SECOND}.mobileprovision`, stored: { id: SECOND, status: 'added', relink: app } },
    ]);
    // Links wait for the page's one relink at the end of the import.
    expect((await page.getProfile(SECOND))?.renewalOf).toBeNull();
    await page.relinkRenewals(app);
    expect((await page.getProfile(SECOND))?.renewalOf).toBe(FIRST);
    expect((await page.getProfile(FIRST))?.renewedBy).toBe(SECOND);
    await vi.waitFor(() => expect(heard).toHaveBeenCalledWith({ kind: 'profiles' }));
    const again = await storeDecoded(worker, decoded);
    expect(again.map((entry) => ('stored' in entry ? entry.stored.status : 'failure' in entry ? entry.failure.code : '?'))).toEqual(['unchanged', 'cms-invalid', 'unchanged']);
    expect((await page.getProfile(SECOND))?.renewalOf).toBe(FIRST);
    worker.close();
    page.close();
  });

  it('marks every profile of a group whose write failed as not stored, naming the write', async () => {
    const library = {
      putProfilesUnlinked: async (_inputs: readonly ProfileInput[]) => {
        throw new ProvlensError('storage-quota', 'The browser refused to store more');
      },
    } as Pick<Library, 'putProfilesUnlinked'>;
    const answered = await storeDecoded(library, decoded);
    expect(answered[1]).toBe(decoded[1]);
    const notStored = [answered[0], answered[2]].map((entry) => (entry && 'notStored' in entry ? entry.notStored : null));
    expect(notStored.map((failure) => failure?.fileName)).toEqual(['(saving 2 profiles to the library)', '(saving 2 profiles to the library)']);
    expect(notStored[0]?.code).toBe('storage-quota');
  });

  it('leaves a group without profiles untouched and writes nothing', async () => {
    const putProfiles = vi.fn();
    const only = [decoded[1] as DecodedFile];
    expect(await storeDecoded({ putProfilesUnlinked: putProfiles }, only)).toEqual(only);
    expect(putProfiles).not.toHaveBeenCalled();
  });
});
