// @vitest-environment happy-dom
// The Apps views inside the whole App, on a real (fake-indexeddb) library: the renewal board's row and card, the app
// page with its bundles, renewals and actions, the empty state, and removing an app. The clock is set (Date only) to
// noon on 2026-06-01, half a day from any boundary, so the whole-day counts are exact numbers.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { formatLocal } from '../../core/dates';
import { inspectProfile } from '../../core/inspect';
import { openLibrary, type Library } from '../../core/store';
import { App } from '../../web/app';
import { BOARD_NARROW } from '../../web/views/apps/app-parts';
import { SHARE, SHIPPED_APP, SHIPPED_SHARE, fieldIpa, storeApp } from './field-app';
import { APP_ID, EXTENSION_ID, NOW, appFixtures, type AppFixtures } from '../core/app/app-fixtures';

const RENEWED_APP = '11111111-aaaa-4aaa-8aaa-111111111111';
const TODAY = new Date('2026-06-01T12:00:00Z');
const LATER = new Date('2026-07-01T12:00:00Z');

const root = document.createElement('div');
document.body.append(root);
let f: AppFixtures;
let ipa: Uint8Array;
let library: Library | null = null;

beforeAll(async () => {
  f = await appFixtures();
  ipa = await fieldIpa(f, { shareProfileName: 'Field Share Shipped' });
}, 120_000);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TODAY);
});

afterEach(() => {
  render(null, root);
  library?.close();
  library = null;
  vi.useRealTimers();
});

const trusted = () => ({ now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });

async function withApp(renew: boolean): Promise<string> {
  library = await openLibrary({ indexedDB: new IDBFactory(), name: `apps-view-${Math.random()}` });
  const id = await storeApp(library, f, 'Field.ipa', ipa);
  if (renew) {
    const bytes = await f.profile({ uuid: RENEWED_APP, name: 'Field 2027', createdAt: new Date('2026-05-01T00:00:00Z'), expiresAt: new Date('2027-05-01T00:00:00Z') });
    await library.putProfile({ fileName: 'Field_2027.mobileprovision', bytes, result: await inspectProfile('Field_2027.mobileprovision', bytes, trusted()) });
  }
  return id;
}

async function open(hash: string, ready: () => Element | null) {
  location.hash = hash;
  await act(() => render(<App library={library as Library} />, root));
  await vi.waitFor(() => expect(ready()).not.toBeNull(), { timeout: 10_000 });
}

/** The board's breakpoint answered as on a phone or a desktop, whatever width the test DOM pretends to have. */
function screen(kind: 'narrow' | 'wide') {
  const media = vi.spyOn(window, 'matchMedia').mockImplementation((query) => ({
    media: query,
    matches: kind === 'narrow' && query === BOARD_NARROW,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  }));
  onTestFinished(() => media.mockRestore());
}

const cells = (row: Element | null | undefined) => [...(row?.children ?? [])].map((cell) => cell.textContent ?? '');

