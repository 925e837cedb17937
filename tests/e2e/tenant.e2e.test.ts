// The tenant board (#/tenant, issue 18) in the built site, real Chromium, against the Graph stand-in reached under
// graph.microsoft.com (--host-resolver-rules + --ignore-certificate-errors). The stand-in's tenant carries real
// in-house profiles from ../shared (June 2020, one tampered at test time) and the page's clock is fixed at
// 2020-06-28 12:00 UTC (Date only; timers run), inside every one of them. Each test has its own browser context (its
// own library, storage and clock) and a freshly reset stand-in; the browser, the stand-in and the site are shared.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedFixtures, warnIfSharedFixturesMissing } from '../shared-fixtures';
import { axeProblems } from './axe';
import { CHROMIUM, CHROMIUM_ARGS } from './browser';
import { darkModeProblems } from './dark-colours';
import { unknownProperties } from './graph-standin/graph-types';
import { GROUP_NAMES, IDS, PROFILE_FILES, STORE_GROUPS, TENANT_NOW, june2020Tenant } from './graph-standin/june-2020-tenant';
import { startGraphStandIn, type GraphStandIn } from './graph-standin/server';
import { READ_ONLY_SCOPES, READ_WRITE_SCOPES, makeToken } from './graph-standin/tokens';
import { pageStorage, whereFound } from './page-storage';
import { startStaticServer, type StaticServer } from './static-server';

const DIST = resolve(import.meta.dirname, '../../dist/web');
const HOUR = 3_600_000;
const GRAPH = 'https://graph.microsoft.com';
const WIRELESS_URL = `${GRAPH}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${IDS.configurations.wireless}`;

let standIn: GraphStandIn;
let server: StaticServer;
let browser: Browser;
warnIfSharedFixturesMissing();

/** One test's browser context: its page, every request the page (or its service worker) made, and its console. */
interface Session {
  context: BrowserContext;
  page: Page;
  requests: string[];
  console: string[];
}

let session: Session | null = null;

async function openSession(options: { width?: number; height?: number; dark?: boolean } = {}): Promise<Session> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.dark ? 'dark' : 'light',
    timezoneId: 'UTC',
    acceptDownloads: true,
  });
  const requests: string[] = [];
  const consoleLines: string[] = [];
  context.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
  const page = await context.newPage();
  page.on('console', (message) => consoleLines.push(message.text()));
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
  await page.clock.setFixedTime(TENANT_NOW);
  session = { context, page, requests, console: consoleLines };
  return session;
}

/** A token the stand-in accepts, valid for an hour of the tenant's clock. */
function token(scopes: readonly string[]): string {
  const value = makeToken({ scopes, expiresAt: new Date(TENANT_NOW.getTime() + HOUR) });
  standIn.accept(value);
  return value;
}

/** The genuine JiZuo Wireless profile under the name an admin downloads it as, read from ../shared at test time. */
function genuineWirelessFile(): { name: string; mimeType: string; buffer: Buffer } {
  return { name: 'JiZuoVersion.mobileprovision', mimeType: 'application/octet-stream', buffer: readFileSync(PROFILE_FILES.wireless) };
}

/** Imports through the Import view, as an admin would (one file opens its page; the count is said either way). */
async function importFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  await page.goto(`${server.url}#/import`);
  await page.getByLabel('Choose files').setInputFiles(files);
  await page.getByText(`${files.length} of ${files.length} files read`).first().waitFor({ timeout: 60_000 });
}

async function connect(page: Page, value: string): Promise<void> {
  await page.goto(`${server.url}#/tenant`);
  await page.getByLabel('Access token').fill(value);
  await page.getByRole('button', { name: 'Connect' }).click();
}

/** Connected and read: the board says when. */
async function boardRead(page: Page): Promise<void> {
  await page.getByRole('status').filter({ hasText: 'Read at 28 Jun 2020, 12:00 UTC' }).waitFor({ timeout: 60_000 });
  await page.locator('.tenant-board').waitFor();
}

/** The board's row (table) or card (phone) for one Intune app. */
function appRow(page: Page, appId: string) {
  return page.locator(`.tenant-board [data-id="${appId}"]`);
}

/** The default scenario's throttling: the second page of iOS apps once, and Store 07's name inside the first $batch. */
function throttleAsGraphMight(): void {
  standIn.throttleOnce({ via: 'http', url: /\/mobileApps\?.*\$skiptoken=/, retryAfterSeconds: 1 });
  standIn.throttleOnce({ via: 'batch', url: new RegExp(`/groups/${STORE_GROUPS[6]?.id ?? ''}`), retryAfterSeconds: 1 });
}

