// The integrity rule (issue 19 part 4) and the two disagreements found on real apps (parts 5 and 6): `modified` only
// for bytes that disagree with a signed hash, a sealed file absent or an unsealed one present; `unverifiable` with the
// reason when ProvLens cannot tell; an expired certificate on an undated signature is what it is, not an untrusted
// signer; capabilities are judged only against an embedded profile that verified.
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeApp } from '../../../core/app/app';
import { integrityStatus, PROBLEM_WEIGHT } from '../../../core/app/integrity';
import { renewalVerdict } from '../../../core/app/verdict';
import { decodeProfile } from '../../../core/profile/profile';
import type { AppBundle, IntegrityCode, ProfileResult } from '../../../core/types';
import { alterApp, makeApp, type BundleSpec, type CodeSignatureSpec } from '../../fixtures/app-factory';
import { makeDeveloperCertificate, type DevCert } from '../../fixtures/factory';
import { APP_ID, NOW, TEAM, appFixtures, type AppFixtures } from './app-fixtures';

const ROOT = 'Payload/Field.app/';
const utf8 = new TextEncoder();
const ENTITLEMENTS = { 'application-identifier': `${TEAM}.${APP_ID}`, 'get-task-allow': false };

let f: AppFixtures;
let softwareSigning: DevCert;

beforeAll(async () => {
  f = await appFixtures();
  // Apple's own "Software Signing" certificate as it signed Xcode's test runners in 2016: long expired by NOW.
  softwareSigning = await makeDeveloperCertificate(f.pki, {
    commonName: 'Software Signing',
    teamId: 'APPLECOMPUTER',
    organization: 'Apple Inc.',
    notBefore: new Date('2013-04-12T00:00:00Z'),
    notAfter: new Date('2021-04-12T00:00:00Z'),
  });
}, 120_000);

async function spec(signature: Partial<CodeSignatureSpec> = {}, bundle: Partial<BundleSpec> = {}): Promise<BundleSpec> {
  return {
    path: ROOT,
    bundleId: APP_ID,
    profile: await f.profile(),
    resources: { 'Assets.car': utf8.encode('asset catalog') },
    executableContent: { slices: ['arm64'], signature: f.signedBy(f.developer, { entitlements: ENTITLEMENTS, ...signature }) },
    ...bundle,
  };
}

async function judge(ipa: Uint8Array, anchors?: readonly string[]): Promise<AppBundle> {
  const [bundle] = (await decodeApp(ipa, { now: NOW, trustedCaSha256: f.pki.trustedCaSha256, ...(anchors ? { codeSigningCaSha256: anchors } : {}) })).bundles;
  if (!bundle) throw new Error('no bundle');
  return bundle;
}

const problems = (bundle: AppBundle) => bundle.integrity.problems.map((p) => [p.code, p.path ?? null]);

describe('the rule, in one table', () => {
  it('only hash disagreements, sealed files absent and unsealed files present make a bundle modified', () => {
    const modified = Object.entries(PROBLEM_WEIGHT).filter(([, weight]) => weight === 'modified').map(([code]) => code).sort();
    expect(modified).toEqual([
      'code-modified', 'entitlements-modified', 'file-added', 'file-missing', 'file-modified', 'info-plist-modified',
      'nested-code-modified', 'requirements-modified', 'resources-seal-modified', 'signature-invalid', 'symlink-modified',
    ]);
    const unverifiable = Object.entries(PROBLEM_WEIGHT).filter(([, weight]) => weight === 'unverifiable').map(([code]) => code).sort();
    expect(unverifiable).toEqual([
      'entitlements-mismatch', 'executable-missing', 'member-unreadable', 'nested-too-deep', 'resources-malformed',
      'signature-malformed', 'symlink-escapes', 'too-many-files', 'untrusted-signer',
    ]);
  });

  it('the heaviest problem decides: modified, then unsigned, unverifiable, ad-hoc; a note changes nothing', () => {
    const status = (...codes: IntegrityCode[]) => integrityStatus(codes.map((code) => ({ code })));
    expect(status()).toBe('intact');
    expect(status('certificate-expired')).toBe('intact');
    expect(status('ad-hoc')).toBe('ad-hoc');
    expect(status('ad-hoc', 'member-unreadable')).toBe('unverifiable');
    expect(status('untrusted-signer', 'unsigned')).toBe('unsigned');
    expect(status('untrusted-signer', 'unsigned', 'file-added')).toBe('modified');
    expect(status('certificate-expired', 'file-missing')).toBe('modified');
  });

  it('every problem names its file, the blobs inside the executable included', async () => {
    const signed = await makeApp({ bundles: [await spec({ entitlementsAfterSigning: { ...ENTITLEMENTS, 'get-task-allow': true } })] });
    const altered = await judge(alterApp(signed, (m) => {
      m[`${ROOT}Assets.car`] = utf8.encode('another catalog');
      m[`${ROOT}inject.dylib`] = utf8.encode('payload');
    }));
    expect(problems(altered)).toEqual([
      ['entitlements-modified', 'field'],
      ['entitlements-modified', 'field'],
      ['file-modified', 'Assets.car'],
      ['file-added', 'inject.dylib'],
    ]);
    expect(altered.integrity.problems.every((p) => typeof p.path === 'string' && p.path.length > 0)).toBe(true);
  });

  it('an executable that is not there cannot be judged: unverifiable, with the reason and the file', async () => {
    const signed = await makeApp({ bundles: [await spec()] });
    const gone = await judge(alterApp(signed, (m) => void delete m[`${ROOT}field`]));
    expect(gone.integrity.status).toBe('unverifiable');
    expect(problems(gone)).toEqual([['executable-missing', 'field']]);
    expect(gone.integrity.problems[0]?.message).toMatch(/^The executable field that Info\.plist names is not in the archive/);
  });
});

