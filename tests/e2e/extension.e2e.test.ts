// The built extension (dist/extension) in real headless Chromium, on a local stand-in for the Intune portal served
// under the real host names. Synthetic profiles come from the fixture factory; its CA is not Apple's, so the honest
// verdict for them is "signed, but not by Apple" and the tampered one must fail its signature before trust matters.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Frame, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useWebCrypto } from '../../core/crypto';
import { formatUtc } from '../../core/findings';
import { makeProfile, sharedTestPki, type ProfileSpec } from '../fixtures/factory';
import { launchPersistent, type PersistentBrowser } from './browser';
import { BLADE_HOST, PORTAL_HOST, startPortalStandIn, type PortalStandIn } from './portal-standin/server';

const ROOT = resolve(import.meta.dirname, '../..');
const CHROME_BUILD = join(ROOT, 'dist/extension');
const FIREFOX_BUILD = join(ROOT, 'dist/extension-firefox');
const DAY_MS = 86_400_000;
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

interface Sample {
  path: string;
  fileName: string;
  /** The profile's Name: the annotation's heading. */
  name: string;
}

const now = Date.now();
// Whole seconds, as plist dates carry them, so formatUtc of the spec equals what the annotation shows.
const at = (days: number) => new Date(Math.floor((now + days * DAY_MS) / 1000) * 1000);
const SPECS = {
  inHouse: { type: 'enterprise', name: 'Field Sales In-House', uuid: '9b0c6a1e-1111-4a2b-8c3d-000000000001', expiresAt: at(200.5) },
  development: { type: 'development', name: 'Field Sales Development', uuid: '9b0c6a1e-1111-4a2b-8c3d-000000000002' },
  tampered: { type: 'enterprise', name: 'Tampered In-House', uuid: '9b0c6a1e-1111-4a2b-8c3d-000000000003', tamper: true },
  hostile: { type: 'enterprise', name: HOSTILE_NAME, uuid: '9b0c6a1e-1111-4a2b-8c3d-000000000004' },
  expiring: {
    type: 'enterprise',
    name: 'Warehouse Scanner In-House',
    uuid: '9b0c6a1e-1111-4a2b-8c3d-000000000005',
    bundleId: 'com.example.warehouse',
    expiresAt: at(5.5),
  },
} satisfies Record<string, ProfileSpec>;

let portal: PortalStandIn;
let browser: PersistentBrowser;
let worker: Worker;
let extensionId: string;
let page: Page;
let blade: Frame;
let workDir: string;
const samples: Record<string, Sample> = {};
const pageRequests: string[] = [];
const dialogs: string[] = [];
const timings: Record<string, number> = {};

async function annotate(key: keyof typeof SPECS): Promise<string> {
  const sample = samples[key];
  if (!sample) throw new Error(`no sample ${key}`);
  const started = performance.now();
  await blade.locator('#profile-file').setInputFiles(sample.path);
  // The panel's fact list appears once decoding is done (the busy state has none); every case has one or a headline.
  const panel = blade.locator('provlens-annotation section');
  await panel.locator('h2', { hasText: sample.name }).waitFor();
  timings[sample.fileName] = Math.round(performance.now() - started);
  return panel.innerText();
}

describe('extension in Chromium on the stand-in portal', () => {
  beforeAll(async () => {
    if (!existsSync(join(CHROME_BUILD, 'manifest.json'))) throw new Error('dist/extension is missing: run `npm run build` first');
    useWebCrypto(globalThis.crypto);
    workDir = mkdtempSync(join(tmpdir(), 'provlens-extension-e2e-'));
    const pki = await sharedTestPki();
    for (const [key, spec] of Object.entries(SPECS)) {
      const fileName = `${key}.mobileprovision`;
      const path = join(workDir, fileName);
      writeFileSync(path, await makeProfile(pki, spec));
      samples[key] = { path, fileName, name: spec.name ?? '' };
    }
    portal = await startPortalStandIn();
    browser = await launchPersistent({
      extensionPath: CHROME_BUILD,
      args: [
        `--host-resolver-rules=MAP ${PORTAL_HOST} 127.0.0.1, MAP *.reactblade.portal.azure.net 127.0.0.1`,
        '--ignore-certificate-errors',
      ],
    });
    worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
    extensionId = new URL(worker.url()).host;
    page = await browser.context.newPage();
    page.on('request', (request) => pageRequests.push(request.url()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // The cross-origin blade runs in its own process: take its frame once it has navigated to the blade host.
    const bladeNavigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame.url().includes(BLADE_HOST) });
    await page.goto(portal.url);
    blade = await bladeNavigated;
    await blade.locator('#profile-file').waitFor({ state: 'attached' });
  });

  afterAll(async () => {
    console.log(`annotation latency from choosing a file (ms): ${JSON.stringify(timings)}`);
    await browser?.close();
    await portal?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('annotates an in-house profile with the expiry Intune will use, its type and team, and leaves the input its file', async () => {
    const text = await annotate('inHouse');
    expect(text).toContain(`Expiration date Intune will use\n${formatUtc(SPECS.inHouse.expiresAt.toISOString())} (200 days left)`);
    expect(text).toContain('In-house (enterprise)');
    expect(text).toContain('TESTTEAM01.com.example.provlens');
    expect(text).toContain('Signed, but not by Apple');
    expect(text).toContain('In-house profile: Intune can push it');
    expect(await blade.locator('#profile-file').evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe(
      'inHouse.mobileprovision',
    );
    expect(await blade.locator('#chosen-name').textContent()).toBe('inHouse.mobileprovision');
    expect(await blade.evaluate(() => document.body.dataset.submitted)).toBeUndefined();
  });
});
