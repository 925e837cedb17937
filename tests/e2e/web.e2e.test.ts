// The built site (dist/web) in real headless Chromium, served from a sub-path: import by file input and by drag and
// drop, persistence across reloads, the profile view, CSV/.ics exports, compare, app check, delete, a hostile name,
// and axe-core on every view in light and dark themes.
//
// Trust: the factory's files are signed by a throwaway test CA. The built site trusts Apple's CAs only, and there is
// deliberately no test hook to add pins (anything a test could switch on, an attacker could too), so these tests
// assert the honest verdict, "Not signed by Apple", while names, types and dates are still checked.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ICAL from 'ical.js';
import Papa from 'papaparse';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from './axe';
import { launchBrowser } from './browser';
import { startStaticServer, type StaticServer } from './static-server';
import { HOSTILE_NAME, writeWebFixtures, type WebFixture, type WebFixtures } from './web-fixtures';

const DIST = resolve(import.meta.dirname, '../../dist/web');

let files: WebFixtures;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const dialogs: string[] = [];
const foreignRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/web is missing: run `npm run build` first');
  files = await writeWebFixtures();
  server = await startStaticServer({ root: DIST });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(server.origin) && !url.startsWith('blob:') && !url.startsWith('data:')) foreignRequests.push(url);
  });
  await page.goto(server.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (files) rmSync(files.dir, { recursive: true, force: true });
});

function row(fixture: WebFixture) {
  return page.locator(`tr[data-id="${fixture.uuid}"]`);
}

async function openLibrary(): Promise<void> {
  // Waits on conditions with room for a loaded machine: the first paint after a reload can take a while there.
  await page.goto(`${server.url}#/library`, { waitUntil: 'domcontentloaded' });
  await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor({ timeout: 30_000 });
}

