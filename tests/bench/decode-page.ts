// The import's yardstick, in the same browser and the same run: the same files decoded and verified on one thread
// of a page (core's inspect, bundled on the fly; crypto is the page's WebCrypto, as in the import's decoder), one
// file after another, from bytes already in memory. Reading the files, storing them and the views are left out:
// import time ÷ this time says what the import costs beyond its own work.
import { resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { build, type Rolldown } from 'vite';

let bundled: Promise<string> | null = null;

function decoderBundle(): Promise<string> {
  bundled ??= (async () => {
    const built = (await build({
      configFile: false,
      logLevel: 'silent',
      build: { write: false, lib: { entry: resolve(import.meta.dirname, 'decode-page-entry.ts'), formats: ['es'] } },
    })) as Rolldown.RolldownOutput[];
    const code = built[0]?.output[0].code ?? '';
    return code.replace(/export\s*\{[^}]*\};?\s*$/, '');
  })();
  return bundled;
}

/** Milliseconds to decode and verify `files` on the main thread of a fresh page on `origin`: one after another, and
 *  32 at a time (the import decoder's group); the shorter of the two is the yardstick. */
export async function timeDecodeInPage(context: BrowserContext, origin: string, files: readonly string[]): Promise<number> {
  const page = await context.newPage();
  try {
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(`${origin}/decode-yardstick`);
    await page.addScriptTag({ type: 'module', content: await decoderBundle() });
    await page.waitForFunction(() => 'provlensDecodeAll' in window);
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      document.body.append(input);
    });
    await page.locator('input[type="file"]').setInputFiles([...files]);
    return await page.evaluate(async () => {
      const input = document.querySelector('input') as HTMLInputElement;
      const read = await Promise.all([...(input.files ?? [])].map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
      const decodeAll = (window as unknown as { provlensDecodeAll: (files: typeof read, concurrent?: number) => Promise<number> }).provlensDecodeAll;
      // Once untimed, so the timed runs start with compiled code, as the import's decoder does after its first group.
      await decodeAll(read.slice(0, 32), 32);
      return Math.min(await decodeAll(read, 1), await decodeAll(read, 32));
    });
  } finally {
    await page.close();
  }
}
