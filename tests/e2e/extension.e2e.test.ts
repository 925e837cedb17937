// The built extension (dist/extension) in real headless Chromium, on local stand-ins for the Intune portal served
// under the real host names (tests/e2e/portal-standin: each page says which parts are documented and which are
// guesses). Every test opens its own page and waits on conditions only; the browser and its extension are shared.
// Screenshots of each markup go to tests/e2e/.artifacts.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Frame, Locator, Page, Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatUtc } from '../../core/dates';
import { launchPersistent, type PersistentBrowser } from './browser';
import { ALTERED_APP, HELD_OUT, HOSTILE_NAME, SPECS, dayOf, screenshot, writeSamples, type Samples } from './extension-samples';
import { ALL_HOSTS, CLOUDS, startPortalStandIn, type PortalStandIn } from './portal-standin/server';

// The part of Chrome's extension API the assertions call inside the service worker.
declare const chrome: { action: { getBadgeText(details: object): Promise<string>; getBadgeBackgroundColor(details: object): Promise<number[]> } };

const ROOT = resolve(import.meta.dirname, '../..');
const CHROME_BUILD = join(ROOT, 'dist/extension');
const FIREFOX_BUILD = join(ROOT, 'dist/extension-firefox');
/** Waits are bound to conditions; this only caps how long a condition may take on a busy 2-core machine. */
const WAIT_MS = 60_000;

let portal: PortalStandIn;
let browser: PersistentBrowser;
let worker: Worker;
let extensionId: string;
let samples: Samples;
const pages: Page[] = [];

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  pages.push(page);
  return page;
}

/** Opens a shell page and returns the React blade's cross-origin frame once its form is there. */
async function openBlade(query: Record<string, string> = {}, host: string = CLOUDS.global.portal): Promise<{ page: Page; blade: Frame }> {
  const page = await newPage();
  const bladeHost = query.blade ?? CLOUDS.global.blade;
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => new URL(frame.url()).hostname === bladeHost, timeout: WAIT_MS });
  await page.goto(portal.pageUrl(host, '/', query));
  const blade = await navigated;
  await blade.locator('#profile-file').waitFor({ state: 'attached' });
  return { page, blade };
}

function panel(scope: Page | Frame): Locator {
  return scope.locator('provlens-annotation section');
}

/** The panel's text once it names `title` (the busy state has no heading). */
async function annotated(scope: Page | Frame, title: string): Promise<string> {
  await scope.locator('provlens-annotation h2', { hasText: title }).waitFor();
  return panel(scope).innerText();
}

beforeAll(async () => {
  if (!existsSync(join(CHROME_BUILD, 'manifest.json'))) throw new Error('dist/extension is missing: run `npm run build` first');
  samples = await writeSamples();
  portal = await startPortalStandIn();
  browser = await launchPersistent({
    extensionPath: CHROME_BUILD,
    args: [`--host-resolver-rules=${ALL_HOSTS.map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`, '--ignore-certificate-errors'],
  });
  worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker', { timeout: WAIT_MS }));
  extensionId = new URL(worker.url()).host;
});

// A failed test leaves no page behind for the next one.
afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close().catch(() => undefined)));
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  samples?.close();
});

