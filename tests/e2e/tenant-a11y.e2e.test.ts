// The tenant board connected, in real Chromium: axe (serious and critical), dark mode (tests/e2e/dark-colours.ts), the
// focus ring and no sideways scrolling, on the board, the Renew-in-place review and after Send to Intune — on a desktop
// in light and on a phone in dark. Graph is the in-process fake of the unit tests (tests/web/tenant-fixture.ts) behind
// page.route at the real host, with the CORS answers a browser needs; the clock is fixed inside the real profiles'
// validity. (What the board sends, against the documented shapes, is the Graph stand-in e2e's to prove.)
import { join, resolve } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useWebCrypto } from '../../core/cms/crypto';
import { SHARED_FIXTURES, hasSharedFixtures, warnIfSharedFixturesMissing } from '../shared-fixtures';
import { fixtureTenant, NOW, WRITE_TOKEN } from '../web/tenant-fixture';
import { axeProblems } from './axe';
import { launchBrowser } from './browser';
import { darkModeProblems, focusRingProblems } from './dark-colours';
import { startStaticServer, type StaticServer } from './static-server';

const DIST = resolve(import.meta.dirname, '../../dist/web');
const LIBRARY = ['profiles/fireup_enterprise_2019_wildcard_embedded.mobileprovision', 'profiles/iconthemer_enterprise_2019_embedded2.mobileprovision'];
let server: StaticServer;
let browser: Browser;
warnIfSharedFixturesMissing();

beforeAll(async () => {
  if (!hasSharedFixtures) throw new Error('These tests read real profiles from ../shared/fixtures, which is missing');
  useWebCrypto(globalThis.crypto);
  server = await startStaticServer({ root: DIST });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function serveGraph(page: Page): Promise<void> {
  const graph = await fixtureTenant();
  const cors = { 'access-control-allow-origin': server.origin, 'access-control-allow-headers': 'authorization, content-type, accept', 'access-control-allow-methods': 'GET, POST, PATCH' };
  await page.route('https://graph.microsoft.com/**', async (route: Route) => {
    const request = route.request();
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    const response = await graph.fetch(request.url(), { method: request.method(), headers: await request.allHeaders(), body: request.postData() ?? undefined });
    return route.fulfill({ status: response.status, headers: { ...cors, 'content-type': 'application/json' }, body: await response.text() });
  });
}

for (const [scheme, width] of [['light', 1280], ['dark', 390]] as const) {
  it(`is accessible and ${scheme} throughout, ${width} px wide: board, review, after sending`, async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.clock.setFixedTime(NOW);
    await serveGraph(page);
    await page.goto(`${server.url}#/import`);
    await page.getByLabel('Choose files').setInputFiles(LIBRARY.map((path) => join(SHARED_FIXTURES, path)));
    await page.locator('.progress-report', { hasText: '2 of 2 files read' }).waitFor();
    await page.goto(`${server.url}#/tenant`);
    await page.getByLabel('Access token').fill(WRITE_TOKEN);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.locator('[data-id="app-yt"]').first().waitFor();
    const problems: string[] = [];
    const check = async (where: string) => {
      problems.push(...(await axeProblems(page)).map((problem) => `${where}: ${problem}`));
      if (scheme === 'dark') problems.push(...(await darkModeProblems(page, { systemDark: true })).map((problem) => `${where}: ${problem}`));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) problems.push(`${where}: the page scrolls sideways by ${overflow} px`);
    };
    await check('board');
    await page.getByRole('button', { name: /^Renew in place/ }).click();
    await page.locator('section.review .requests').waitFor();
    await check('review');
    await page.getByRole('button', { name: 'Send to Intune' }).click();
    await page.locator('.new-verdict').waitFor();
    await check('sent');
    if (scheme === 'dark') problems.push(...(await focusRingProblems(page)));
    await context.close();
    expect(problems).toEqual([]);
  }, 180_000);
}