describe('ProvLens web app (built, real Chromium)', () => {
  it('imports profiles through the file input, listing the unreadable file and storing the rest', async () => {
    await page.goto(`${server.url}#/import`);
    await page.getByLabel('Choose files').setInputFiles([
      files.inHouse.path,
      files.development.path,
      files.hostile.path,
      files.broken.path,
    ]);
    const report = page.locator('.progress-report');
    await expect.poll(() => report.textContent(), { timeout: 30_000 }).toContain('4 of 4 files read, 3 new');
    await expect(report.locator('.failures li').textContent()).resolves.toContain(files.broken.fileName);
    expect(await report.locator('.failures li').count()).toBe(1);
  });

  it('shows each profile with its real expiry, type and the honest trust verdict, soonest first', async () => {
    await openLibrary();
    await row(files.inHouse).waitFor();
    const ids = await page.locator('tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(ids).toEqual([files.development.uuid, files.hostile.uuid, files.inHouse.uuid]);

    const inHouse = row(files.inHouse);
    expect(await inHouse.locator('time').getAttribute('datetime')).toBe(files.inHouse.expiresAt);
    expect(await inHouse.locator('time').getAttribute('title')).toBe(`${files.inHouse.expiresAt.slice(0, 16).replace('T', ' ')} UTC`);
    expect(await inHouse.textContent()).toContain('In-house (enterprise)');
    expect(await inHouse.textContent()).toContain('Not signed by Apple');
    expect(await inHouse.locator('td.num').first().textContent()).toBe('199 days left');
    expect(await row(files.development).textContent()).toContain('Development');
  });

  it('renders a hostile profile name as text: no element, no script, no dialog', async () => {
    await expect(row(files.hostile).locator('a').textContent()).resolves.toBe(HOSTILE_NAME);
    expect(await page.locator('main img').count()).toBe(0);
    await page.goto(`${server.url}#/profile/${files.hostile.uuid}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(HOSTILE_NAME);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('imports a renewed profile and an app by drag and drop', async () => {
    await page.goto(`${server.url}#/import`);
    const payload = [files.renewal, files.app].map((file) => ({
      name: file.fileName,
      base64: readFileSync(file.path).toString('base64'),
    }));
    const dataTransfer = await page.evaluateHandle((items) => {
      const transfer = new DataTransfer();
      for (const item of items) {
        const bytes = Uint8Array.from(atob(item.base64), (char) => char.charCodeAt(0));
        transfer.items.add(new File([bytes], item.name));
      }
      return transfer;
    }, payload);
    await page.dispatchEvent('[data-testid="dropzone"]', 'drop', { dataTransfer });
    const report = page.locator('.progress-report');
    await expect.poll(() => report.textContent(), { timeout: 30_000 }).toContain('2 of 2 files read');
    expect(await report.textContent()).toContain('1 app');
    expect(await report.locator('.failures li').count()).toBe(0);
  });

  it('keeps everything after a reload, including the app’s embedded profile', async () => {
    await page.reload();
    await openLibrary();
    await row(files.renewal).waitFor();
    expect(await page.locator('tbody tr[data-id]').count()).toBe(4);
    // The app embeds the same in-house profile: one record, not a duplicate.
    expect(await row(files.inHouse).count()).toBe(1);
    expect(await page.locator('.count').textContent()).toContain('4 of 4 profiles shown');
  });

  it('shows a profile with its timeline, signature verdict, certificate fingerprint, and refuses to prepare a non-Apple one for Intune', async () => {
    await page.goto(`${server.url}#/profile/${files.inHouse.uuid}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(files.inHouse.name);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(files.inHouse.uuid);
    expect(text).toContain('Not signed by Apple');
    expect(text).toContain('CONTOSO123.com.contoso.field');
    expect(await page.locator('.headline time').getAttribute('datetime')).toBe(files.inHouse.expiresAt);
    expect(await page.locator('.fingerprint').first().textContent()).toMatch(/[0-9a-f]{64}/);
    // The test CA is not Apple: Intune could not use the file, so the page refuses to prepare it and says why.
    const intune = page.locator('section[aria-labelledby="intune-title"]');
    expect(await intune.textContent()).toContain("Intune's push cannot use this profile: Its signature does not chain to Apple's certificate authorities");
    await intune.getByRole('link', { name: 'What to do instead' }).click();
    await page.locator('#refusal-title').waitFor();
    expect(await page.locator('#refusal-title').textContent()).toBe(`Intune cannot use ${files.inHouse.name}`);
    expect(await page.locator('pre').count()).toBe(0);
  });

  it('exports the library as CSV and .ics with the real UUIDs and dates', async () => {
    await openLibrary();
    await row(files.inHouse).waitFor();
    const csv = await download(() => page.getByRole('button', { name: /^Export CSV/ }).click());
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    const inHouse = parsed.data.find((record) => record.uuid === files.inHouse.uuid);
    expect(inHouse).toMatchObject({ name: files.inHouse.name, type: 'enterprise', 'team id': 'CONTOSO123' });
    expect(Date.parse(inHouse?.expires ?? '')).toBe(Date.parse(files.inHouse.expiresAt));
    expect(parsed.data.map((record) => record.uuid)).toEqual(expect.arrayContaining([files.hostile.uuid, files.renewal.uuid]));

    const ics = await download(() => page.getByRole('button', { name: /^Export \.ics/ }).click());
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const events = calendar.getAllSubcomponents('vevent').map((event) => new ICAL.Event(event));
    // A reminder exactly 30 × 24 h before the in-house profile's expiry, at that UTC instant.
    const reminder = events.find((event) => event.uid === `${files.inHouse.uuid}-30d@provlens`);
    const thirtyDaysBefore = new Date(Date.parse(files.inHouse.expiresAt) - 30 * 86_400_000).toISOString();
    expect(reminder?.startDate.toJSDate().toISOString()).toBe(thirtyDaysBefore);
    expect(reminder?.summary).toBe(`Provisioning profile "${files.inHouse.name}" expires in 30 days`);
    // Default reminders 30, 7, 1 days before: the 10-day development profile keeps only 7 and 1.
    const devUids = events.map((event) => event.uid).filter((uid) => uid.startsWith(files.development.uuid));
    expect(devUids.sort()).toEqual([`${files.development.uuid}-1d@provlens`, `${files.development.uuid}-7d@provlens`]);
  });

  it('compares the old and the renewed profile', async () => {
    await page.goto(`${server.url}#/compare?a=${files.inHouse.uuid}&b=${files.renewal.uuid}`);
    const diff = page.locator('.diff');
    await diff.waitFor();
    const text = (await diff.textContent()) ?? '';
    expect(text).toContain(files.inHouse.uuid);
    expect(text).toContain(files.renewal.uuid);
    expect(text).toContain(files.renewal.name);
  });

  it('checks an app against candidate profiles and gives the honest renewal verdict', async () => {
    await page.goto(`${server.url}#/app-check`);
    await page.getByLabel('Choose an .ipa').setInputFiles(files.app.path);
    await page.locator('table.plain').waitFor();
    expect(await page.locator('table.plain').textContent()).toContain(files.app.bundleId);
    const renewal = page.getByLabel(new RegExp(`^${files.renewal.name} \\(library`));
    await renewal.check();
    await page.getByRole('button', { name: 'Check renewal' }).click();
    const cards = page.locator('.verdict-card');
    await expect.poll(() => cards.count()).toBe(2);
    // Neither profile is signed by Apple, so neither can keep the app alive, and the page says so.
    expect(await cards.locator('.verdict-line').allTextContents()).toEqual([
      expect.stringContaining('This profile cannot keep the app alive'),
      expect.stringContaining('This profile cannot keep the app alive'),
    ]);
  });

  it('deletes selected profiles, and they stay deleted after a reload', async () => {
    await openLibrary();
    await row(files.hostile).locator('input[type="checkbox"]').check();
    await page.getByRole('button', { name: 'Delete selected' }).click();
    await page.getByRole('button', { name: 'Confirm: delete 1' }).click();
    await expect.poll(() => row(files.hostile).count()).toBe(0);
    await page.reload();
    await row(files.inHouse).waitFor();
    expect(await row(files.hostile).count()).toBe(0);
    expect(await page.locator('tbody tr[data-id]').count()).toBe(3);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations on any view (${colorScheme})`, async () => {
      await page.emulateMedia({ colorScheme });
      const views = [
        '#/library',
        `#/profile/${files.inHouse.uuid}`,
        '#/import',
        `#/compare?a=${files.inHouse.uuid}&b=${files.renewal.uuid}`,
        '#/app-check',
        '#/tenant',
        '#/settings',
      ];
      const problems: string[] = [];
      for (const view of views) {
        await page.goto(server.url + view);
        await page.locator('main h1').waitFor();
        await page.waitForLoadState('networkidle');
        problems.push(...(await axeProblems(page)).map((problem) => `${view}: ${problem}`));
      }
      expect(problems).toEqual([]);
    });
  }

  it('?sample makes a fresh sample, labelled as signed by a test CA, and opens it', async () => {
    await page.goto(`${server.url}?sample`);
    await page.waitForURL(/#\/profile\//, { timeout: 45_000 });
    expect(new URL(page.url()).search).toBe('');
    await expect(page.locator('h1').textContent()).resolves.toBe('ProvLens Sample — signed by a test CA');
    expect(await page.getByRole('note').textContent()).toContain('signed by a throwaway test CA, not by Apple');
    expect(await page.locator('.headline').textContent()).toContain('Not signed by Apple');
  });

  it('asked nothing of any other origin', () => {
    expect(foreignRequests).toEqual([]);
  });
});

async function download(trigger: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const path = await file.path();
  return readFileSync(path, 'utf8');
}

