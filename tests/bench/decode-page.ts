// The import's yardsticks, in the same browser and the same run, on one thread of a blank page: the same files
// decoded and verified (core's inspect, bundled on the fly; crypto is the page's WebCrypto, as in the import's
// decoder) from bytes already in memory — import time ÷ this time is issue 20's ratio — and the two steps no import
// can skip, done the plainest way the browser offers: reading the picked files, and writing their bytes and results
// into IndexedDB. Import time ÷ (read + decode+verify + store) says what the import costs beyond its own work.
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';

const bundles = new Map<string, Promise<string>>();

/** `entry` (a bench module for a page) bundled on the fly into one classic script's worth of ES code. */
function pageBundle(entry: string): Promise<string> {
  let bundled = bundles.get(entry);
  if (!bundled) {
    bundled = (async () => {
      const built = (await build({
        configFile: false,
        logLevel: 'silent',
        build: { write: false, lib: { entry, formats: ['es'] } },
      })) as Rolldown.RolldownOutput[];
      const code = built[0]?.output[0].code ?? '';
      return code.replace(/export\s*\{[^}]*\};?\s*$/, '');
    })();
    bundles.set(entry, bundled);
  }
  return bundled;
}

/** A blank page of `origin` (no ProvLens code) running the bench module `entry` (it sets `window[ready]` once loaded),
 *  with `files` picked into a file input, as a user would pick them. */
export async function openBenchPage(page: Page, origin: string, entry: string, ready: string, files: readonly string[]): Promise<void> {
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(`${origin}/bench-yardstick`);
  await page.addScriptTag({ type: 'module', content: await pageBundle(resolve(import.meta.dirname, entry)) });
  await page.waitForFunction((name) => name in window, ready);
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('input'), { type: 'file', multiple: true })));
  await page.locator('input[type="file"]').setInputFiles([...files]);
}

/** The import's floors, measured on the main thread of a fresh page on `origin`: reading the picked files (one
 *  `arrayBuffer()` each, all at once); decoding and verifying them, one after another and 32 at a time (the import
 *  decoder's group), the shorter of the two; and storing bytes and results with bare IndexedDB calls. */
export interface Floors {
  readMs: number;
  decodeMs: number;
  storeMs: number;
}

export async function timeFloorsInPage(context: BrowserContext, origin: string, files: readonly string[]): Promise<Floors> {
  const page = await context.newPage();
  try {
    await openBenchPage(page, origin, 'decode-page-entry.ts', 'provlensStoreAll', files);
    return await page.evaluate(async () => {
      type Picked = { name: string; bytes: Uint8Array };
      const floors = window as unknown as {
        provlensDecodeAll: (files: Picked[], concurrent?: number) => Promise<number>;
        provlensStoreAll: (files: Picked[]) => Promise<number>;
      };
      const input = document.querySelector('input') as HTMLInputElement;
      const readStart = performance.now();
      const read = await Promise.all([...(input.files ?? [])].map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
      const readMs = performance.now() - readStart;
      // Once untimed, so the timed runs start with compiled code, as the import's decoder does after its first group.
      await floors.provlensDecodeAll(read.slice(0, 32), 32);
      const decodeMs = Math.min(await floors.provlensDecodeAll(read, 1), await floors.provlensDecodeAll(read, 32));
      const storeMs = await floors.provlensStoreAll(read);
      return { readMs, decodeMs, storeMs };
    });
  } finally {
    await page.close();
  }
}
