// The files the extension's browser tests choose in the stand-in portal: synthetic profiles from the fixture factory
// (its CA is not Apple's, so their honest verdict is "Not signed by Apple", and a tampered one fails its signature
// first), a synthetic .ipa signed with the test CA then altered (tests/fixtures/app-factory.ts) and, when
// ../shared/fixtures is present, a real Apple-signed in-house profile the extension was not tuned on.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { useWebCrypto } from '../../core/cms/crypto';
import { makeProfile, sharedTestPki, type ProfileSpec } from '../fixtures/factory';
import { alterApp, makeApp } from '../fixtures/app-factory';
import { APP_ID, TEAM, appFixtures } from '../core/app/app-fixtures';
import { SHARED_FIXTURES, hasSharedFixtures, warnIfSharedFixturesMissing } from '../shared-fixtures';

const DAY_MS = 86_400_000;
export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
export const ARTIFACTS = resolve(import.meta.dirname, '.artifacts');

const now = Date.now();
// Whole seconds, as plist dates carry them, so formatUtc of the spec equals what the annotation shows.
const at = (days: number) => new Date(Math.floor((now + days * DAY_MS) / 1000) * 1000);

export const SPECS = {
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

export type SampleKey = keyof typeof SPECS;

/** A real in-house profile from another project's app (Apple-signed; expired 2020-12-25). */
export const HELD_OUT = {
  path: join(SHARED_FIXTURES, 'profiles/iconthemer_enterprise_2019_embedded2.mobileprovision'),
  name: 'com.yiqi.artchat_inhouse_20191226',
  expiresOn: '2020-12-25',
  available: hasSharedFixtures,
};

export interface Samples {
  dir: string;
  path: Record<SampleKey, string>;
  /** A file the portal might take elsewhere (a CSV), which the extension must leave alone. */
  other: string;
  /** An .ipa whose Assets.car was replaced after signing. */
  alteredApp: string;
  close(): void;
}

export async function writeSamples(): Promise<Samples> {
  useWebCrypto(globalThis.crypto);
  warnIfSharedFixturesMissing();
  const dir = mkdtempSync(join(tmpdir(), 'provlens-extension-e2e-'));
  const pki = await sharedTestPki();
  const path = {} as Record<SampleKey, string>;
  for (const [key, spec] of Object.entries(SPECS) as [SampleKey, ProfileSpec][]) {
    path[key] = join(dir, `${key}.mobileprovision`);
    writeFileSync(path[key], await makeProfile(pki, spec));
  }
  const other = join(dir, 'devices.csv');
  writeFileSync(other, 'serial,owner\nC02X,field sales\n');
  const alteredApp = join(dir, 'Field-altered.ipa');
  writeFileSync(alteredApp, await makeAlteredApp());
  return { dir, path, other, alteredApp, close: () => rmSync(dir, { recursive: true, force: true }) };
}

export const ALTERED_APP = { name: 'Field', resource: 'Assets.car' };

async function makeAlteredApp(): Promise<Uint8Array> {
  const f = await appFixtures();
  const root = `Payload/${ALTERED_APP.name}.app/`;
  const entitlements = { 'application-identifier': `${TEAM}.${APP_ID}`, 'keychain-access-groups': [`${TEAM}.${APP_ID}`] };
  const signed = await makeApp({
    bundles: [
      {
        path: root,
        bundleId: APP_ID,
        profile: await f.profile(),
        resources: { [ALTERED_APP.resource]: new TextEncoder().encode('asset catalog') },
        executableContent: { slices: ['arm64'], codeBytes: 5000, signature: f.signedBy(f.developer, { entitlements }) },
      },
    ],
  });
  return alterApp(signed, (members) => void (members[`${root}${ALTERED_APP.resource}`] = new TextEncoder().encode('another catalog')));
}

/** The day a spec's expiry falls on, as the stand-in's Expiration date shows it (ISO, UTC). */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A screenshot in tests/e2e/.artifacts, for a human to look at the panel in each markup. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
