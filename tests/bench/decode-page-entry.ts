// Bundled into a blank page by decode-page.ts. window.provlensDecodeAll decodes and verifies files, `concurrent` at a
// time (WebCrypto answers asynchronously, so one file's verification overlaps the next one's parsing, as in the
// import's decoder), and answers with the milliseconds it took; it throws on a file the import would list as failed.
// window.provlensStoreAll is the floor of storing them: each file's bytes and its decoded result written with bare
// IndexedDB calls into a fresh database with the library's stores and indexes, a group of files per transaction, and
// no rule about what is already there.
import { useWebCrypto } from '../../core/cms/crypto';
import { inspect } from '../../core/inspect';
import { READ_GROUP_FILES } from '../../web/import/batching';

useWebCrypto(globalThis.crypto);

type PickedFile = { name: string; bytes: Uint8Array };

async function decodeAll(files: readonly PickedFile[], concurrent = 1): Promise<number> {
  const start = performance.now();
  for (let first = 0; first < files.length; first += concurrent) {
    const results = await Promise.all(files.slice(first, first + concurrent).map((file) => inspect(file.name, file.bytes)));
    for (const result of results) if (!result.ok) throw new Error(`${result.file}: ${result.error?.message ?? 'not decoded'}`);
  }
  return performance.now() - start;
}

async function storeAll(files: readonly PickedFile[]): Promise<number> {
  const results = await Promise.all(files.map((file) => inspect(file.name, file.bytes)));
  const database = await openBare(`provlens-store-floor-${Math.random()}`);
  const start = performance.now();
  for (let first = 0; first < files.length; first += READ_GROUP_FILES) {
    const transaction = database.transaction(['profiles', 'files'], 'readwrite');
    const profiles = transaction.objectStore('profiles');
    const stored = transaction.objectStore('files');
    files.slice(first, first + READ_GROUP_FILES).forEach((file, offset) => {
      const result = results[first + offset];
      const profile = result && 'profile' in result ? result.profile : undefined;
      const id = profile?.uuid ?? file.name;
      profiles.put({ id, uuid: id, fileName: file.name, importedAt: '', result: { ...result, findings: [] }, source: { kind: 'file' },
        appIdentifier: profile?.applicationIdentifier ?? null, teamId: profile?.teamId ?? null, expiresAt: profile?.expiresAt ?? null, renewalOf: null, renewedBy: null });
      stored.put({ id, bytes: file.bytes });
    });
    await new Promise((resolve, reject) => {
      transaction.oncomplete = resolve;
      transaction.onerror = () => reject(transaction.error);
    });
  }
  const elapsed = performance.now() - start;
  database.close();
  return elapsed;
}

function openBare(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => {
      const profiles = request.result.createObjectStore('profiles', { keyPath: 'id' });
      for (const [index, keyPath] of [['by-expiry', 'expiresAt'], ['by-team', 'teamId'], ['by-app-identifier', 'appIdentifier'], ['by-source-app', 'source.appId']] as const) {
        profiles.createIndex(index, keyPath);
      }
      request.result.createObjectStore('files', { keyPath: 'id' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

Object.assign(window, { provlensDecodeAll: decodeAll, provlensStoreAll: storeAll });
