// The panel's model for an .ipa chosen in the portal: Intune's two app checks per bundle, on synthetic apps signed
// with the test CA (tests/fixtures/app-factory.ts) and altered after signing the way real tools alter them.
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeApp } from '../../core/app/app';
import type { DecodedApp } from '../../core/types';
import { annotationModel, type AnnotationModel } from '../../extension/content/annotation-model';
import { alterApp, makeApp, type BundleSpec } from '../fixtures/app-factory';
import { APP_ID, EXTENSION_ID, NOW, TEAM, appFixtures, type AppFixtures } from '../core/app/app-fixtures';

const ROOT = 'Payload/Field.app/';
const SHARE = `${ROOT}PlugIns/Share.appex/`;
const GRANTED = { 'application-identifier': `${TEAM}.${APP_ID}`, 'keychain-access-groups': [`${TEAM}.${APP_ID}`], 'get-task-allow': false };

let f: AppFixtures;
let signed: Uint8Array;

async function bundle(path: string, bundleId: string, entitlements: Record<string, unknown>): Promise<BundleSpec> {
  return {
    path,
    bundleId,
    profile: await f.profile({ bundleId }),
    resources: { 'Assets.car': new TextEncoder().encode('asset catalog') },
    executableContent: { slices: ['arm64'], codeBytes: 5000, signature: f.signedBy(f.developer, { identifier: bundleId, entitlements }) },
  };
}

async function model(ipa: Uint8Array, trusted = true): Promise<AnnotationModel> {
  const app: DecodedApp = await decodeApp(ipa, { now: NOW, ...(trusted ? { trustedCaSha256: f.pki.trustedCaSha256 } : {}) });
  const [main] = app.bundles;
  if (!main?.profile) throw new Error('no main bundle with a profile');
  return annotationModel(main.profile, {
    now: NOW,
    warnDays: 30,
    app: { name: main.name ?? 'app', certificateNotAfter: main.signingCertificate?.notAfter ?? null, bundles: app.bundles },
  });
}

const fact = (m: AnnotationModel, label: string) => m.facts.find((f) => f.label === label)?.value;

beforeAll(async () => {
  f = await appFixtures();
  signed = await makeApp({ bundles: [await bundle(ROOT, APP_ID, GRANTED)] });
}, 120_000);

describe("the panel for an .ipa: Intune's two app checks", () => {
  it('an intact app whose entitlements its profile grants reads intact and covered, and nothing heads the verdict but the profile', async () => {
    const m = await model(signed);
    expect(fact(m, 'Installation file integrity')).toBe('Intact: every sealed file and code page matches the signature');
    expect(fact(m, 'Capabilities enforcement')).toBe('Covered: the embedded profile grants every signed entitlement');
    expect(m.reasons.map((r) => r.code)).not.toContain('app-modified');
    expect(m.reasons.map((r) => r.code)).not.toContain('capabilities-not-in-profile');
    expect(m.headline).not.toMatch(/App modified|Capabilities not in profile/);
  });

  it('an app with a resource replaced and a file added after signing is a dead end named first, with the files', async () => {
    const altered = alterApp(signed, (members) => {
      members[`${ROOT}Assets.car`] = new TextEncoder().encode('another catalog');
      members[`${ROOT}extra.txt`] = new TextEncoder().encode('dropped in later');
    });
    const m = await model(altered);
    expect(m.tone).toBe('error');
    expect(m.headline).toMatch(/^App modified(: | · )/);
    expect(m.headline).toMatch(/no profile Intune pushes can keep this app launching\.$/);
    expect(m.reasons[0]).toMatchObject({ code: 'app-modified', message: expect.stringMatching(/^Field\.app was changed after it was signed \(Assets\.car /) });
    expect(m.reasons[0]?.fix).toMatch(/^Re-export an unmodified app/);
    const integrity = fact(m, 'Installation file integrity');
    expect(integrity).toMatch(/^MODIFIED after signing: iOS and Intune will refuse it\. /);
    expect(integrity).toContain('Assets.car does not match the hash sealed in CodeResources');
    expect(integrity).toContain('extra.txt is in the bundle but sealed nowhere');
  });

  it('an app signed with capabilities its profile lacks names the keys, after integrity and before the profile', async () => {
    const asks = { ...GRANTED, 'com.apple.developer.healthkit': true, 'aps-environment': 'development' };
    const m = await model(await makeApp({ bundles: [await bundle(ROOT, APP_ID, asks)] }));
    expect(m.tone).toBe('error');
    expect(m.headline).toMatch(/^Capabilities not in profile(: | · )/);
    expect(fact(m, 'Installation file integrity')).toMatch(/^Intact/);
    expect(fact(m, 'Capabilities enforcement')).toBe('NOT in the embedded profile: com.apple.developer.healthkit, aps-environment');
    expect(m.reasons[0]).toMatchObject({
      code: 'capabilities-not-in-profile',
      message: 'Field.app was signed with entitlements its embedded profile does not grant: com.apple.developer.healthkit, aps-environment',
    });
    expect(m.reasons[0]?.fix).toMatch(/^Add the capabilities to the App ID/);
  });

  it('labels each bundle of an app with an extension, the .app first, and says which one exceeds', async () => {
    const share = { 'application-identifier': `${TEAM}.${EXTENSION_ID}`, 'com.apple.security.application-groups': ['group.contoso'] };
    const ipa = await makeApp({ bundles: [await bundle(ROOT, APP_ID, GRANTED), await bundle(SHARE, EXTENSION_ID, share)] });
    const m = await model(ipa);
    const labels = m.facts.map((f) => f.label).filter((label) => /^(Installation|Capabilities)/.test(label));
    expect(labels).toEqual([
      'Installation file integrity (Field.app)',
      'Capabilities enforcement (Field.app)',
      'Installation file integrity (Share.appex)',
      'Capabilities enforcement (Share.appex)',
    ]);
    expect(fact(m, 'Capabilities enforcement (Share.appex)')).toBe('NOT in the embedded profile: com.apple.security.application-groups');
    expect(m.reasons[0]?.message).toMatch(/^Share\.appex was signed with/);
  });

  it('names what changed before who signed, as the extension sees a test-CA app (its CA pinned nowhere)', async () => {
    const m = await model(alterApp(signed, (members) => void (members[`${ROOT}Assets.car`] = new Uint8Array([9]))), false);
    expect(m.headline).toMatch(/^App modified · Not signed by Apple: /);
    expect(m.reasons[0]?.message).toMatch(/^Field\.app was changed after it was signed \(Assets\.car does not match/);
    expect(fact(m, 'Installation file integrity')).toMatch(/refuse it\. Assets\.car does not match the hash sealed in CodeResources; field: arm64: /);
  });

  it('shows at most three problems and counts the rest', async () => {
    const altered = alterApp(signed, (members) => {
      for (const name of ['a', 'b', 'c', 'd', 'e']) members[`${ROOT}${name}.txt`] = new Uint8Array([1]);
    });
    const integrity = fact(await model(altered), 'Installation file integrity') ?? '';
    expect(integrity.split('; ')).toHaveLength(4);
    expect(integrity).toMatch(/; and 2 more$/);
  });
});
