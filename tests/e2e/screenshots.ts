// README screenshots of the built site: `npm run build && npx tsx tests/e2e/screenshots.ts`. Uses the web e2e's
// synthetic files (test CA, so they read "Not trusted": the screenshots show what users of such files would see),
// in light mode and, for the library, in dark mode too.
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchBrowser } from './browser';
import { startStaticServer } from './static-server';
import { writeWebFixtures } from './web-fixtures';

const ROOT = resolve(import.meta.dirname, '../..');

async function main(): Promise<void> {
  const files = await writeWebFixtures();
  const server = await startStaticServer({ root: resolve(ROOT, 'dist/web') });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${server.url}#/import`);
    const paths = [files.inHouse, files.renewal, files.development].map((file) => file.path);
    await page.getByLabel('Choose files').setInputFiles([...paths, files.app.path]);
    await page.getByText('Open the library').waitFor({ timeout: 30_000 });
    mkdirSync(resolve(ROOT, 'docs'), { recursive: true });

    await page.goto(`${server.url}#/library`);
    await page.locator('tbody tr[data-id]').first().waitFor();
    await page.screenshot({ path: resolve(ROOT, 'docs/screenshot-library.png') });

    await page.goto(`${server.url}#/profile/${files.development.uuid}`);
    await page.locator('h1').waitFor();
    await page.screenshot({ path: resolve(ROOT, 'docs/screenshot-profile.png'), fullPage: true });

    // The same library under a dark system preference: what tests/e2e/dark-mode.e2e.test.ts checks, for the eye.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${server.url}#/library`);
    await page.locator('tbody tr[data-id]').first().waitFor();
    await page.screenshot({ path: resolve(ROOT, 'docs/screenshot-library-dark.png') });
  } finally {
    await browser.close();
    await server.close();
    rmSync(files.dir, { recursive: true, force: true });
  }
}

await main();
