// Bad input for the app integrity reader: each hostile shape is named by a typed problem and nothing throws; then a
// seeded run of random damage inside code signatures, where only a ProvlensError may escape and every bundle still
// gets an integrity status.
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeApp } from '../../core/app/app';
import { isProvlensError } from '../../core/errors';
import { makeApp } from '../fixtures/app-factory';
import { appFixtures, type AppFixtures } from '../core/app/app-fixtures';
import { ROOT, appShapes, corruptMember, manySealedFiles, mutateSignature, shapeBundle } from './app-shapes';
import { prng } from './prng';

let f: AppFixtures;
const options = () => ({ trustedCaSha256: f.pki.trustedCaSha256, now: new Date('2026-06-01T00:00:00Z') });
const signature = () => f.signedBy(f.developer, { identifier: 'com.example.shape' });

beforeAll(async () => {
  f = await appFixtures();
}, 120_000);

describe('hostile app shapes', () => {
  it('each is named by its typed problem; nothing throws', async () => {
    const shapes = await appShapes(signature());
    expect(shapes.map((s) => s.name)).toEqual([
      'truncated-superblob',
      'offset-outside-blob',
      'page-count-overflow',
      'code-resources-not-a-plist',
      'zip-member-lies-about-size',
      'symlink-leaves-bundle',
    ]);
    for (const shape of shapes) {
      const [bundle] = (await decodeApp(shape.bytes, options())).bundles;
      expect(bundle?.integrity.problems.map((p) => p.code), shape.name).toContain(shape.expect);
      expect(bundle?.integrity.status, shape.name).not.toBe('intact');
    }
  });

  it('a resource whose deflate data is damaged is named unreadable; the archive still decodes', async () => {
    const signed = await makeApp({ bundles: [shapeBundle(signature(), { resources: { 'Assets.car': new Uint8Array(4000).map((_, i) => (i * 7) & 0xff) } })] });
    const [bundle] = (await decodeApp(corruptMember(signed, `${ROOT}Assets.car`), options())).bundles;
    expect(bundle?.integrity.problems.map((p) => [p.code, p.path])).toEqual([['member-unreadable', 'Assets.car']]);
    expect(bundle?.integrity.status).toBe('unverifiable');
  });

  it('10,000 sealed files: all checked, intact', async () => {
    const [bundle] = (await decodeApp(await manySealedFiles(signature(), 10_000), options())).bundles;
    expect(bundle?.integrity).toEqual({ status: 'intact', problems: [] });
  }, 120_000);
});

describe('seeded damage inside code signatures', () => {
  it('300 cases (seed 9): only typed errors, every bundle judged, the intact one never', async () => {
    const signed = await makeApp({ bundles: [shapeBundle(signature())] });
    const rng = prng(9);
    const statuses = new Map<string, number>();
    let changed = 0;
    for (let i = 0; i < 300; i++) {
      const damaged = mutateSignature(rng, signed);
      try {
        const [bundle] = (await decodeApp(damaged, options())).bundles;
        const status = bundle?.integrity.status ?? 'none';
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status !== 'intact') changed++;
      } catch (error) {
        expect(isProvlensError(error), `case ${i}: ${String(error)}`).toBe(true);
      }
    }
    // Most flips land in sealed bytes; the few that do not (padding, the CMS's unsigned fields) may stay intact.
    expect(changed).toBeGreaterThan(200);
    expect([...statuses.keys()].every((s) => ['intact', 'modified', 'unverifiable', 'ad-hoc', 'unsigned'].includes(s))).toBe(true);
  }, 120_000);
});
