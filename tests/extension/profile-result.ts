// A decoded-profile result as the core would return it, for tests of what the extension does with one (storing,
// counting, annotating). Decoding itself is tested in tests/core and, for the extension, end to end in real Chromium.
import type { Finding, Profile, ProfileResult, SignatureStatus } from '../../core/types';

export interface ResultSpec {
  name: string;
  uuid: string;
  expiresAt: string;
  type?: Profile['type'];
  appId?: string;
  signature?: SignatureStatus;
  findings?: Finding[];
  certificateNotAfter?: string;
}

export function profileResult(spec: ResultSpec): ProfileResult {
  const appId = spec.appId ?? 'A1B2C3D4E5.com.example.field';
  const [prefix = '', ...rest] = appId.split('.');
  const profile: Profile = {
    name: spec.name,
    uuid: spec.uuid,
    appIdName: 'Field App',
    teamId: prefix,
    teamName: 'Example Corp',
    applicationIdentifier: appId,
    applicationIdentifierPrefix: prefix,
    bundleId: rest.join('.'),
    wildcard: appId.endsWith('*'),
    platforms: ['iOS'],
    type: spec.type ?? 'enterprise',
    createdAt: '2026-01-10T08:00:00.000Z',
    expiresAt: spec.expiresAt,
    timeToLive: 365,
    provisionsAllDevices: (spec.type ?? 'enterprise') === 'enterprise',
    devices: [],
    getTaskAllow: false,
    apsEnvironment: null,
    entitlements: { 'application-identifier': appId },
    isXcodeManaged: false,
    certificates: [
      {
        commonName: 'iPhone Distribution: Example Corp',
        teamId: prefix,
        organization: 'Example Corp',
        serialNumber: '0a1b',
        issuer: 'Apple Worldwide Developer Relations Certification Authority',
        notBefore: '2025-06-01T00:00:00.000Z',
        notAfter: spec.certificateNotAfter ?? '2028-06-01T00:00:00.000Z',
        sha1: 'aa'.repeat(20),
        sha256: 'bb'.repeat(32),
      },
    ],
    derProfile: { present: false, signature: null, distributionType: null, consistent: null, mismatches: [] },
  };
  const status = spec.signature ?? 'valid';
  return {
    kind: 'profile',
    file: `${spec.name}.mobileprovision`,
    ok: true,
    error: null,
    profile,
    signature: {
      status,
      signer: 'Apple iPhone OS Provisioning Profile Signing',
      chain: ['Apple iPhone OS Provisioning Profile Signing', 'Apple iPhone Certification Authority', 'Apple Root CA'],
      signedAt: '2026-01-10T08:00:00.000Z',
      signerValidNow: true,
      reason: status === 'valid' ? null : `signature ${status}`,
    },
    findings: spec.findings ?? [],
  };
}
