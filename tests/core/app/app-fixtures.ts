// Shared set-up for the app reader's tests: one developer certificate per team and in-house profiles for a
// "Contoso Field" app with a share extension, judged at a fixed clock.
import { codeSigningIdentity, type CodeSignatureSpec, type MachOSpec } from '../../fixtures/app-factory';
import { makeDeveloperCertificate, makeProfile, sharedTestPki, type DevCert, type ProfileSpec, type TestPki } from '../../fixtures/factory';

export const NOW = new Date('2026-06-01T00:00:00Z');
export const TEAM = 'CONTOSO123';
export const APP_ID = 'com.contoso.field';
export const EXTENSION_ID = 'com.contoso.field.share';

export interface AppFixtures {
  pki: TestPki;
  /** Signs the app; listed in the in-house profiles. */
  developer: DevCert;
  /** Same team, a newer certificate: what a renewed profile may list instead. */
  successor: DevCert;
  /** Another team's certificate. */
  stranger: DevCert;
  profile(spec?: ProfileSpec): Promise<Uint8Array>;
  signedBy(cert: DevCert, extra?: Partial<CodeSignatureSpec>): CodeSignatureSpec;
  machO(cert: DevCert, slices?: MachOSpec['slices']): MachOSpec;
}

let shared: Promise<AppFixtures> | null = null;

export function appFixtures(): Promise<AppFixtures> {
  shared ??= build();
  return shared;
}

async function build(): Promise<AppFixtures> {
  const pki = await sharedTestPki();
  const developer = await makeDeveloperCertificate(pki, {
    commonName: `iPhone Distribution: Contoso Ltd (${TEAM})`,
    teamId: TEAM,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2028-01-01T00:00:00Z'),
  });
  const successor = await makeDeveloperCertificate(pki, {
    commonName: `iPhone Distribution: Contoso Ltd (${TEAM})`,
    teamId: TEAM,
    notBefore: new Date('2026-05-01T00:00:00Z'),
    notAfter: new Date('2029-05-01T00:00:00Z'),
  });
  const stranger = await makeDeveloperCertificate(pki, {
    commonName: 'iPhone Distribution: Fabrikam Inc (FABRIKAM99)',
    teamId: 'FABRIKAM99',
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2028-01-01T00:00:00Z'),
  });
  const fixtures: AppFixtures = {
    pki,
    developer,
    successor,
    stranger,
    profile: (spec = {}) =>
      makeProfile(pki, {
        type: 'enterprise',
        teamId: TEAM,
        teamName: 'Contoso Ltd',
        bundleId: APP_ID,
        name: 'Contoso Field In-House',
        createdAt: new Date('2026-03-01T00:00:00Z'),
        expiresAt: new Date('2027-03-01T00:00:00Z'),
        developerCertificates: [developer],
        ...spec,
      }),
    signedBy: (cert, extra = {}) => ({ signer: codeSigningIdentity(pki, cert), identifier: APP_ID, teamId: cert.teamId, ...extra }),
    machO: (cert, slices = ['arm64']) => ({ slices, signature: fixtures.signedBy(cert) }),
  };
  return fixtures;
}