describe('the extension in portal markups it was not tuned on (Chromium)', () => {
  it('annotates the React blade in a cross-origin frame, leaves the portal its file, and asks no one', async () => {
    const { page, blade } = await openBlade({ expiry: dayOf(SPECS.inHouse.expiresAt) });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await blade.locator('#profile-file').setInputFiles(samples.path.inHouse);
    const text = await annotated(blade, 'Field Sales In-House');
    // The test CA is not Apple's: the verdict says so first, never "ready for Intune".
    expect(text).toContain("Not signed by Apple: Intune's iOS app provisioning profiles push cannot use this file.");
    expect(text).toContain(`Expiration date Intune will use\n${formatUtc(SPECS.inHouse.expiresAt.toISOString())} (200 days left)`);
    expect(text).toContain('In-house (enterprise)');
    expect(text).toContain('TESTTEAM01.com.example.provlens');
    expect(await blade.locator('#profile-file').evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe('inHouse.mobileprovision');
    expect(await blade.locator('#chosen-name').textContent()).toBe('inHouse.mobileprovision');
    expect(await blade.evaluate(() => document.body.dataset.submitted)).toBeUndefined();
    // The portal fills its own Expiration date a moment later (a property set, no event): the panel notices.
    await blade.locator('dd[data-portal-expiry][data-agrees="true"]').waitFor();
    expect(await blade.locator('dd[data-portal-expiry]').textContent()).toBe(`${dayOf(SPECS.inHouse.expiresAt)} (the same day as the file)`);
    expect(requests.filter((url) => /^https?:/.test(url) && !ALL_HOSTS.includes(new URL(url).hostname))).toEqual([]);
    expect(portal.requests.filter((request) => !/ \/(blade\.html|favicon\.ico)?$/.test(request))).toEqual([]);
    await screenshot(page, 'chromium-react-frame');
  });

  it('tells the truth about a real, Apple-signed in-house profile that expired, and a portal date that differs', async () => {
    if (!HELD_OUT.available) throw new Error('../shared/fixtures is missing: the held-out real profile cannot be checked');
    const { page, blade } = await openBlade({ expiry: '2021-12-25' });
    await blade.locator('#profile-file').setInputFiles(HELD_OUT.path);
    const text = await annotated(blade, HELD_OUT.name);
    expect(text.split('\n')[2]).toBe("Expired: Intune's iOS app provisioning profiles push cannot use this file.");
    expect(text).toContain('Signed by Apple (verified on this device)');
    expect(text).toContain('2020-12-25 09:55 UTC (expired');
    expect(text).not.toMatch(/Ready for Intune/);
    await blade.locator('dd[data-portal-expiry][data-agrees="false"]').waitFor();
    expect(await panel(blade).getAttribute('data-tone')).toBe('error');
    await screenshot(page, 'chromium-held-out-expired');
  });

  it("heads an .ipa changed after signing 'App modified' and names the file, before the profile's own verdict", async () => {
    const { page, blade } = await openBlade();
    await blade.locator('#profile-file').setInputFiles(samples.alteredApp);
    const text = await annotated(blade, ALTERED_APP.name);
    expect(text.split('\n')[2]).toBe('App modified · Not signed by Apple: no profile Intune pushes can keep this app launching.');
    expect(text).toContain(`Installation file integrity\nMODIFIED after signing: iOS and Intune will refuse it. ${ALTERED_APP.resource} does not match the hash sealed in CodeResources`);
    // Its embedded profile is the test CA's, which grants nothing on a device: what it covers is not known.
    expect(text).toContain('Capabilities enforcement\nUnknown: the embedded profile is not a verified, Apple-signed profile (untrusted: not signed by Apple');
    expect(await panel(blade).locator('li').first().getAttribute('data-code')).toBe('app-modified');
    expect(await panel(blade).getAttribute('data-tone')).toBe('error');
    await screenshot(page, 'chromium-altered-app');
  });

  it('annotates a control inside a web component\'s shadow root, after the component', async () => {
    const page = await newPage();
    await page.goto(portal.pageUrl(CLOUDS.global.portal, '/shadow.html'));
    await page.locator('fxs-file-upload input[type="file"]').setInputFiles(samples.path.development);
    const text = await annotated(page, 'Field Sales Development');
    expect(text).toMatch(/^Field Sales Development\n+Not signed by Apple · Not in-house: /);
    expect(await page.locator('fxs-file-upload + provlens-annotation').count()).toBe(1);
    expect(await page.evaluate(() => document.body.dataset.portalSawFile)).toBe('true');
    await screenshot(page, 'chromium-shadow-root');
  });

  it('annotates a hash-routed single document with the caption far from the control, and leaves other files alone', async () => {
    const page = await newPage();
    await page.goto(portal.pageUrl(CLOUDS.global.portal, '/hash.html', { expiry: '2031-01-01' }));
    await page.locator('#go-create').click();
    await page.locator('#upload').setInputFiles(samples.path.tampered);
    const text = await annotated(page, 'Tampered In-House');
    expect(text).toMatch(/^Tampered In-House\n+Tampered: /);
    expect(text).toContain('INVALID: the content does not match its signature');
    await page.locator('dd[data-portal-expiry][data-agrees="false"]').waitFor();
    await screenshot(page, 'chromium-hash-route');
    // Another kind of file on the same control takes the panel down; the decoder is not asked.
    await page.locator('#upload').setInputFiles(samples.other);
    await page.locator('provlens-annotation').waitFor({ state: 'detached' });
  });

  it('fits a 420 px dark frame: dark panel in the portal\'s colours, labels above values, nothing overflows', async () => {
    const { page, blade } = await openBlade({ theme: 'dark', width: '420' });
    await blade.locator('#profile-file').setInputFiles(samples.path.expiring);
    await annotated(blade, 'Warehouse Scanner In-House');
    const layout = await panel(blade).evaluate((section) => {
      const style = getComputedStyle(section);
      const host = (section.getRootNode() as ShadowRoot).host;
      const list = section.querySelector('dl')!;
      const values = [...section.querySelectorAll('dd')].map((dd) => dd.getBoundingClientRect().width);
      return {
        background: style.backgroundColor,
        color: style.color,
        scheme: section.dataset.scheme,
        columns: getComputedStyle(list).gridTemplateColumns.split(' ').length,
        narrowestValue: Math.min(...values),
        overflow: [host, section, list].map((element) => element.scrollWidth - element.clientWidth),
        hostWidth: host.getBoundingClientRect().width,
        frameOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    });
    expect(layout).toMatchObject({ background: 'rgb(27, 26, 25)', color: 'rgb(243, 242, 241)', scheme: 'dark', columns: 1 });
    expect(layout.hostWidth).toBeLessThanOrEqual(420);
    expect(layout.narrowestValue).toBeGreaterThan(250);
    expect(layout.overflow).toEqual([0, 0, 0]);
    expect(layout.frameOverflow).toBe(0);
    await screenshot(page, 'chromium-420px-dark');
  });

  it('uses the system colours in forced-colors (high contrast) mode', async () => {
    const { page, blade } = await openBlade();
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    await blade.locator('#profile-file').setInputFiles(samples.path.inHouse);
    await annotated(blade, 'Field Sales In-House');
    const colours = await panel(blade).evaluate((section) => {
      const probe = document.createElement('span');
      probe.style.color = 'CanvasText';
      probe.style.backgroundColor = 'Canvas';
      document.body.append(probe);
      const system = getComputedStyle(probe);
      const style = getComputedStyle(section);
      const result = {
        forced: matchMedia('(forced-colors: active)').matches,
        sameText: style.color === system.color,
        sameBorder: style.borderLeftColor === system.color,
      };
      probe.remove();
      return result;
    });
    expect(colours).toEqual({ forced: true, sameText: true, sameBorder: true });
    await screenshot(page, 'chromium-forced-colors');
  });

  for (const cloud of ['usGovernment', 'china'] as const) {
    it(`annotates on the ${cloud === 'china' ? '21Vianet (China)' : 'US Government'} cloud's hosts`, async () => {
      const { portal: host, blade: bladeHost } = CLOUDS[cloud];
      const { page, blade } = await openBlade({ blade: bladeHost }, host);
      await blade.locator('#profile-file').setInputFiles(samples.path.expiring);
      expect(await annotated(blade, 'Warehouse Scanner In-House')).toContain('(5 days left)');
      await page.locator('#classic-profile-file').setInputFiles(samples.path.development);
      expect(await annotated(page, 'Field Sales Development')).toContain('Development (not in-house)');
      await screenshot(page, `chromium-${cloud}`);
    });
  }

  it('shows a hostile name as text and runs nothing', async () => {
    const { blade } = await openBlade();
    const dialogs: string[] = [];
    blade.page().on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await blade.locator('#profile-file').setInputFiles(samples.path.hostile);
    await annotated(blade, HOSTILE_NAME);
    expect(await blade.locator('provlens-annotation h2').textContent()).toBe(HOSTILE_NAME);
    expect(await blade.evaluate(() => document.querySelector('provlens-annotation')?.shadowRoot?.querySelectorAll('img').length)).toBe(0);
    expect(await blade.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
    expect(dialogs).toEqual([]);
  });
});

describe('the extension library from the portal and the popup (Chromium)', () => {
  it('saves from the panel; the popup lists it with days left, and the badge leaves test-CA profiles out', async () => {
    const { blade } = await openBlade();
    for (const [path, name] of [[samples.path.inHouse, 'Field Sales In-House'], [samples.path.expiring, 'Warehouse Scanner In-House']] as const) {
      await blade.locator('#profile-file').setInputFiles(path);
      await annotated(blade, name);
      await blade.getByRole('button', { name: 'Save to ProvLens library' }).click();
      await blade.locator('provlens-annotation .status', { hasText: /(Saved to|Already in) your ProvLens library\./ }).waitFor();
    }
    const popup = await newPage();
    await popup.goto(`chrome-extension://${extensionId}/extension/popup/index.html`);
    const rows = popup.getByRole('list', { name: 'Profiles, those to act on first' }).getByRole('listitem');
    await rows.filter({ hasText: 'Warehouse Scanner In-House' }).waitFor();
    // The core verdict's words and the one date style (issue 11); the test CA is not Apple, so neither counts for Intune.
    expect(await rows.allInnerTexts()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Warehouse Scanner In-House\s+Not signed by Apple\s+stops launching \d{1,2} \w{3} \d{4}, \d\d:\d\d \S+ · 5 days left · TESTTEAM01\.com\.example\.warehouse$/),
        expect.stringMatching(/^Field Sales In-House\s+Not signed by Apple\s+stops launching \d{1,2} \w{3} \d{4}, \d\d:\d\d \S+ · 200 days left · TESTTEAM01\.com\.example\.provlens$/),
      ]),
    );
    expect(await popup.getByTestId('need-action').textContent()).toMatch(/^\d+ profiles; no in-house profile needs pushing within 30 days\.$/);
    // The badge counts only profiles Intune can push, and test-CA files are not; the counting itself (amber, red,
    // renewals, snooze) is covered on the real store in tests/extension/background.test.ts.
    expect(await worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
  });

  it('imports from the popup, decoding there and storing through the background', async () => {
    const popup = await newPage();
    await popup.goto(`chrome-extension://${extensionId}/extension/popup/index.html`);
    await popup.locator('input[type="file"]').setInputFiles([samples.path.development, samples.path.tampered]);
    await popup.getByRole('status').filter({ hasText: 'Imported' }).waitFor();
    // A tampered file still decodes (its verdict is 'invalid'), so it is stored and shown for what it is.
    expect(await popup.getByRole('status').textContent()).toBe('Imported 2 of 2.');
    await popup.getByText('Field Sales Development').waitFor();
    expect(await popup.getByTestId('need-action').textContent()).toMatch(/^\d+ profiles; no in-house profile needs pushing within 30 days\.$/);
    expect(await worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
  });

  it("opens the web app's views on the extension's own library", async () => {
    const full = await newPage();
    const errors: string[] = [];
    full.on('pageerror', (error) => errors.push(error.message));
    await full.goto(`chrome-extension://${extensionId}/extension/full/index.html#/library`);
    await full.locator('body').waitFor();
    await full.getByRole('heading').first().waitFor();
    // The tenant board is the web app's: here the Tenant item says so, and the extension ships none of its views or
    // MSAL (the core it shares with the site carries the board's pure model, which nothing here calls).
    await full.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenant' }).click();
    await full.getByText('The tenant board runs in the ProvLens web app, not in the extension').waitFor();
    expect(await full.getByRole('button', { name: 'Connect' }).count()).toBe(0);
    const built = readdirSync(join(CHROME_BUILD, 'assets')).map((file) => readFileSync(join(CHROME_BUILD, 'assets', file), 'utf8'));
    expect(built.some((code) => code.includes('@azure/msal-browser'))).toBe(false);
    expect(built.some((code) => code.includes('Send to Intune'))).toBe(false);
    expect(errors).toEqual([]);
  });
});

describe('content script budget', () => {
  const gzipKb = (file: string) => gzipSync(readFileSync(join(CHROME_BUILD, file))).length / 1024;
  const staticImports = (file: string) =>
    [...readFileSync(join(CHROME_BUILD, file), 'utf8').matchAll(/from\s*"\.\/([^"]+\.js)"/g)].map((match) => `assets/${match[1]}`);

  it('loads only the small listener (≤ 15 KB gzip) until a profile is chosen, and ≤ 120 KB with the decoder', () => {
    const built = JSON.parse(readFileSync(join(CHROME_BUILD, 'manifest.json'), 'utf8')) as {
      content_scripts: { js: string[] }[];
      web_accessible_resources: { resources: string[] }[];
    };
    const loader = built.content_scripts[0]?.js[0] ?? '';
    const entry = /getURL\("([^"]+)"\)/.exec(readFileSync(join(CHROME_BUILD, loader), 'utf8'))?.[1] ?? '';
    const eager = [loader, entry, ...staticImports(entry)];
    // crxjs lists every chunk a content script can import (statically or lazily) as a web-accessible resource.
    const everything = [loader, ...new Set(built.web_accessible_resources.flatMap((resource) => resource.resources))];
    const eagerKb = eager.reduce((sum, file) => sum + gzipKb(file), 0);
    const totalKb = everything.reduce((sum, file) => sum + gzipKb(file), 0);
    console.log(`content script gzip: ${eagerKb.toFixed(1)} KB at page load, ${totalKb.toFixed(1)} KB with the decoder`);
    expect(everything).toContain(entry);
    expect(eager.some((file) => /annotate-upload/.test(file))).toBe(false);
    expect(totalKb).toBeLessThanOrEqual(120);
    expect(eagerKb).toBeLessThanOrEqual(15);
  });
});

describe('store packages', () => {
  // addons-linter takes ~40 s on this 2-core machine.
  for (const [target, build] of [['Chrome', CHROME_BUILD], ['Firefox', FIREFOX_BUILD]] as const) {
    it(`${target} package passes web-ext lint with 0 errors and only the known warnings`, { timeout: 240_000 }, async () => {
      if (!existsSync(join(build, 'manifest.json'))) throw new Error(`${build} is missing: run \`npm run build\``);
      const report = await webExtLint(build);
      expect(report.errors).toEqual([]);
      expect(report.warnings.filter((warning) => !KNOWN_WARNING[warning.code]?.test(warning.file ?? ''))).toEqual([]);
    });
  }
});

/** Lint warnings that are understood, by code, with the files they may come from. */
const KNOWN_WARNING: Readonly<Record<string, RegExp>> = {
  // Preact's renderer keeps a dangerouslySetInnerHTML branch; ProvLens never uses it (eslint forbids innerHTML).
  // extension/vite.extension.ts gives Preact a chunk of its own, named "preact".
  UNSAFE_VAR_ASSIGNMENT: /^assets\/preact-[\w-]+\.js$/,
  // The Chrome package declares a service worker for Chrome and background scripts for Firefox; Firefox says it
  // ignores the first, which is the point.
  BACKGROUND_SERVICE_WORKER_IGNORED: /^manifest\.json$/,
};

interface LintReport {
  errors: { code: string; message: string; file?: string }[];
  warnings: { code: string; message: string; file?: string }[];
}

async function webExtLint(sourceDir: string): Promise<LintReport> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { stdout } = await promisify(execFile)('npx', ['web-ext', 'lint', '--source-dir', sourceDir, '--output', 'json'], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const report = JSON.parse(stdout) as LintReport;
  const brief = (items: LintReport['errors']) => items.map(({ code, message, file }) => ({ code, message, file }));
  return { errors: brief(report.errors), warnings: brief(report.warnings) };
}
