// The built Firefox package (dist/extension-firefox) installed as a temporary add-on in Debian's firefox-esr, driven
// over WebDriver BiDi by puppeteer-core. Firefox reaches the stand-in portal under the real Intune host names through
// a local CONNECT proxy (it has no host-resolver switch). Proves what Chromium's tests prove where Firefox differs:
// the content script in a cross-origin frame and a shadow root (Xray wrappers), WebCrypto in a content script, the
// popup's import through the background event page.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatUtc } from '../../core/dates';
import { launchFirefox, type FirefoxWithExtension } from './browser';
import { until } from './poll';
import { startConnectProxy, type ConnectProxy } from './connect-proxy';
import { HELD_OUT, SPECS, dayOf, writeSamples, type Samples } from './extension-samples';
import { CLOUDS, startPortalStandIn, type PortalStandIn } from './portal-standin/server';

const BUILD = resolve(import.meta.dirname, '../../dist/extension-firefox');
const WAIT_MS = 60_000;

let portal: PortalStandIn;
let proxy: ConnectProxy;
let firefox: FirefoxWithExtension;
let samples: Samples;
const pages: Page[] = [];

async function newPage(): Promise<Page> {
  const page = await firefox.browser.newPage();
  page.setDefaultTimeout(WAIT_MS);
  pages.push(page);
  return page;
}

/** The panel's text once its heading names `title`. */
async function annotated(scope: Page | Frame, title: string): Promise<string> {
  await until(scope, (expected) => document.querySelector('provlens-annotation')?.shadowRoot?.querySelector('h2')?.textContent === expected, title, {
    timeoutMs: WAIT_MS,
    what: `the panel titled "${title}"`,
  });
  return scope.evaluate(() => document.querySelector('provlens-annotation')?.shadowRoot?.querySelector('section')?.innerText ?? '');
}

/** A file input, typed for uploadFile. */
async function fileInput(scope: Page | Frame, selector: string): Promise<ElementHandle<HTMLInputElement>> {
  const handle = await scope.waitForSelector(selector, { timeout: WAIT_MS });
  if (!handle) throw new Error(`no ${selector}`);
  return handle as ElementHandle<HTMLInputElement>;
}

/** The same in one of the add-on's own pages, whose CSP a waitFor* helper must not depend on (./poll.ts). */
async function extensionFileInput(page: Page, selector: string): Promise<ElementHandle<HTMLInputElement>> {
  await until(page, (wanted) => document.querySelector(wanted ?? '') !== null, selector, { timeoutMs: WAIT_MS, what: selector });
  const handle = await page.$(selector);
  if (!handle) throw new Error(`no ${selector}`);
  return handle as ElementHandle<HTMLInputElement>;
}

/**
 * Opens one of the add-on's own pages once it shows `selector`. Firefox serves a freshly installed temporary
 * add-on's moz-extension:// pages only once the add-on has started, a moment after installExtension resolves, and
 * BiDi never reports such a navigation as finished: so the test waits for the page's content, opening it again in a
 * new tab while the add-on is still starting, until WAIT_MS has passed.
 */
async function openExtensionPage(path: string, selector: string): Promise<Page> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const page = await newPage();
    void page.goto(`${firefox.extensionOrigin}${path}`, { timeout: WAIT_MS }).catch(() => undefined);
    const found = await until(page, (wanted) => document.querySelector(wanted ?? '') !== null, selector, { timeoutMs: 10_000, what: selector }).then(
      () => true,
      () => false,
    );
    if (found) return page;
    if (Date.now() > deadline) throw new Error(`${path} did not show ${selector} within ${WAIT_MS} ms`);
    await page.close();
  }
}

async function openBlade(query: Record<string, string> = {}): Promise<Frame> {
  const page = await newPage();
  await page.goto(portal.pageUrl(CLOUDS.global.portal, '/', query));
  const frame = await page.waitForFrame((candidate) => candidate.url().startsWith(`https://${CLOUDS.global.blade}:`), { timeout: WAIT_MS });
  await frame.waitForSelector('#profile-file', { timeout: WAIT_MS });
  return frame;
}

beforeAll(async () => {
  if (!existsSync(join(BUILD, 'manifest.json'))) throw new Error('dist/extension-firefox is missing: run `npm run build` first');
  const { browser_specific_settings: settings } = JSON.parse(readFileSync(join(BUILD, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  samples = await writeSamples();
  portal = await startPortalStandIn();
  proxy = await startConnectProxy(portal.port);
  firefox = await launchFirefox({ extensionPath: BUILD, extensionId: settings.gecko.id, proxyPort: proxy.port });
});

afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close().catch(() => undefined)));
});

