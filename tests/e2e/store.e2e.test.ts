// The store's unit-tested behaviour again in Chromium's real IndexedDB and BroadcastChannel: two real tabs importing
// at once, one tab hearing the other's change, idempotent re-imports, and a blocked upgrade surfacing as a code.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileResult } from '../../core/types';
import { buildResult } from '../core/profile-builder';
import { launchBrowser } from './browser';
import { startStaticServer, type StaticServer } from './static-server';
import { openStorePage } from './store-page';

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let tabA: Page;
let tabB: Page;

beforeAll(async () => {
  server = await startStaticServer({ root: import.meta.dirname });
  browser = await launchBrowser();
  context = await browser.newContext();
  [tabA, tabB] = await Promise.all([openStorePage(context, server.origin), openStorePage(context, server.origin)]);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

interface PageLibrary {
  putProfiles(inputs: { fileName: string; bytes: Uint8Array; result: ProfileResult }[]): Promise<{ status: string }[]>;
  listProfiles(): Promise<{ id: string; renewalOf: string | null; renewedBy: string | null }[]>;
  onChange(listener: (change: { kind: string }) => void): () => void;
}
type PageWindow = { openLibrary(options: { name: string }): Promise<PageLibrary>; heard?: string[] };

function importBatch(page: Page, prefix: string, template: ProfileResult) {
  return page.evaluate(
    // As JSON: Playwright's serializable-argument type recurses too deeply on ProfileResult.
    async ({ prefix, templateJson }) => {
      const template = JSON.parse(templateJson) as ProfileResult;
      const library = await (window as unknown as PageWindow).openLibrary({ name: 'two-tabs' });
      const inputs = Array.from({ length: 40 }, (_, i) => {
        const result = structuredClone(template);
        const uuid = `${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`;
        result.profile = { ...result.profile!, uuid, expiresAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString() };
        return { fileName: `${uuid}.mobileprovision`, bytes: new TextEncoder().encode(uuid), result };
      });
      return (await library.putProfiles(inputs)).map((outcome) => outcome.status);
    },
    { prefix, templateJson: JSON.stringify(template) },
  );
}

describe('the store in real Chromium', () => {
  it('keeps both tabs’ imports, links them into one renewal chain, and tells the other tab', async () => {
    await tabB.evaluate(async () => {
      const page = window as unknown as PageWindow;
      const library = await page.openLibrary({ name: 'two-tabs' });
      page.heard = [];
      library.onChange((change) => page.heard?.push(change.kind));
    });
    const template = buildResult();
    const [statusesA, statusesB] = await Promise.all([
      importBatch(tabA, 'aaaaaaaa', template),
      importBatch(tabB, 'bbbbbbbb', template),
    ]);
    expect([...statusesA, ...statusesB].every((status) => status === 'added')).toBe(true);
    expect(await importBatch(tabA, 'aaaaaaaa', template)).toEqual(Array(40).fill('unchanged'));

    const listed = await tabA.evaluate(async () =>
      (await (window as unknown as PageWindow).openLibrary({ name: 'two-tabs' })).listProfiles(),
    );
    expect(listed).toHaveLength(80);
    expect(listed.filter((profile) => profile.renewalOf === null)).toHaveLength(1);
    expect(listed.filter((profile) => profile.renewedBy === null)).toHaveLength(1);
    // Both tabs wrote the same days, so each a-profile is followed by the b-profile of its day.
    expect(listed.slice(0, 2).map((profile) => profile.id.slice(0, 8))).toEqual(['aaaaaaaa', 'bbbbbbbb']);
    await tabB.waitForFunction(() => ((window as unknown as PageWindow).heard ?? []).includes('profiles'));
  });

  it('says storage-blocked when another tab holds an older version open through an upgrade', async () => {
    await tabA.evaluate(
      () =>
        new Promise<void>((done) => {
          // An older ProvLens that never closes on versionchange.
          const request = indexedDB.open('blocked', 1);
          request.onupgradeneeded = () => request.result.createObjectStore('profiles', { keyPath: 'id' });
          request.onsuccess = () => done();
        }),
    );
    const code = await tabB.evaluate(async () => {
      try {
        await (window as unknown as PageWindow).openLibrary({ name: 'blocked' });
        return 'opened';
      } catch (error) {
        return (error as { code?: string }).code ?? String(error);
      }
    });
    expect(code).toBe('storage-blocked');
  });
});
