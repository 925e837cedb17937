// Loads core/store/store.ts, bundled on the fly, into real pages of the static server's origin (a blank 404 page, so no
// app code or CSP is involved): the store's behaviour and speed in Chromium's own IndexedDB, not a fake one.
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';

let bundled: Promise<string> | null = null;

function storeBundle(): Promise<string> {
  bundled ??= (async () => {
    const built = (await build({
      configFile: false,
      logLevel: 'silent',
      build: { write: false, lib: { entry: resolve(import.meta.dirname, '../../core/store/store.ts'), formats: ['es'] } },
    })) as Rolldown.RolldownOutput[];
    const code = built[0]?.output[0].code ?? '';
    // The bundle ends in `export { <local> as openLibrary, … }`: expose that local binding to the page instead.
    const local = /export\s*\{[^}]*?(?:([\w$]+)\s+as\s+)?openLibrary\b[^}]*\};?\s*$/.exec(code)?.[1] ?? 'openLibrary';
    return `${code.replace(/export\s*\{[^}]*\};?\s*$/, '')}\nwindow.openLibrary = ${local};`;
  })();
  return bundled;
}

/** A page on `origin` whose window.openLibrary is the store's. */
export async function openStorePage(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  // tsx (which runs the bench) names functions through a helper that evaluated code would otherwise miss.
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(`${origin}/store-test`);
  await page.addScriptTag({ type: 'module', content: await storeBundle() });
  await page.waitForFunction(() => 'openLibrary' in window);
  return page;
}
