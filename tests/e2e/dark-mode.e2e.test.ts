// Dark mode everywhere, proven in real Chromium: every web view (with content: a library with rows, a profile with
// every section open, compare, app check with verdicts, the apps board and an app, the Intune page's Graph step,
// settings, a finished import, the sample), the extension's popup, full view and portal panel, twice: under a dark
// system preference with the setting on "Follow the system", and with the setting on "Dark" under a light system.
// Each page must be clean for axe (colour contrast included) and pass tests/e2e/dark-colours.ts: dark surfaces,
// light text, no light-on-light, native parts in the dark scheme, a focus ring that stands out.
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_FIXTURES, hasSharedFixtures, warnIfSharedFixturesMissing } from '../shared-fixtures';
import { axeProblems } from './axe';
import { launchBrowser, launchPersistent, type PersistentBrowser } from './browser';
import { darkModeProblems, focusRingProblems } from './dark-colours';
import { ALL_HOSTS, CLOUDS, startPortalStandIn, type PortalStandIn } from './portal-standin/server';
import { startStaticServer, type StaticServer } from './static-server';
import { writeWebFixtures, type WebFixtures } from './web-fixtures';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist/web');
const EXTENSION = join(ROOT, 'dist/extension');
const REAL_IN_HOUSE = join(SHARED_FIXTURES, 'profiles/appinfo_embedded.ipa_enterprise_2021_Demo_embedded.mobileprovision');
const REAL_IN_HOUSE_UUID = '1f67e425-350e-434c-9077-9e0791347bbf';
const WAIT_MS = 60_000;

/** 'system': dark preference, setting "Follow the system". 'setting': light preference, setting "Dark". */
type Mode = 'system' | 'setting';
const MODES: readonly Mode[] = ['system', 'setting'];

let files: WebFixtures;
let server: StaticServer;
let browser: Browser;
warnIfSharedFixturesMissing();

beforeAll(async () => {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/web is missing: run `npm run build` first');
  files = await writeWebFixtures();
  server = await startStaticServer({ root: DIST });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (files) rmSync(files.dir, { recursive: true, force: true });
});

/** `now` fixes the page's date (Date only; timers keep running) before its first load. */
async function newContext(mode: Mode, now?: Date): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: mode === 'system' ? 'dark' : 'light' });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  if (now) await page.clock.setFixedTime(now);
  if (mode === 'setting') await chooseDarkSetting(page, `${server.url}#/settings`);
  return { context, page };
}

/** Picks "Dark" in Settings (saved at once) and waits until the page wears it. */
async function chooseDarkSetting(page: Page, settingsUrl: string): Promise<void> {
  await page.goto(settingsUrl);
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
}

/** Waits for the view and for the stored theme to be applied (the setting loads after the first paint). */
async function settle(page: Page, mode: Mode, ready: string): Promise<void> {
  await page.locator(ready).first().waitFor();
  if (mode === 'setting') await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  // Fold-outs open, so what they hide is checked too.
  await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
}

/** Every distinct value html[data-theme] takes from the moment the document is parsed until `ready` shows. */
async function themesFromFirstPaint(page: Page, url: string, ready: string): Promise<string[]> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { themesSeen: seen });
    document.addEventListener('DOMContentLoaded', () => {
      const root = document.documentElement;
      seen.push(String(root.dataset.theme));
      new MutationObserver(() => seen.push(String(root.dataset.theme))).observe(root, { attributeFilter: ['data-theme'] });
    });
  });
  await page.goto(url);
  await page.locator(ready).first().waitFor();
  return [...new Set(await page.evaluate(() => (window as unknown as { themesSeen: string[] }).themesSeen))];
}

async function problemsOf(page: Page, mode: Mode): Promise<string[]> {
  return [...(await axeProblems(page)), ...(await darkModeProblems(page, { systemDark: mode === 'system' })), ...(await focusRingProblems(page))];
}

