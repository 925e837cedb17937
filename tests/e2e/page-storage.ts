// Everything a page has stored, as text, to prove a secret is in none of it: localStorage, sessionStorage, every
// IndexedDB database and object store (records serialized whole; Blobs, ArrayBuffers and typed arrays read as latin1
// text, so bytes are searched too), every Cache Storage entry with its body, and the context's cookies. Read over
// DevTools (page.evaluate), so the site's CSP stays on.
import type { BrowserContext, Page } from 'playwright-core';

export interface StoredText {
  /** Where: "localStorage key", "indexedDB db/store", "cache name url", "cookie name". */
  where: string;
  text: string;
}

export async function pageStorage(page: Page, context: BrowserContext): Promise<StoredText[]> {
  const inPage = await page.evaluate(async () => {
    const found: { where: string; text: string }[] = [];
    const latin1 = (bytes: ArrayBuffer | ArrayBufferView) =>
      new TextDecoder('latin1').decode(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const asText = async (value: unknown, depth = 0): Promise<string> => {
      if (depth > 20) return '';
      if (value instanceof Blob) return latin1(await value.arrayBuffer());
      if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return latin1(value);
      if (Array.isArray(value)) return (await Promise.all(value.map((item) => asText(item, depth + 1)))).join('\n');
      if (value instanceof Map) return asText([...value.entries()], depth + 1);
      if (value instanceof Set) return asText([...value], depth + 1);
      if (value && typeof value === 'object') {
        const parts = await Promise.all(Object.entries(value).map(async ([key, child]) => `${key}: ${await asText(child, depth + 1)}`));
        return parts.join('\n');
      }
      return String(value);
    };
    for (const [name, storage] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]] as const) {
      for (let index = 0; index < storage.length; index += 1) {
        const key = storage.key(index) ?? '';
        found.push({ where: `${name} ${key}`, text: `${key}\n${storage.getItem(key) ?? ''}` });
      }
    }
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name ?? '');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error(`cannot open ${info.name}`));
      });
      for (const storeName of [...db.objectStoreNames]) {
        const [keys, values] = await new Promise<[IDBValidKey[], unknown[]]>((resolve, reject) => {
          const store = db.transaction(storeName, 'readonly').objectStore(storeName);
          const keysRequest = store.getAllKeys();
          const valuesRequest = store.getAll();
          valuesRequest.onsuccess = () => resolve([keysRequest.result, valuesRequest.result]);
          valuesRequest.onerror = () => reject(valuesRequest.error ?? new Error(`cannot read ${storeName}`));
        });
        found.push({ where: `indexedDB ${info.name}/${storeName} (${values.length} records)`, text: `${await asText(keys)}\n${await asText(values)}` });
      }
      db.close();
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        found.push({ where: `cache ${cacheName} ${request.url}`, text: `${request.url}\n${response ? latin1(await response.arrayBuffer()) : ''}` });
      }
    }
    return found;
  });
  const cookies = (await context.cookies()).map((cookie) => ({ where: `cookie ${cookie.name}`, text: `${cookie.name}=${cookie.value}` }));
  return [...inPage, ...cookies];
}

/** The places whose text contains any of the needles. */
export function whereFound(stored: readonly StoredText[], needles: readonly string[]): string[] {
  return stored.filter((entry) => needles.some((needle) => needle.length > 0 && entry.text.includes(needle))).map((entry) => entry.where);
}