/** The token, and its signature and claims segments on their own, as a page might keep a part of it. */
function tokenNeedles(value: string): string[] {
  return [value, ...value.split('.').slice(1)];
}

/** Requests that left the page's own origin (data: and blob: never leave). */
function foreign(requests: readonly string[]): string[] {
  return requests.filter((line) => !line.split(' ')[1]?.startsWith(`${server.origin}/`) && !/ (data|blob):/.test(line));
}

describe.runIf(hasSharedFixtures)('the tenant board (built site, Chromium, Graph stand-in, real in-house profiles)', () => {
  beforeAll(async () => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/web is missing: run `npm run build` first');
    standIn = await startGraphStandIn({ tenant: june2020Tenant().tenant, now: () => TENANT_NOW });
    server = await startStaticServer({ root: DIST });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=${standIn.hostResolverRule}`, '--ignore-certificate-errors'],
    });
  });

  afterEach(async () => {
    const ended = session;
    session = null;
    const violations = [...standIn.violations];
    const tokens = standIn.requests.map((request) => /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1]).filter((value): value is string => Boolean(value));
    standIn.reset();
    await ended?.context.close();
    expect(violations, 'requests Graph would not understand').toEqual([]);
    // No token the page sent to Graph was ever written to its console.
    const leaked = [...new Set(tokens)].flatMap(tokenNeedles).filter((needle) => ended?.console.some((line) => line.includes(needle)));
    expect(leaked, 'the token in the console').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await standIn?.close();
  });

  it('sends nothing anywhere before Connect, even with #/tenant open and a token typed in', async () => {
    const { page, requests } = await openSession();
    const value = token(READ_ONLY_SCOPES);
    await page.goto(server.url);
    await page.getByText(/nothing leaves this device/i).first().waitFor();
    await page.goto(`${server.url}#/tenant`);
    await page.getByLabel('Access token').fill(value);
    // The button turns on once the field holds a token; then the page has done everything it does before Connect.
    await page.getByRole('button', { name: 'Connect', disabled: false }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(foreign(requests)).toEqual([]);
    expect(standIn.requests).toEqual([]);
  });

  it('judges every app with the live verdicts, resolves every group across paged and throttled answers, and names the part it could not read', async () => {
    const { page, requests } = await openSession();
    await importFiles(page, [genuineWirelessFile()]);
    throttleAsGraphMight();
    await connect(page, token(READ_ONLY_SCOPES));
    await boardRead(page);

    // Most urgent first: stopped, then within the 30-day window (fewest days first), then the ones that keep launching.
    const order = await page.locator('.tenant-board [data-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
    const { apps } = IDS;
    expect(order).toEqual([apps.mixProject, apps.yitongBank, apps.wireless, apps.fieldNotes, apps.artchat]);
    const rowText = async (id: string) => (await appRow(page, id).innerText()).replace(/\s+/g, ' ');
    const mix = await rowText(apps.mixProject);
    expect.soft(mix).toMatch(/Stopped launching.*MixProject.*com\.redbird\.company\.MixProject.*version 3\.0 \(30\)/);
    expect.soft(mix).toContain('Expired MixProject 2016');
    expect.soft(mix).toContain('23 Jun 2017, 07:02 UTC (1101 days ago)');
    expect.soft(mix).toContain('Create a new in-house profile for XFA9C6XUR7.com.redbird.company.MixProject');
    const bank = await rowText(apps.yitongBank);
    expect.soft(bank).toContain('Expiring soon Yitong wildcard 2019');
    expect.soft(bank).toContain('3 Jul 2020, 02:02 UTC (4 days left)');
    expect.soft(bank).toContain('Create a new in-house profile for 65YG889FGF.com.yitong.*');
    const wireless = await rowText(apps.wireless);
    expect.soft(wireless).toContain('Tampered JiZuo Wireless 2020');
    expect.soft(wireless).toContain('The file was changed after Apple signed it, so devices refuse it.');
    expect.soft(wireless).toContain('12 Jul 2020, 00:00 UTC (13 days left)');
    expect.soft(wireless).toMatch(/Renew "JiZuo Wireless 2020" in place with "JiZuoVersion" \(JiZuoVersion\.mobileprovision/);
    // A read-only token: the action is there, switched off, and says which scope it needs.
    const actionButton = appRow(page, apps.wireless).locator('.row-actions button').first();
    expect.soft(await actionButton.innerText()).toContain('Renew in place');
    expect(await actionButton.isDisabled()).toBe(true);
    expect.soft(wireless).toContain('Needs DeviceManagementApps.ReadWrite.All');
    const notes = await rowText(apps.fieldNotes);
    expect.soft(notes).toContain('none covers this app');
    expect.soft(notes).toMatch(/30 Sept? 2020, 00:00 UTC \(93 days left\)/);
    expect.soft(notes).toContain('All devices');
    const artchat = await rowText(apps.artchat);
    expect.soft(artchat).toMatch(/Keeps launching.*ArtChat/);
    expect.soft(artchat).toContain('OK ArtChat in-house 2019');
    expect.soft(artchat).toContain('25 Dec 2020, 09:55 UTC (179 days left)');
    expect.soft(artchat).toMatch(/Included: Sales iPads.*Excluded: Contractors \(no company apps\)/);

    // Every group by name: 23 groups in two $batch requests, one item throttled; not one shown by its id instead.
    const boardText = (await page.locator('.tenant-board').innerText()).replace(/\s+/g, ' ');
    for (const name of Object.values(GROUP_NAMES)) expect(boardText, name).toContain(name);
    expect(boardText).not.toMatch(/group [0-9a-f]{8}-/);
    const batches = standIn.requests.filter((request) => request.method === 'POST' && request.url.endsWith('/$batch'));
    expect(batches.map((request) => (JSON.parse(request.body) as { requests: unknown[] }).requests.length)).toEqual([20, 3, 1]);
    const retried = (pattern: RegExp) => standIn.calls.filter((call) => pattern.test(call.url)).map((call) => call.status);
    expect(retried(new RegExp(`/groups/${STORE_GROUPS[6]?.id ?? ''}`))).toEqual([429, 200]);
    expect(retried(/\/mobileApps\?.*\$skiptoken=/)).toEqual([429, 200, 200]);
    // Each asked again no sooner than a second later: Retry-After inside the $batch answer, and — since Graph does not
    // expose Retry-After to pages (CORS) — the client's own back-off on the throttled list page.
    const gap = (pattern: RegExp) => {
      const [first, second] = standIn.calls.filter((call) => pattern.test(call.url));
      return (second?.at ?? 0) - (first?.at ?? 0);
    };
    expect(gap(new RegExp(`/groups/${STORE_GROUPS[6]?.id ?? ''}`))).toBeGreaterThanOrEqual(950);
    expect(gap(/\/mobileApps\?.*\$skiptoken=/)).toBeGreaterThanOrEqual(950);

    // The scope tags need DeviceManagementRBAC.Read.All, which this token lacks: named, and the rest is shown.
    const failures = (await page.locator('.read-failures').innerText()).replace(/\s+/g, ' ');
    expect(failures).toContain('scope tags');
    expect(failures).toContain('DeviceManagementRBAC.Read.All');
    expect(await page.locator('.read-failures li').count()).toBe(1);

    // Configurations that cover no app, and dead ones still assigned, are named across the tenant.
    const problems = (await page.locator('.tenant-problems').innerText()).replace(/\s+/g, ' ');
    expect(problems).toContain('"DockDoor (old)" (F2RA56U293.com.mccrearymodern.DockDoor) covers none of the tenant\'s iOS line-of-business apps');
    expect(problems).toContain('"JiZuo Wireless 2020" is tampered and still assigned');
    expect(problems).toContain('"MixProject 2016" is expired and still assigned');

    expect(foreign(requests).every((line) => line.split(' ')[1]?.startsWith(`${GRAPH}/`))).toBe(true);
    expect(standIn.requests.every((request) => request.method === 'GET' || request.method === 'OPTIONS' || request.url.endsWith('/$batch'))).toBe(true);
    expect(await axeProblems(page)).toEqual([]);
  });

  it('renews the tampered configuration in place only after Send to Intune, with the library\'s genuine file, shows its new verdict and keeps the token nowhere', async () => {
    const { page, context } = await openSession();
    await importFiles(page, [genuineWirelessFile()]);
    const value = token(READ_WRITE_SCOPES);
    await connect(page, value);
    await boardRead(page);
    await appRow(page, IDS.apps.wireless).getByRole('button', { name: /Renew in place/ }).click();

    // The review shows the exact request; nothing has been written yet.
    const review = page.locator('section.review');
    await review.getByRole('heading', { name: 'Review: Renew in place — JiZuo Wireless' }).waitFor();
    await review.getByLabel('Show the whole payload').check();
    expect((await review.locator('.request-line').allInnerTexts()).map((line) => line.replace(/\s+/g, ' ').trim())).toEqual([`PATCH ${WIRELESS_URL}`]);
    const shown = JSON.parse(await review.getByLabel('Body of PATCH request 1').innerText()) as Record<string, unknown>;
    expect(standIn.requests.filter((request) => !['GET', 'OPTIONS'].includes(request.method) && !request.url.endsWith('/$batch'))).toEqual([]);

    await review.getByRole('button', { name: 'Send to Intune' }).click();
    await review.locator('.new-verdict').filter({ hasText: 'OK' }).waitFor({ timeout: 60_000 });

    // Exactly one PATCH: the body the review showed, payload = base64 of the library's genuine file, byte for byte,
    // expirationDateTime = that file's ExpirationDate; every property one Graph knows on the configuration.
    const writes = standIn.requests.filter((request) => request.method === 'PATCH' || (request.method === 'POST' && !request.url.endsWith('/$batch')));
    expect(writes.map((request) => `${request.method} ${request.url} ${request.status}`)).toEqual([`PATCH ${WIRELESS_URL} 204`]);
    const sent = JSON.parse(writes[0]?.body ?? '{}') as Record<string, unknown>;
    expect(sent).toEqual(shown);
    expect(Buffer.from(String(sent.payload), 'base64').equals(readFileSync(PROFILE_FILES.wireless))).toBe(true);
    expect(Date.parse(String(sent.expirationDateTime))).toBe(Date.parse('2021-06-25T08:23:09Z'));
    expect(unknownProperties(sent, 'iosLobAppProvisioningConfiguration')).toEqual([]);
    // Read back after the write, and judged again: the board's row now shows the genuine file's verdict.
    const patchAt = standIn.calls.findIndex((call) => call.method === 'PATCH');
    expect(standIn.calls.slice(patchAt + 1).some((call) => call.method === 'GET' && call.url.startsWith(WIRELESS_URL))).toBe(true);
    await appRow(page, IDS.apps.wireless).getByText('OK JiZuo Wireless 2020').waitFor();
    expect(await appRow(page, IDS.apps.wireless).innerText()).not.toContain('Tampered');

    // The audit trail lists it, and its JSON export carries no token.
    const audit = page.locator('section.audit');
    await audit.locator('li').filter({ hasText: `Renew in place: PATCH ${WIRELESS_URL} → 204` }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), audit.getByRole('button', { name: 'Export the audit trail (JSON)' }).click()]);
    const exported = readFileSync(await download.path(), 'utf8');
    const entries = JSON.parse(exported) as { method: string; url: string; status: number; profile: { uuid: string; sha256: string } | null }[];
    expect(entries.map((entry) => [entry.method, entry.url, entry.status])).toEqual([['PATCH', WIRELESS_URL, 204]]);
    expect(entries[0]?.profile?.uuid).toBe('182eb47c-a150-4cc3-bb93-a54b4aa74542');
    expect(tokenNeedles(value).filter((needle) => exported.includes(needle))).toEqual([]);

    // The token is in no storage the page can write: local and session storage, every IndexedDB store, Cache
    // Storage, cookies. (The dump must have found the library and the audit trail, or it proves nothing.)
    const stored = await pageStorage(page, context);
    expect(stored.some((entry) => entry.where.startsWith('indexedDB') && entry.text.includes('182eb47c-a150-4cc3-bb93-a54b4aa74542'))).toBe(true);
    expect(stored.some((entry) => entry.where.startsWith('indexedDB') && entry.text.includes(WIRELESS_URL))).toBe(true);
    expect(whereFound(stored, tokenNeedles(value))).toEqual([]);
    // Nor in the page itself (the field was emptied on Connect) or its address.
    expect(tokenNeedles(value).filter((needle) => page.url().includes(needle))).toEqual([]);
    const html = await page.content();
    expect(tokenNeedles(value).filter((needle) => html.includes(needle))).toEqual([]);
    expect(standIn.requests.filter((request) => request.method !== 'OPTIONS').every((request) => request.headers.authorization === `Bearer ${value}`)).toBe(true);
  });

  it('asks to connect again when Graph answers 401, and forgets the connection', async () => {
    const { page } = await openSession();
    const value = token(READ_ONLY_SCOPES);
    await connect(page, value);
    await boardRead(page);
    standIn.revoke(value);
    await page.getByRole('button', { name: 'Re-read' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your token has expired or was revoked: connect again.' }).waitFor();
    await page.getByLabel('Access token').waitFor();
    expect(await page.getByLabel('Access token').inputValue()).toBe('');
    expect(standIn.requests.filter((request) => request.method !== 'OPTIONS').at(-1)?.status).toBe(401);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });

  it('fits a phone in dark mode: cards, no sideways scrolling, dark surfaces', async () => {
    const { page } = await openSession({ width: 390, height: 844, dark: true });
    await connect(page, token(READ_ONLY_SCOPES));
    await boardRead(page);
    expect(await page.locator('.tenant-board .app-cards > li').count()).toBe(5);
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
    );
    expect(cut).toEqual([]);
    expect(await darkModeProblems(page, { systemDark: true })).toEqual([]);
  });
});
