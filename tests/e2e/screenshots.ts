// README screenshots of the built site: `npm run build && npx tsx tests/e2e/screenshots.ts`. Uses the web e2e's
// synthetic files (test CA, so they read "Not trusted": the screenshots show what users of such files would see),
// in light mode and, for the library, in dark mode too. The tenant board reads an invented tenant, "Contoso Ltd"
// (tests/e2e/synthetic-tenant.ts), from the unit tests' fake Graph at a fixed clock: its profiles are the test CA's
// too, so the board honestly says "Not signed by Apple" and, as Intune could use none of them, proposes no Push or
// Renew in place (with Apple's files, Contoso Field would read Renew in place). No real profile, team or app ID.
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { startStaticServer, type StaticServer } from './static-server';
import { NOW, TOKEN, serveGraph, syntheticTenant } from './synthetic-tenant';
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

    await tenantBoard(browser, server);
  } finally {
    await browser.close();
    await server.close();
    rmSync(files.dir, { recursive: true, force: true });
  }
}

/** The board after Connect with a pasted token, in its own context: an empty library but for the tenant's renewals. */
async function tenantBoard(browser: Browser, server: StaticServer): Promise<void> {
  const tenant = await syntheticTenant();
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: 'light', timezoneId: 'UTC' });
  try {
    const page = await context.newPage();
    await page.clock.setFixedTime(NOW);
    await serveGraph(page, tenant.graph, server.origin);
    await page.goto(`${server.url}#/import`);
    await page.getByLabel('Choose files').setInputFiles(tenant.libraryFiles);
    await page.locator('.progress-report', { hasText: `${tenant.libraryFiles.length} of ${tenant.libraryFiles.length} files read` }).waitFor({ timeout: 30_000 });
    await page.goto(`${server.url}#/tenant`);
    await page.getByLabel('Access token').fill(TOKEN);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.locator('.tenant-board tbody tr[data-id]').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: resolve(ROOT, 'docs/screenshot-tenant.png'), fullPage: true });
  } finally {
    await context.close();
    rmSync(tenant.dir, { recursive: true, force: true });
  }
}

await main();
