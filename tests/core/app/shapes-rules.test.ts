// Resource rules read as codesign's ResourceBuilder reads them (Security framework, resources.cpp): a rule whose value
// is false omits, like { omit: true }; the heaviest matching rule decides; and a path no rule matches is outside the
// seal (never hashed when the bundle was sealed, never looked at when iOS checks it), so it is not an unsealed file.
// Seals like this come from custom ResourceRules.plist files (CODE_SIGN_RESOURCE_RULES_PATH) and third-party signers.
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeApp } from '../../../core/app/app';
import { isOmitted, readResourceSeal, type ResourceSeal } from '../../../core/app/code-resources';
import type { AppBundle } from '../../../core/types';
import { flipByte, makeShapedApp, shapedCodeResources, writeZip } from '../../fixtures/app-shapes';
import { APP_ID, NOW, appFixtures, type AppFixtures } from './app-fixtures';

const utf8 = new TextEncoder();
const ROOT = 'Payload/Field.app/';
const RULES = {
  '^Resources/': true,
  '^Resources/.*\\.tmp$': { omit: true, weight: 5 },
  '^Scratch/': false,
  '^embedded\\.mobileprovision$': true,
};

let f: AppFixtures;
let members: Record<string, Uint8Array>;

beforeAll(async () => {
  f = await appFixtures();
  members = (await makeShapedApp([{
    path: ROOT,
    bundleId: APP_ID,
    executable: 'Field',
    slices: [{ cpu: 'arm64', codeBytes: 9000, signature: f.signedBy(f.developer) }],
    rules: RULES,
    resources: { 'Resources/catalog.json': utf8.encode('{}'), 'embedded.mobileprovision': await f.profile() },
    unsealed: { 'Resources/cache.tmp': utf8.encode('cache'), 'Scratch/log.txt': utf8.encode('log'), 'README.md': utf8.encode('readme') },
  }])).members;
}, 120_000);

async function judge(m: Record<string, Uint8Array>): Promise<AppBundle> {
  const [bundle] = (await decodeApp(writeZip(m), { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 })).bundles;
  if (!bundle) throw new Error('no bundle');
  return bundle;
}

function altered(change: (copy: Record<string, Uint8Array>) => void): Record<string, Uint8Array> {
  const copy = { ...members };
  change(copy);
  return copy;
}

describe('resource rules as ResourceBuilder reads them', () => {
  it('decide each path: false omits, the heavier rule wins, no rule leaves a path outside the seal', async () => {
    const seal = readResourceSeal(await shapedCodeResources({ rules: RULES }, {})) as ResourceSeal;
    const decided = ['Resources/a.png', 'Resources/a.tmp', 'Scratch/x', 'README.md', 'embedded.mobileprovision'].map((path) => [path, isOmitted(seal, path)]);
    expect(decided).toEqual([['Resources/a.png', false], ['Resources/a.tmp', true], ['Scratch/x', true], ['README.md', true], ['embedded.mobileprovision', false]]);
  });

  it('a seal with no rules at all excuses nothing', async () => {
    const bare = readResourceSeal(utf8.encode('<plist><dict><key>files</key><dict/></dict></plist>')) as ResourceSeal;
    expect(isOmitted(bare, 'README.md')).toBe(false);
  });

  it('the genuine bundle is intact with files outside its rules and files its rules omit', async () => {
    expect((await judge(members)).integrity).toEqual({ status: 'intact', problems: [] });
  });

  it('files outside the rules or omitted may change; a file the rules cover may not be added or changed', async () => {
    const outside = await judge(altered((m) => {
      flipByte(m, `${ROOT}README.md`, 0);
      m[`${ROOT}Scratch/more.txt`] = utf8.encode('more');
      m[`${ROOT}Resources/new.tmp`] = utf8.encode('tmp');
      m[`${ROOT}Notes/todo.txt`] = utf8.encode('todo');
    }));
    expect(outside.integrity).toEqual({ status: 'intact', problems: [] });
    const covered = await judge(altered((m) => {
      m[`${ROOT}Resources/extra.json`] = utf8.encode('[]');
      flipByte(m, `${ROOT}Resources/catalog.json`, 0);
    }));
    expect(covered.integrity.problems.map((p) => [p.code, p.path])).toEqual([['file-modified', 'Resources/catalog.json'], ['file-added', 'Resources/extra.json']]);
  });
});