afterAll(async () => {
  await firefox?.close();
  await proxy?.close();
  await portal?.close();
  samples?.close();
});

describe('the extension in Firefox ESR', () => {
  it('annotates the React blade in a cross-origin frame and compares the portal\'s Expiration date', async () => {
    const blade = await openBlade({ expiry: dayOf(SPECS.inHouse.expiresAt) });
    await (await fileInput(blade, '#profile-file')).uploadFile(samples.path.inHouse);
    const text = await annotated(blade, 'Field Sales In-House');
    expect(text).toContain("Not signed by Apple: Intune's iOS app provisioning profiles push cannot use this file.");
    expect(text).toContain(`${formatUtc(SPECS.inHouse.expiresAt.toISOString())} (200 days left)`);
    expect(await blade.evaluate(() => (document.querySelector('#profile-file') as HTMLInputElement).files?.[0]?.name)).toBe('inHouse.mobileprovision');
    await until(
      blade,
      () => document.querySelector('provlens-annotation')?.shadowRoot?.querySelector('dd[data-portal-expiry]')?.getAttribute('data-agrees') === 'true',
      null,
      { timeoutMs: WAIT_MS, what: "the panel's agreement with the portal's Expiration date" },
    );
    // Only the portal's own hosts were asked for, all through the proxy.
    expect(new Set(proxy.tunnels.filter((target) => !target.startsWith('firefox.settings.') && !target.includes('mozilla')).map((target) => target.split(':')[0]))).toEqual(
      new Set([CLOUDS.global.portal, CLOUDS.global.blade]),
    );
  });

  it('verifies a real Apple-signed in-house profile in the content script and says it expired', async () => {
    if (!HELD_OUT.available) throw new Error('../shared/fixtures is missing: the held-out real profile cannot be checked');
    const blade = await openBlade();
    await (await fileInput(blade, '#profile-file')).uploadFile(HELD_OUT.path);
    const text = await annotated(blade, HELD_OUT.name);
    expect(text).toMatch(/Expired: Intune's iOS app provisioning profiles push cannot use this file\./);
    expect(text).toContain('Signed by Apple (verified on this device)');
  });

  it('annotates a control in a web component\'s shadow root', async () => {
    const page = await newPage();
    await page.goto(portal.pageUrl(CLOUDS.global.portal, '/shadow.html'));
    const input = await fileInput(page, 'fxs-file-upload >>> input[type="file"]');
    // The admin reaches the picker through the component's button; Firefox then fires the input's events only
    // inside the shadow root. WebDriver's file upload skips the picker, so a press on the button (released only
    // after the upload, so the page's click handler never opens a real picker) stands in for the click.
    const button = await page.waitForSelector('fxs-file-upload >>> button', { timeout: WAIT_MS });
    const box = await button!.boundingBox();
    if (!box) throw new Error('the component has no visible button');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await input.uploadFile(samples.path.development);
    const text = await annotated(page, 'Field Sales Development');
    expect(text).toMatch(/Not signed by Apple · Not in-house: /);
    expect(await page.evaluate(() => document.querySelector('fxs-file-upload')?.nextElementSibling?.localName)).toBe('provlens-annotation');
  });

  it('imports from the popup and lists the profile there', async () => {
    const popup = await openExtensionPage('/extension/popup/index.html', 'input[type="file"]');
    await (await extensionFileInput(popup, 'input[type="file"]')).uploadFile(samples.path.expiring);
    // The popup is a moz-extension:// page: its CSP blocks puppeteer's waitForFunction, so these waits poll (./poll.ts).
    await until(popup, () => [...document.querySelectorAll('[role="status"]')].some((status) => status.textContent === 'Imported 1 of 1.'), null, {
      timeoutMs: WAIT_MS,
      what: 'the popup to say "Imported 1 of 1."',
    });
    await until(popup, () => document.body.innerText.includes('Warehouse Scanner In-House'), null, { timeoutMs: WAIT_MS, what: 'the imported profile in the popup list' });
    expect(await popup.evaluate(() => document.body.innerText)).toMatch(/Warehouse Scanner In-House\s+Not signed by Apple/);
  });
});