describe('#/apps, the renewal board', () => {
  it('shows one row per app with its signer, checks, renewal, launch date, days left and what is missing', async () => {
    const id = await withApp(true);
    screen('wide');
    await open('#/apps', () => root.querySelector('table.app-board tbody tr'));
    expect(root.querySelector('nav a[aria-current="page"]')?.textContent).toBe('Apps');
    const row = root.querySelector(`tbody tr[data-id="${id}"]`);
    const [status, app, signer, checks, renewal, until, missing] = cells(row);
    // The share extension is covered by the profile it shipped with, which ends first: 18 days, inside the window.
    expect(status).toBe('! Expiring soon');
    expect(app).toBe(`field${APP_ID}version 2.4 (118)`);
    expect(signer).toBe(`ProvLens Test Team (CONTOSO123)iPhone Distribution: Contoso Ltd (CONTOSO123)certificate expires ${formatLocal('2028-01-01T00:00:00.000Z')}`);
    expect(checks).toBe('Integrity: IntactCapabilities: Not compared');
    expect(renewal).toBe('Field 2027Field Share Shipped');
    expect(until).toBe(`${formatLocal('2026-06-20T00:00:00.000Z')} (18 days left)`);
    expect(missing).toBe('Nothing: Intune can keep it launching');
    expect(row?.querySelector('a')?.getAttribute('href')).toBe(`#/apps/${encodeURIComponent(id)}`);
    expect([...(row?.querySelectorAll('td:nth-child(5) a') ?? [])].map((a) => a.getAttribute('href'))).toEqual([`#/profile/${RENEWED_APP}`, `#/profile/${SHIPPED_SHARE}`]);
  });

  it('says what is missing, in the verdicts own words, once the shipped extension profile has expired', async () => {
    const id = await withApp(true);
    vi.setSystemTime(LATER);
    screen('wide');
    await open('#/apps', () => root.querySelector('table.app-board tbody tr'));
    const [status, , , , renewal, until, missing] = cells(root.querySelector(`tbody tr[data-id="${id}"]`));
    expect(status).toBe('✕ Expired');
    expect(renewal).toBe('Field 2027');
    expect(until).toBe(`${formatLocal('2026-06-20T00:00:00.000Z')} (11 days ago)`);
    expect(missing).toContain(`Share.appex (${EXTENSION_ID}) is not covered by any library profile Intune can use`);
    expect(missing).toContain('Field Share Shipped: Apps using it stopped launching on 2026-06-20 00:00 UTC');
  });

  it('below the breakpoint, shows each app as a card with its name, status and days in view', async () => {
    const id = await withApp(true);
    screen('narrow');
    await open('#/apps', () => root.querySelector('.app-cards li'));
    expect(root.querySelector('table.app-board')).toBeNull();
    const card = root.querySelector(`.app-card[data-id="${id}"]`);
    expect(card?.querySelector('.app-card-head')?.textContent).toBe(`! Expiring soon ${formatLocal('2026-06-20T00:00:00.000Z')} (18 days left)`);
    expect(card?.querySelector('h2 a')?.textContent).toBe('field');
    expect([...(card?.querySelectorAll('dt') ?? [])].map((dt) => dt.textContent)).toEqual(['Signer', 'Checks', 'Renewal in the library', 'Missing']);
  });

  it('explains how to add apps when there are none', async () => {
    library = await openLibrary({ indexedDB: new IDBFactory(), name: `apps-view-${Math.random()}` });
    await open('#/apps', () => root.querySelector('.empty'));
    expect(root.querySelector('h1')?.textContent).toBe('Apps');
    expect(root.textContent).toContain('No apps imported yet.');
    expect(root.querySelector('.empty a.button')?.getAttribute('href')).toBe('#/import');
  });
});

describe('#/apps/<id>, one app', () => {
  it('lists each bundle with its signer, embedded profile and renewal, and offers Prepare for Intune when usable', async () => {
    const id = await withApp(true);
    await open(`#/apps/${encodeURIComponent(id)}`, () => root.querySelector('.app-page'));
    expect(root.querySelector('h1')?.textContent).toBe('field');
    expect(root.querySelector('#renewal-title')?.textContent).toBe('Intune can keep this app launching');
    // Two picked profiles: the app job, which takes the .ipa, pushes both.
    expect(root.querySelector('.verdict-card a.button')?.getAttribute('href')).toBe('#/intune');
    const bundles = [...root.querySelectorAll('section.bundle')];
    expect(bundles.map((section) => section.querySelector('h3')?.textContent)).toEqual(['Payload/Field.app/', SHARE]);
    const facts = (section: Element | undefined) =>
      Object.fromEntries([...(section?.querySelectorAll(':scope > dl.facts dt') ?? [])].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    expect(facts(bundles[1])).toEqual({
      'Bundle ID': EXTENSION_ID,
      Kind: 'Extension',
      Executable: 'share',
      'Signed by': `iPhone Distribution: Contoso Ltd (CONTOSO123) — ProvLens Test Team (CONTOSO123)expires ${formatLocal('2028-01-01T00:00:00.000Z')} (578 days left)`,
      'Embedded profile': 'Field Share Shipped',
      Renewal: `Field Share Shipped; launches until ${formatLocal('2026-06-20T00:00:00.000Z')}`,
    });
    expect(bundles[0]?.querySelector('dl.facts a')?.getAttribute('href')).toBe(`#/profile/${SHIPPED_APP}`);
    expect(bundles[0]?.textContent).toContain('Installation file integrity: Intact');
  });

  it('offers no Intune help when the app cannot be kept alive, and removes the app but keeps the renewal file', async () => {
    const id = await withApp(true);
    vi.setSystemTime(LATER);
    await open(`#/apps/${encodeURIComponent(id)}`, () => root.querySelector('.app-page'));
    expect(root.querySelector('#renewal-title')?.textContent).toBe('Intune cannot keep this app launching yet');
    expect(root.querySelector('a[href^="#/intune"]')).toBeNull();
    const share = [...root.querySelectorAll('section.bundle')][1];
    expect([...(share?.querySelectorAll(':scope > ul.findings .finding') ?? [])].length).toBe(2);

    const button = (label: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.startsWith(label));
    await act(() => button('Remove app')?.click());
    await act(() => button('Confirm: remove field')?.click());
    await vi.waitFor(() => expect(location.hash).toBe('#/apps'));
    await vi.waitFor(() => expect(root.textContent).toContain('No apps imported yet.'));
    expect((await (library as Library).listProfiles()).map((profile) => profile.id)).toEqual([RENEWED_APP]);
  });
});
