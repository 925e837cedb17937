// Hand-built, complete Profile / SignatureReport / ProfileResult values for the pure modules (findings, diff, exports).
// The default stands for a healthy in-house (enterprise) iOS profile made in 2026, signed by Apple, with a DER copy and
// one distribution certificate that outlives it: every rule is quiet on it except where a test changes one field.
import type { DeveloperCertificate, Profile, ProfileResult, SignatureReport } from '../../core/types';

export const TEAM = 'ABCDE12345';
export const NOW = new Date('2026-06-01T12:00:00.000Z');
export const DAY = 86_400_000;

/** An ISO string `days` whole days (plus `ms`) after NOW. */
export function afterNow(days: number, ms = 0): string {
  return new Date(NOW.getTime() + days * DAY + ms).toISOString();
}

export function buildCertificate(overrides: Partial<DeveloperCertificate> = {}): DeveloperCertificate {
  return {
    commonName: `iPhone Distribution: Example Corp (${TEAM})`,
    teamId: TEAM,
    organization: 'Example Corp',
    serialNumber: '5a1e0c3f9b2d4e61',
    issuer: 'Apple Worldwide Developer Relations Certification Authority',
    notBefore: '2025-01-10T08:00:00.000Z',
    notAfter: '2028-01-10T08:00:00.000Z',
    sha1: '1111111111111111111111111111111111111111',
    sha256: 'aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11',
    ...overrides,
  };
}

export function buildProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    name: 'Example In-House',
    uuid: '0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098',
    appIdName: 'Example',
    teamId: TEAM,
    teamName: 'Example Corp',
    applicationIdentifier: `${TEAM}.com.example.app`,
    applicationIdentifierPrefix: TEAM,
    bundleId: 'com.example.app',
    wildcard: false,
    platforms: ['iOS'],
    type: 'enterprise',
    createdAt: '2026-01-15T09:30:00.000Z',
    expiresAt: '2027-01-15T09:30:00.000Z',
    timeToLive: 365,
    provisionsAllDevices: true,
    devices: [],
    getTaskAllow: false,
    apsEnvironment: 'production',
    entitlements: {
      'application-identifier': `${TEAM}.com.example.app`,
      'com.apple.developer.team-identifier': TEAM,
      'get-task-allow': false,
      'keychain-access-groups': [`${TEAM}.*`],
      'aps-environment': 'production',
    },
    isXcodeManaged: false,
    certificates: [buildCertificate()],
    derProfile: { present: true, signature: 'valid', distributionType: 'IN_HOUSE', consistent: true, mismatches: [] },
    ...overrides,
  };
}

export function buildSignature(overrides: Partial<SignatureReport> = {}): SignatureReport {
  return {
    status: 'valid',
    signer: 'Apple iPhone OS Provisioning Profile Signing',
    chain: ['Apple iPhone OS Provisioning Profile Signing', 'Apple iPhone Certification Authority', 'Apple Root CA'],
    signedAt: '2026-01-15T09:30:00.000Z',
    signerValidNow: true,
    reason: null,
    ...overrides,
  };
}

export function buildResult(
  profile: Partial<Profile> = {},
  signature: Partial<SignatureReport> = {},
  file = 'Example_InHouse.mobileprovision',
): ProfileResult {
  return {
    kind: 'profile',
    file,
    ok: true,
    error: null,
    profile: buildProfile(profile),
    signature: buildSignature(signature),
    findings: [],
  };
}
