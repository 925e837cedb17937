// The issue-11 "done when", in the built site on a phone-sized window in real Chromium: a folder picker is offered; a
// real Apple-signed in-house profile (read from ../shared/fixtures at test time) and a copy with one content byte
// changed are imported; the copy is named "Tampered" and kept beside the genuine record, which stays Apple-verified
// in its own JSON export after a reload; nothing scrolls sideways at 390 px; and two time zones show the same status,
// days and UTC instant, each date named in its own zone.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedFixtures, readShared, warnIfSharedFixturesMissing } from '../shared-fixtures';
import { launchBrowser } from './browser';
import { startStaticServer, type StaticServer } from './static-server';

const DIST = resolve(import.meta.dirname, '../../dist/web');
const REAL = 'profiles/appinfo_embedded.ipa_enterprise_2021_Demo_embedded.mobileprovision';
const UUID = '1f67e425-350e-434c-9077-9e0791347bbf';

let dir: string;
let genuine: string;
let tampered: string;
let server: StaticServer;
let browser: Browser;

/** The same file with one letter of its Name changed: the CMS digest no longer matches, as in an edited download. */
function tamper(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  const at = text.indexOf('<string>', text.indexOf('<key>Name</key>')) + '<string>'.length;
  if (at < '<string>'.length) throw new Error('no Name in the fixture');
  const copy = new Uint8Array(bytes);
  copy[at] = copy[at] === 0x58 ? 0x59 : 0x58;
  return copy;
}

async function phone(timezoneId: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId, acceptDownloads: true });
  return { context, page: await context.newPage() };
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll).toBeLessThanOrEqual(client);
}

beforeAll(async () => {
  warnIfSharedFixturesMissing();
  if (!hasSharedFixtures) return;
  dir = mkdtempSync(join(tmpdir(), 'provlens-verdict-'));
  const bytes = readShared(REAL);
  genuine = join(dir, 'Demo.mobileprovision');
  tampered = join(dir, 'Demo (edited).mobileprovision');
  writeFileSync(genuine, bytes);
  writeFileSync(tampered, tamper(bytes));
  server = await startStaticServer({ root: DIST });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(hasSharedFixtures)('one live verdict on a 390 px phone (built site, real Chromium)', () => {
  it('offers a folder picker, names a tampered copy for what it is and keeps the genuine record verified after a reload', async () => {
    const { context, page } = await phone('Europe/Berlin');
    await page.goto(`${server.url}#/import`);
    await page.getByLabel('Choose files').waitFor({ state: 'attached' });
    expect(await page.getByTestId('folder-input').evaluate((input) => (input as HTMLInputElement).webkitdirectory)).toBe(true);
    await noSidewaysScroll(page);

    await page.getByLabel('Choose files').setInputFiles([genuine, tampered]);
    const report = page.locator('.progress-report');
    await expect.poll(() => report.textContent(), { timeout: 30_000 }).toContain('1 unverified copy of Apple-signed profiles kept beside them');

    await page.goto(`${server.url}#/library`);
    const real = page.locator(`tr[data-id="${UUID}"]`);
    const copy = page.locator(`tr[data-id="${UUID}~tampered"]`);
    await real.waitFor();
    await copy.waitFor();
    expect(await real.locator('.badge').textContent()).toContain('Expired');
    expect(await copy.locator('.badge').textContent()).toContain('Tampered');
    expect(await copy.textContent()).toContain('tampered copy');
    // Cards: the name has the card's width, not 0 px.
    expect((await real.locator('.cell-name').boundingBox())?.width ?? 0).toBeGreaterThan(200);
    await noSidewaysScroll(page);

    await page.reload();
    await page.goto(`${server.url}#/profile/${UUID}`);
    await page.locator('.headline').waitFor();
    expect(await page.locator('.headline .badge').textContent()).toContain('Expired');
    await noSidewaysScroll(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const exported = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as {
      results: { profile: { uuid: string }; signature: { status: string }; verdict: { status: string; usableByIntune: boolean } }[];
    };
    expect(exported.results).toHaveLength(1);
    expect(exported.results[0]?.profile.uuid.toLowerCase()).toBe(UUID);
    expect(exported.results[0]?.signature.status).toBe('valid');
    expect(exported.results[0]?.verdict).toMatchObject({ status: 'expired', usableByIntune: false });

    await page.goto(`${server.url}#/profile/${UUID}~tampered`);
    await page.locator('.copy-note').waitFor();
    expect(await page.locator('.headline .badge').textContent()).toContain('Tampered');
    expect(await page.locator('#intune-title').locator('xpath=..').textContent()).toContain("Intune's push cannot use this profile");
    await context.close();
  });

  it('shows the same status, days and UTC instant in two time zones, each local date named', async () => {
    const seen: { zone: string; badge: string; days: string; local: string; utc: string }[] = [];
    for (const zone of ['Europe/Berlin', 'America/Los_Angeles']) {
      const { context, page } = await phone(zone);
      await page.goto(`${server.url}#/import`);
      await page.getByLabel('Choose files').setInputFiles([genuine]);
      // A single imported file opens its profile page.
      await page.waitForURL(new RegExp(`#/profile/${UUID}$`), { timeout: 30_000 });
      const time = page.locator('.headline time');
      await time.waitFor();
      const headline = (await page.locator('.headline').textContent()) ?? '';
      seen.push({
        zone,
        badge: (await page.locator('.headline .badge').textContent()) ?? '',
        days: /\(([^)]*ago|[^)]*left)\)/.exec(headline)?.[1] ?? '',
        local: (await time.textContent()) ?? '',
        utc: (await time.getAttribute('title')) ?? '',
      });
      await context.close();
    }
    const [berlin, la] = seen;
    expect(berlin?.badge).toBe(la?.badge);
    expect(berlin?.days).toMatch(/^\d+ days ago$/);
    expect(berlin?.days).toBe(la?.days);
    expect(berlin?.utc).toMatch(/ UTC$/);
    expect(berlin?.utc).toBe(la?.utc);
    expect(berlin?.local).toMatch(/ (CET|CEST|GMT\+1|GMT\+2)$/);
    expect(la?.local).toMatch(/ (PST|PDT|GMT-8|GMT-7)$/);
    expect(berlin?.local).not.toBe(la?.local);
  });
});
