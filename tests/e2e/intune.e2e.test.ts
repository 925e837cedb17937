// "Prepare for Intune" in the built site (real Chromium) on real Apple-signed profiles from ../shared/fixtures. Every
// real in-house profile there has expired, so the page's clock is fixed inside the Demo profile's validity window
// (Date only; timers keep running): as the admin who downloaded it in June 2021 would see it.
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_FIXTURES, hasSharedFixtures, warnIfSharedFixturesMissing } from '../shared-fixtures';
import { axeProblems } from './axe';
import { launchBrowser } from './browser';
import { startStaticServer, type StaticServer } from './static-server';

const DIST = resolve(import.meta.dirname, '../../dist/web');
const IN_HOUSE = join(SHARED_FIXTURES, 'profiles/appinfo_embedded.ipa_enterprise_2021_Demo_embedded.mobileprovision');
const IN_HOUSE_UUID = '1f67e425-350e-434c-9077-9e0791347bbf';
const DEVELOPMENT = join(SHARED_FIXTURES, 'profiles/appinfo_ios_development.mobileprovision');
const DEVELOPMENT_UUID = '9b42a96b-b520-40ef-9748-eee6e7c40f0b';
const INCLUDE = '0b5f2c1e-4d3a-4e8b-9c7d-6a5b4c3d2e1f';
const EXCLUDE = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

let server: StaticServer;
let browser: Browser;
let page: Page;
warnIfSharedFixturesMissing();

describe.runIf(hasSharedFixtures)('Prepare for Intune (built site, real Chromium, real profiles)', () => {
  beforeAll(async () => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/web is missing: run `npm run build` first');
    server = await startStaticServer({ root: DIST });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    await page.clock.setFixedTime(new Date('2021-06-01T00:00:00Z'));
    await page.goto(`${server.url}#/import`);
    await page.getByLabel('Choose files').setInputFiles([IN_HOUSE, DEVELOPMENT]);
    await page.locator('.progress-report', { hasText: '2 of 2 files read' }).waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('walks the wizard for a real in-house profile and writes the US Government job', async () => {
    await page.goto(`${server.url}#/profile/${IN_HOUSE_UUID}`);
    await page.getByRole('link', { name: 'Prepare for Intune' }).click();
    await page.locator('.steps').waitFor();
    await page.screenshot({ path: join(tmpdir(), 'provlens-intune-basics.png') });
    await page.getByLabel('Cloud').selectOption('usgov');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Scope tag IDs').fill('5');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Included groups (object IDs)').fill(INCLUDE);
    await page.getByLabel('Excluded groups (object IDs)').fill(EXCLUDE);
    await page.getByRole('button', { name: 'Next' }).click();
    const text = (await page.getByLabel('Graph requests', { exact: true }).textContent()) ?? '[]';
    const requests = JSON.parse(text) as { step: string; url: string; body: Record<string, unknown> }[];
    expect(requests.map((request) => request.step)).toEqual(['create', 'assign']);
    expect([...new Set([...text.matchAll(/https:\/\/([a-z0-9.-]+)/g)].map((match) => match[1]))]).toEqual(['graph.microsoft.us']);
    expect(requests[0]?.body).toMatchObject({ roleScopeTagIds: ['5'], expirationDateTime: '2022-01-15T06:40:53.000Z' });
    expect(Buffer.from(String(requests[0]?.body.payload), 'base64').equals(readFileSync(IN_HOUSE))).toBe(true);
    expect(JSON.stringify(requests[1]?.body)).toContain(`{"@odata.type":"#microsoft.graph.exclusionGroupAssignmentTarget","groupId":"${EXCLUDE}"}`);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .ps1' }).click()]);
    const script = readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toBe('intune-usgov-2021-06-01.ps1');
    expect(script).toContain("Connect-MgGraph -Environment USGov -Scopes 'DeviceManagementApps.ReadWrite.All'");
    expect(script).toContain(Buffer.from(readFileSync(IN_HOUSE)).toString('base64'));
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'provlens-intune-review.png'), fullPage: false });
  });

  it('refuses the real development profile with its reason', async () => {
    await page.goto(`${server.url}#/intune/${DEVELOPMENT_UUID}`);
    await page.locator('#refusal-title').waitFor();
    expect(await page.locator('main').textContent()).toContain("A development profile: Intune's push keeps only in-house");
    expect(await page.locator('pre').count()).toBe(0);
  });
});

