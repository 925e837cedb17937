// The renewal board's cost (web/views/apps/app-board.ts toAppRows): 20 imported apps against libraries of 1,000,
// 5,000 and 10,000 stored in-house profiles spread over 1,000 App IDs (five renewals each), as an enterprise admin's
// library might hold. Run: `npx tsx tests/bench/apps-board.ts`. Prints markdown. Target: the board of a 10,000-profile
// library in well under 100 ms, so opening #/apps never holds the main thread noticeably.
import { inspect, inspectProfile } from '../../core/inspect';
import * as core from '../../core/index';
import type { ProfileSummary, StoredApp } from '../../core/store';
import type { Profile } from '../../core/types';
import { toAppRows } from '../../web/views/apps/app-board';
import { APP_ID, NOW, appFixtures } from '../core/app/app-fixtures';
import { makeApp } from '../fixtures/app-factory';
import { markdownTable, median, ms, percentile } from './stats';

const APPS = 20;
const SIZES = [1_000, 5_000, 10_000];
const SAMPLES = 15;
const HOUR = 3_600_000;

core.useWebCrypto(globalThis.crypto);
const f = await appFixtures();
const trusted = { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 };
const template = await inspectProfile('template.mobileprovision', await f.profile({}), trusted);
if (!template.profile) throw new Error('the factory profile did not decode');
const templateProfile: Profile = template.profile;

/** Copies of one decoded profile with their own UUID, App ID and expiry: decoding is not what is measured here. */
function library(size: number): ProfileSummary[] {
  return Array.from({ length: size }, (_, i) => {
    const uuid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const bundleId = i % 1000 === 0 ? APP_ID : `com.contoso.app${i % 1000}`;
    const expiresAt = new Date(Date.parse('2026-07-01T00:00:00Z') + i * HOUR).toISOString();
    const applicationIdentifier = `CONTOSO123.${bundleId}`;
    const result = { ...template, profile: { ...templateProfile, uuid, bundleId, applicationIdentifier, expiresAt } };
    return { id: uuid, uuid, fileName: `${uuid}.mobileprovision`, importedAt: NOW.toISOString(), result, source: { kind: 'file' }, appIdentifier: applicationIdentifier, teamId: 'CONTOSO123', expiresAt, renewalOf: null, renewedBy: null };
  });
}

const ipa = await makeApp({ bundles: [{ path: 'Payload/Field.app/', bundleId: APP_ID, profile: await f.profile({}), executableContent: f.machO(f.developer) }] });
const decoded = await inspect('Field.ipa', ipa, trusted);
if (decoded.kind !== 'app') throw new Error('the factory app did not decode as an app');
const apps: StoredApp[] = Array.from({ length: APPS }, (_, i) => ({ id: `sha256:${i}`, fileName: `App${i}.ipa`, importedAt: NOW.toISOString(), result: decoded }));

const rows = SIZES.map((size) => {
  const profiles = library(size);
  toAppRows(core, apps, profiles, NOW, 30);
  const samples = Array.from({ length: SAMPLES }, () => {
    const start = performance.now();
    toAppRows(core, apps, profiles, NOW, 30);
    return performance.now() - start;
  });
  return [String(APPS), size.toLocaleString('en'), ms(median(samples)), ms(percentile(samples, 95))];
});
console.log(markdownTable(['apps', 'stored profiles', 'median ms', 'p95 ms'], rows));
