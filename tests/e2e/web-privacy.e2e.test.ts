// Privacy and offline use of the built site in real Chromium, hosted under a sub-path: every request the browser makes
// (page and service worker) is recorded and must go to the page's own origin; the page runs under its CSP without a
// single violation, checking an .ipa included (its digests are WebAssembly); after one visit the site reloads with the
// server refusing everything, library included. The CSP lets the page reach exactly the four Microsoft clouds' sign-in
// and Graph hosts besides itself, for the tenant board, and the board asks nothing of them until the admin connects
// (tests/e2e of the board itself prove what it sends).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useWebCrypto } from '../../core/cms/crypto';
import { CLOUDS } from '../../core/export/clouds';
import { makeApp } from '../fixtures/app-factory';
import { makeProfile, sharedTestPki } from '../fixtures/factory';
import { APP_ID, appFixtures } from '../core/app/app-fixtures';
import { launchBrowser } from './browser';
import { startStaticServer, type StaticServer } from './static-server';

const DIST = resolve(import.meta.dirname, '../../dist/web');
const PROFILE_NAME = 'Privacy Check In-House';
const SECOND_NAME = 'Imported While Offline';

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let profilePath: string;
let secondProfilePath: string;
let appPath: string;
const offline = { value: false };
const browserRequests: string[] = [];
const cspViolations: string[] = [];
const temp = mkdtempSync(join(tmpdir(), 'provlens-privacy-'));

beforeAll(async () => {
  useWebCrypto(globalThis.crypto);
  profilePath = join(temp, 'privacy-check.mobileprovision');
  const bytes = await makeProfile(await sharedTestPki(), { type: 'enterprise', name: PROFILE_NAME });
  writeFileSync(profilePath, bytes);
  secondProfilePath = join(temp, 'offline.mobileprovision');
  const second = await makeProfile(await sharedTestPki(), {
    type: 'enterprise',
    name: SECOND_NAME,
    uuid: '0ff11e00-0000-4000-8000-000000000001',
  });
  writeFileSync(secondProfilePath, second);
  const f = await appFixtures();
  appPath = join(temp, 'field.ipa');
  writeFileSync(appPath, await makeApp({ bundles: [{ path: 'Payload/Field.app/', bundleId: APP_ID, profile: await f.profile(), resources: { 'Assets.car': new Uint8Array(100_000).fill(7) }, executableContent: f.machO(f.developer) }] }));
  server = await startStaticServer({ root: DIST, offline });
  browser = await launchBrowser();
  context = await browser.newContext();
  // Page, worker and service-worker requests all surface here, including ones that would fail.
  context.on('request', (request) => browserRequests.push(request.url()));
  page = await context.newPage();
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  rmSync(temp, { recursive: true, force: true });
});

/** The hosts the tenant board may reach: each cloud's sign-in and Graph host, nothing else. */
const MICROSOFT_ORIGINS = [
  'https://login.microsoftonline.com',
  'https://login.microsoftonline.us',
  'https://login.partner.microsoftonline.cn',
  'https://login.chinacloudapi.cn',
  'https://graph.microsoft.com',
  'https://graph.microsoft.us',
  'https://dod-graph.microsoft.us',
  'https://microsoftgraph.chinacloudapi.cn',
];

function cspOf(file: string): Map<string, string[]> {
  const html = readFileSync(join(DIST, file), 'utf8');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  return new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name = '', ...values]) => [name, values]));
}

function foreignRequests(): string[] {
  return browserRequests.filter((url) => !url.startsWith(`${server.origin}/`) && !/^(data|blob):/.test(url));
}