describe.each(MODES)('the web app in dark mode (%s)', (mode) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await newContext(mode));
    await page.goto(`${server.url}#/import`);
    await page.getByLabel('Choose files').setInputFiles([files.inHouse.path, files.renewal.path, files.development.path, files.broken.path, files.app.path]);
    await page.locator('.progress-report', { hasText: '5 of 5 files read' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it('import, with a finished progress report and its error list', async () => {
    await page.goto(`${server.url}#/import`);
    await page.getByLabel('Choose files').setInputFiles([files.hostile.path, files.broken.path]);
    await page.locator('.progress-report', { hasText: '2 of 2 files read' }).waitFor();
    await settle(page, mode, '.progress-report .failures li');
    expect((await problemsOf(page, mode)).join('\n')).toBe('');
  });

  const views: [string, () => string, string][] = [
    ['library, with rows', () => '#/library', 'tbody tr[data-id]'],
    ['profile, every section', () => `#/profile/${files.inHouse.uuid}`, '.headline'],
    ['compare', () => `#/compare?a=${files.inHouse.uuid}&b=${files.renewal.uuid}`, '.diff'],
    ['settings', () => '#/settings', 'fieldset.theme'],
    ['tenant, before connecting', () => '#/tenant', 'form.connect-token textarea'],
  ];
  for (const [name, hash, ready] of views) {
    it(name, async () => {
      await page.goto(server.url + hash());
      await settle(page, mode, ready);
      expect((await problemsOf(page, mode)).join('\n')).toBe('');
    });
  }

  it('library on a phone (rows as cards)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${server.url}#/library`);
      await settle(page, mode, 'tbody tr[data-id]');
      expect((await problemsOf(page, mode)).join('\n')).toBe('');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  if (mode === 'setting') it('wears the Dark setting from the first paint, before the stored setting has loaded', async () => {
    const fresh = await context.newPage();
    try {
      expect(await themesFromFirstPaint(fresh, `${server.url}#/library`, 'tbody tr[data-id]')).toEqual(['dark']);
    } finally {
      await fresh.close();
    }
  });

  it('app check, with its verdicts', async () => {
    await page.goto(`${server.url}#/app-check`);
    await page.getByLabel('Choose an .ipa').setInputFiles(files.app.path);
    await page.getByLabel(new RegExp(`^${files.renewal.name} \\(library`)).check();
    await page.getByRole('button', { name: 'Check renewal' }).click();
    await expect.poll(() => page.locator('.verdict-card').count()).toBe(2);
    await settle(page, mode, '.verdict-card');
    expect((await problemsOf(page, mode)).join('\n')).toBe('');
  });

  it('apps: the renewal board and one app', async () => {
    await page.goto(`${server.url}#/apps`);
    await settle(page, mode, 'main a[href^="#/apps/"]');
    const problems = await problemsOf(page, mode);
    await page.locator('main a[href^="#/apps/"]').first().click();
    await settle(page, mode, '.app-page');
    problems.push(...(await problemsOf(page, mode)));
    expect(problems.join('\n')).toBe('');
  });

  it('the sample', async () => {
    await page.goto(`${server.url}?sample`);
    await page.waitForURL(/#\/profile\//);
    await settle(page, mode, '.headline');
    expect((await problemsOf(page, mode)).join('\n')).toBe('');
  });
});

describe.runIf(hasSharedFixtures).each(MODES)('the Intune page in dark mode (%s, a real in-house profile)', (mode) => {
  it('walks to the Graph requests with nothing light left', async () => {
    // Every real in-house profile has expired: the page's date is one inside the Demo profile's validity.
    const { context, page } = await newContext(mode, new Date('2021-06-01T00:00:00Z'));
    try {
      await page.goto(`${server.url}#/import`);
      await page.getByLabel('Choose files').setInputFiles([REAL_IN_HOUSE]);
      // One file imported opens its profile.
      await page.waitForURL(/#\/profile\//);
      await page.goto(`${server.url}#/intune/${REAL_IN_HOUSE_UUID}`);
      await settle(page, mode, 'main h1');
      const problems = await problemsOf(page, mode);
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByLabel('Included groups (object IDs)').fill('0b5f2c1e-4d3a-4e8b-9c7d-6a5b4c3d2e1f');
      await page.getByRole('button', { name: 'Next' }).click();
      await settle(page, mode, '[aria-label="Graph requests"]');
      problems.push(...(await problemsOf(page, mode)));
      expect(problems.join('\n')).toBe('');
    } finally {
      await context.close();
    }
  });
});

// The portal panel follows the portal's theme, not the setting: in 'setting' mode the system is light and the portal
// dark, the case where a panel reading prefers-color-scheme alone would come out light.
describe.each(MODES)('the extension in dark mode (%s)', (mode) => {
  let extension: PersistentBrowser;
  let extensionId: string;
  let portal: PortalStandIn;

  beforeAll(async () => {
    if (!existsSync(join(EXTENSION, 'manifest.json'))) throw new Error('dist/extension is missing: run `npm run build` first');
    portal = await startPortalStandIn();
    extension = await launchPersistent({
      extensionPath: EXTENSION,
      args: [`--host-resolver-rules=${ALL_HOSTS.map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`, '--ignore-certificate-errors'],
    });
    const worker = extension.context.serviceWorkers()[0] ?? (await extension.context.waitForEvent('serviceworker', { timeout: WAIT_MS }));
    extensionId = new URL(worker.url()).host;
    const page = await extensionPage('extension/popup/index.html');
    await page.locator('input[type="file"]').setInputFiles([files.inHouse.path, files.development.path]);
    await page.getByRole('list', { name: 'Profiles, those to act on first' }).getByRole('listitem').nth(1).waitFor();
    if (mode === 'setting') await chooseDarkSetting(page, `chrome-extension://${extensionId}/extension/full/index.html#/settings`);
    await page.close();
  }, 180_000);

  afterAll(async () => {
    await extension?.close();
    await portal?.close();
  });

  async function newPage(url: string): Promise<Page> {
    const page = await extension.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.emulateMedia({ colorScheme: mode === 'system' ? 'dark' : 'light' });
    await page.goto(url);
    return page;
  }

  function extensionPage(path: string): Promise<Page> {
    return newPage(`chrome-extension://${extensionId}/${path}`);
  }

  async function panelProblems(scope: Page | Frame): Promise<string[]> {
    await scope.locator('provlens-annotation h2', { hasText: files.inHouse.name }).waitFor();
    return darkModeProblems(scope, { systemDark: mode === 'system', within: 'provlens-annotation' });
  }

  it('the portal panel in a dark React blade (cross-origin frame)', async () => {
    const bladeHost = CLOUDS.global.blade;
    const page = await extension.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.emulateMedia({ colorScheme: mode === 'system' ? 'dark' : 'light' });
    const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => new URL(frame.url()).hostname === bladeHost });
    await page.goto(portal.pageUrl(CLOUDS.global.portal, '/', { theme: 'dark' }));
    const blade = await navigated;
    await blade.locator('#profile-file').setInputFiles(files.inHouse.path);
    expect((await panelProblems(blade)).join('\n')).toBe('');
    await page.close();
  });

  it('the portal panel after a web component, in a dark portal', async () => {
    const page = await newPage(portal.pageUrl(CLOUDS.global.portal, '/shadow.html', { theme: 'dark' }));
    await page.locator('fxs-file-upload input[type="file"]').setInputFiles(files.inHouse.path);
    expect((await panelProblems(page)).join('\n')).toBe('');
    await page.close();
  });

  it('the portal panel in a portal dark by color-scheme alone (every layer transparent)', async () => {
    const page = await newPage(portal.pageUrl(CLOUDS.global.portal, '/hash.html', { theme: 'dark' }));
    await page.locator('#go-create').click();
    await page.locator('#upload').setInputFiles(files.inHouse.path);
    expect((await panelProblems(page)).join('\n')).toBe('');
    await page.close();
  });

  it('the popup, with rows', async () => {
    const page = await extensionPage('extension/popup/index.html');
    await settle(page, mode, 'li[data-id]');
    expect((await problemsOf(page, mode)).join('\n')).toBe('');
    await page.close();
  });

  if (mode === 'setting') it('the popup wears the Dark setting from its first paint', async () => {
    const page = await extension.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await themesFromFirstPaint(page, `chrome-extension://${extensionId}/extension/popup/index.html`, 'li[data-id]')).toEqual(['dark']);
    await page.close();
  });

  for (const [name, hash, ready] of [
    ['the full view: library', '#/library', 'tbody tr[data-id]'],
    ['the full view: a profile', '#/profile/aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa', '.headline'], // web-fixtures' inHouse
    ['the full view: settings', '#/settings', 'fieldset.theme'],
  ] as const) {
    it(name, async () => {
      const page = await extensionPage(`extension/full/index.html${hash}`);
      await settle(page, mode, ready);
      expect((await problemsOf(page, mode)).join('\n')).toBe('');
      await page.close();
    });
  }
});