describe('nested code sealed by its cdhash', () => {
  it('is modified when its executable is gone: the sealed code is absent', async () => {
    const kit: BundleSpec = {
      path: `${ROOT}Frameworks/Kit.framework/`,
      bundleId: 'com.contoso.kit',
      executable: 'Kit',
      sealedInParent: true,
      executableContent: { slices: ['arm64'], signature: f.signedBy(f.developer, { identifier: 'com.contoso.kit' }) },
    };
    const ipa = await makeApp({ bundles: [await spec(), kit] });
    expect((await judge(ipa)).integrity).toEqual({ status: 'intact', problems: [] });
    const gone = await judge(alterApp(ipa, (m) => void delete m[`${ROOT}Frameworks/Kit.framework/Kit`]));
    expect(gone.integrity.status).toBe('modified');
    expect(problems(gone)).toEqual([['nested-code-modified', 'Frameworks/Kit.framework/Kit']]);
  });
});

describe('an undated signature whose certificate has expired since (Apple\'s Software Signing, 2016)', () => {
  let runner: Uint8Array;
  beforeAll(async () => {
    runner = await makeApp({ bundles: [await spec({ signer: f.signedBy(softwareSigning).signer, teamId: null, signingTime: null })] });
  }, 60_000);

  it('is intact: the signature holds, and the certificate is reported as expired, not as an untrusted signer', async () => {
    const bundle = await judge(runner);
    expect(bundle.integrity.status).toBe('intact');
    expect(problems(bundle)).toEqual([['certificate-expired', 'field']]);
    expect(bundle.integrity.problems[0]?.message).toBe('arm64: the signing certificate "Software Signing" expired on 2021-04-12T00:00:00.000Z; the signature carries no signing time, and as of then it is valid and chains to a pinned Apple CA');
    expect(bundle.signingCertificate?.commonName).toBe('Software Signing');
  });

  it('the verdict says what stops it: an expired certificate, not a modified app', async () => {
    const profile = await decodeProfile(await f.profile({ developerCertificates: [softwareSigning] }), { trustedCaSha256: f.pki.trustedCaSha256, now: NOW });
    const result: ProfileResult = { kind: 'profile', file: 'p.mobileprovision', ok: true, error: null, ...profile, findings: [] };
    const app = await decodeApp(runner, { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });
    const codes = renewalVerdict(app, result, { now: NOW }).reasons.map((r) => r.code);
    expect(codes).toContain('certificate-expired');
    expect(codes).not.toContain('app-modified');
  });

  it('a dated signature is judged at its signing time, with nothing to report', async () => {
    const dated = await judge(await makeApp({ bundles: [await spec({ signer: f.signedBy(softwareSigning).signer, teamId: null, signingTime: new Date('2016-09-01T00:00:00Z') })] }));
    expect(dated.integrity).toEqual({ status: 'intact', problems: [] });
  });

  it('a signer that chains to no pinned CA is still untrusted, expired or not', async () => {
    const other = await judge(runner, ['00'.repeat(32)]);
    expect(other.integrity.status).toBe('unverifiable');
    expect(problems(other)).toEqual([['untrusted-signer', 'field']]);
    const undatedCurrent = await makeApp({ bundles: [await spec({ signingTime: null })] });
    expect(problems(await judge(undatedCurrent, ['00'.repeat(32)]))).toEqual([['untrusted-signer', 'field']]);
    expect((await judge(undatedCurrent)).integrity).toEqual({ status: 'intact', problems: [] });
  });
});

describe('capabilities against an embedded profile that is not a verified, signed profile', () => {
  it('a bare plist or a truncated file grants nothing known: unknown, with the reason', async () => {
    const bare = await judge(await makeApp({ bundles: [await spec({}, { profile: await f.profile({ encoding: 'xml-plist' }) })] }));
    expect(bare.profile?.profile?.uuid).toBeTruthy();
    expect(bare.capabilities.status).toBe('unknown');
    expect(bare.capabilities.reason).toMatch(/^the embedded profile is not a verified, Apple-signed profile \(unsigned/);
    const signed = await f.profile();
    const truncated = await judge(await makeApp({ bundles: [await spec({}, { profile: signed.subarray(0, Math.floor(signed.length * 0.6)) })] }));
    expect(truncated.capabilities.status).toBe('unknown');
    expect(truncated.capabilities.reason).toMatch(/^the embedded profile (is not a verified|cannot be read)/);
    expect(truncated.capabilities.entitlements).toEqual(ENTITLEMENTS);
  });

  it('a profile signed by another CA grants nothing known either; a verified one is judged', async () => {
    const ipa = await makeApp({ bundles: [await spec()] });
    const [untrusted] = (await decodeApp(ipa, { now: NOW, trustedCaSha256: ['00'.repeat(32)], codeSigningCaSha256: f.pki.trustedCaSha256 })).bundles;
    expect(untrusted?.capabilities).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/\(untrusted: not signed by Apple/) as unknown });
    expect((await judge(ipa)).capabilities).toEqual({ status: 'covered', notInProfile: [], entitlements: ENTITLEMENTS });
  });
});
