// "Contoso Field" as the Apps tests import it: the app and its share extension, each shipped with a profile that ends
// 2026-06-20, signed by the fixtures' developer certificate; and storing an .ipa as the web importer does (the app
// summary plus its embedded profiles).
import { embeddedProfileFiles } from '../../core/app/app';
import { inspect } from '../../core/inspect';
import type { Library } from '../../core/store';
import { makeApp } from '../fixtures/app-factory';
import { APP_ID, EXTENSION_ID, NOW, type AppFixtures } from '../core/app/app-fixtures';

export const SHIPPED_APP = '66666666-cccc-4ccc-8ccc-666666666666';
export const SHIPPED_SHARE = '77777777-dddd-4ddd-8ddd-777777777777';
export const SHARE = 'Payload/Field.app/PlugIns/Share.appex/';

export async function fieldIpa(f: AppFixtures, options: { shareProfileName?: string } = {}): Promise<Uint8Array> {
  const shipped = { createdAt: new Date('2025-06-01T00:00:00Z'), expiresAt: new Date('2026-06-20T00:00:00Z') };
  const executableContent = f.machO(f.developer);
  const shareName = options.shareProfileName === undefined ? {} : { name: options.shareProfileName };
  return makeApp({
    bundles: [
      { path: 'Payload/Field.app/', bundleId: APP_ID, version: '2.4', build: '118', profile: await f.profile({ ...shipped, uuid: SHIPPED_APP }), executableContent },
      { path: SHARE, bundleId: EXTENSION_ID, profile: await f.profile({ ...shipped, uuid: SHIPPED_SHARE, bundleId: EXTENSION_ID, ...shareName }), executableContent },
    ],
  });
}

/** Stores the .ipa as an app, judged at the fixtures' clock against the test CA; returns the app's id. */
export async function storeApp(library: Library, f: AppFixtures, fileName: string, bytes: Uint8Array): Promise<string> {
  const result = await inspect(fileName, bytes, { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });
  if (result.kind !== 'app' || !result.app) throw new Error('not an app');
  const { id } = await library.putApp({ fileName, bytes, result, profileBytes: embeddedProfileFiles(bytes, result.app) });
  return id;
}
