// A short seeded fuzz run inside `npm test` (the long run is `npm run fuzz -- --count 100000`), plus checks that the
// fuzzer's own oracle — which bytes the signature protects — is right, since a wrong oracle would hide violations.
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeProfile } from '../../core/profile/profile';
import { makeProfile, sharedTestPki, type TestPki } from '../fixtures/factory';
import { warnIfSharedFixturesMissing } from '../shared-fixtures';
import { loadCorpus, type Seed } from './corpus';
import { HOSTILE_KINDS } from './hostile';
import { touchesProtected, type Mutant } from './mutations';
import { fuzz } from './run';
import { signedLayout } from './tlv';

let seeds: Seed[];
let pki: TestPki;

beforeAll(async () => {
  warnIfSharedFixturesMissing();
  pki = await sharedTestPki();
  seeds = await loadCorpus();
}, 60_000);

describe('the fuzzer\'s oracle', () => {
  it('finds the eContent, signed attributes and signature in DER and indefinite-length BER alike', async () => {
    for (const encoding of ['cms-der', 'cms-ber-indefinite'] as const) {
      const bytes = await makeProfile(pki, { encoding });
      const layout = signedLayout(bytes);
      expect(layout?.protectedRanges, encoding).toHaveLength(3);
      const [content] = layout?.protectedRanges ?? [];
      const text = new TextDecoder('latin1').decode(bytes.subarray(content?.start, content?.end));
      expect(text, encoding).toContain('<key>UUID</key>');
    }
    expect(signedLayout(await makeProfile(pki, { encoding: 'xml-plist' }))).toBeNull();
  });

  it('calls a flip inside the content "touched" (and the decoder agrees: invalid), one in the certificate bag not', async () => {
    const bytes = await makeProfile(pki, {});
    const ranges = signedLayout(bytes)?.protectedRanges ?? [];
    const content = ranges[0];
    if (!content) throw new Error('no content range');
    const flipAt = (offset: number): Mutant => {
      const copy = bytes.slice();
      copy[offset] = (copy[offset] ?? 0) ^ 0x01;
      return { operator: 'test', bytes: copy, edit: { kind: 'in-place' } };
    };
    const inContent = flipAt(content.end - 40);
    expect(touchesProtected(bytes, inContent, ranges)).toBe(true);
    expect((await decodeProfile(inContent.bytes, { trustedCaSha256: pki.trustedCaSha256 })).signature.status).toBe('invalid');
    const afterContent = flipAt(content.end + 10);
    expect(touchesProtected(bytes, afterContent, ranges)).toBe(false);
    expect(touchesProtected(bytes, { operator: 'test', bytes: bytes.slice(0, content.end - 1), edit: { kind: 'truncate', at: content.end - 1 } }, ranges)).toBe(true);
    expect(touchesProtected(bytes, { operator: 'test', bytes: bytes.slice(0, content.end), edit: { kind: 'truncate', at: content.end } }, ranges.slice(0, 1))).toBe(false);
  });
});

describe('seeded fuzz run', () => {
  it('2,000 cases (seed 20261127): only ProvlensError, ≤ 100 ms each, nothing tampered is valid, no pollution', async () => {
    const summary = await fuzz(seeds, { count: 2000, seed: 20261127 });
    expect(summary.violations).toEqual([]);
    expect(summary.cases).toBe(2000);
    // The run must have exercised the properties, not skirted them.
    expect(summary.touchedSigned).toBeGreaterThan(500);
    expect(summary.outcomes.invalid ?? 0).toBeGreaterThan(0);
    expect(summary.outcomes.valid ?? 0).toBeGreaterThan(0);
    expect(summary.operators['string-retag'] ?? 0).toBeGreaterThan(0);
    expect(Object.keys(summary.operators).filter((name) => name.startsWith('hostile/'))).toHaveLength(HOSTILE_KINDS);
    expect(Object.keys(summary.operators).filter((name) => name.startsWith('signed-hostile/'))).toHaveLength(HOSTILE_KINDS);
    // Issue 14's CMS shapes ran, the ones that must stay valid among them.
    const shapes = Object.keys(summary.operators).filter((name) => name.startsWith('cms-shape/'));
    expect(shapes.length).toBeGreaterThanOrEqual(10);
    expect(shapes).toContain('cms-shape/broken-decoy-intermediate-first');
  }, 300_000);
});