describe('the built site keeps everything on the device', () => {
  it('ships a strict CSP whose only other origins are the Microsoft clouds\' sign-in and Graph hosts, and an installable manifest', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const csp = cspOf('index.html');
    expect(csp.get('default-src')).toEqual(["'self'"]);
    // WebAssembly compilation only (the app check's digests), never eval.
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", ...MICROSOFT_ORIGINS]);
    // The list is every cloud's hosts (core/export/clouds.ts), no more and no fewer.
    const clouds = new Set(Object.values(CLOUDS).flatMap((cloud) => [cloud.signInRoot, ...cloud.signInAliases, cloud.graphRoot]));
    expect([...clouds].sort()).toEqual([...MICROSOFT_ORIGINS].sort());
    for (const [name, values] of csp) {
      // 'wasm-unsafe-eval' (WebAssembly compilation) is allowed above; plain 'unsafe-eval' never is.
      expect(values.join(' '), name).not.toMatch(/unsafe-inline|(?<!wasm-)unsafe-eval|\*/);
      if (name !== 'connect-src') expect(values.join(' '), name).not.toMatch(/https?:/);
    }
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

    // The sign-in redirect bridge contacts nothing at all.
    const bridge = cspOf('auth/redirect.html');
    expect(bridge.get('connect-src')).toEqual(["'self'"]);
    expect([...bridge.values()].flat().join(' ')).not.toMatch(/https?:|unsafe-inline|unsafe-eval|\*/);

    const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.webmanifest'), 'utf8')) as {
      start_url: string;
      scope: string;
      icons: { src: string; sizes: string }[];
    };
    expect([manifest.start_url, manifest.scope]).toEqual(['./', './']);
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.every((icon) => !icon.src.startsWith('/'))).toBe(true);
  });

  it('loads under a sub-path, says nothing leaves the device, and gets a service worker', async () => {
    await page.goto(server.url);
    await page.getByText(/nothing leaves this device/i).first().waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(server.url);
  });

  it('imports a profile with every request going to its own origin and no CSP violation', async () => {
    await page.goto(`${server.url}#/import`);
    await page.locator('input[type="file"]').first().setInputFiles(profilePath);
    await page.getByText(PROFILE_NAME).first().waitFor({ timeout: 30_000 });
    await page.goto(`${server.url}#/library`);
    await page.getByText(PROFILE_NAME).first().waitFor();

    expect(browserRequests.length).toBeGreaterThan(3);
    expect(foreignRequests()).toEqual([]);
    expect(server.requests.every((path) => path.startsWith('/some/sub/path/'))).toBe(true);
    expect(cspViolations).toEqual([]);
  });

  it('opens the tenant board without asking any server anything before Connect', async () => {
    const before = browserRequests.length;
    await page.goto(`${server.url}#/tenant`);
    await page.getByRole('button', { name: 'Connect' }).waitFor();
    const token = page.getByLabel('Access token');
    expect(await token.evaluate((element) => [element.tagName, element.getAttribute('autocomplete'), element.getAttribute('spellcheck')])).toEqual(['TEXTAREA', 'off', 'false']);
    await token.fill('not yet sent anywhere');
    await page.getByRole('link', { name: 'Library' }).click();
    await page.getByText(PROFILE_NAME).first().waitFor();
    expect(browserRequests.slice(before).every((url) => url.startsWith(`${server.origin}/`))).toBe(true);
    expect(foreignRequests()).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it("checks an app in the App check view (in a decode worker, the page able to compile WebAssembly) with no CSP violation", async () => {
    await page.goto(`${server.url}#/app-check`);
    await page.locator('input[type="file"]').first().setInputFiles(appPath);
    await page.getByRole('cell', { name: APP_ID, exact: true }).waitFor({ timeout: 30_000 });
    // The page may compile WebAssembly (what the check's digests need), and did so without a violation.
    const compiled = await page.evaluate(async () => (await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))) instanceof WebAssembly.Module);
    expect(compiled).toBe(true);
    expect(cspViolations).toEqual([]);
    expect(foreignRequests()).toEqual([]);
  });

  it('reloads offline from the service worker, with the library still there and the decoder still loadable', async () => {
    await page.goto(`${server.url}#/library`);
    offline.value = true;
    await context.setOffline(true);
    const before = server.requests.length;
    try {
      // A real reload (a hash change alone would not touch the network).
      await page.reload();
      await page.getByText(PROFILE_NAME).first().waitFor({ timeout: 30_000 });
      await page.getByText(/nothing leaves this device/i).first().waitFor();
      // This page load has not fetched the lazy decoder chunk yet: importing offline proves it was precached.
      await page.goto(`${server.url}#/import`);
      await page.locator('input[type="file"]').first().setInputFiles(secondProfilePath);
      await page.getByText(SECOND_NAME).first().waitFor({ timeout: 30_000 });
      // The sign-in bridge is its own page, not the app: Microsoft's answer must reach MSAL's bridge code.
      const bridge = await context.newPage();
      await bridge.goto(`${server.url}auth/redirect.html?state=none`);
      // MSAL's bridge code ran (it retitles the page) and, with no sign-in to finish, the page says so.
      await bridge.locator('#bridge-status', { hasText: 'only finishes a sign-in started from ProvLens' }).waitFor();
      expect(await bridge.title()).toBe('Microsoft Authentication');
      expect(await bridge.locator('nav').count()).toBe(0);
      await bridge.close();
    } finally {
      await context.setOffline(false);
      offline.value = false;
    }
    expect(server.requests.slice(before).filter((path) => !path.endsWith('/sw.js'))).toEqual([]);
    expect(foreignRequests()).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
