import { describe, expect, it } from 'vitest';
import { compareSignatures, diffProfiles, fieldLabel, sameJson } from '../../core/profile/diff';
import { decodeProfile } from '../../core/profile';
import { hasSharedFixtures, readShared, warnIfSharedFixturesMissing } from '../shared-fixtures';
import { TEAM, buildCertificate, buildProfile } from './profile-builder';

warnIfSharedFixturesMissing();

// A yearly ad hoc renewal: Apple issues a new UUID and dates, the team rotated its distribution certificate, two test
// devices were registered and one retired, push moved to production and an app group was added.
const oldCert = buildCertificate({ commonName: `iPhone Distribution: Example Corp (${TEAM})`, sha256: 'aa11'.repeat(16) });
const newCert = buildCertificate({ commonName: `iPhone Distribution: Example Corp (${TEAM})`, sha256: 'cc33'.repeat(16), notAfter: '2029-02-01T00:00:00.000Z' });
const before = buildProfile({
  type: 'adhoc',
  uuid: '11111111-2222-4333-8444-555555555555',
  createdAt: '2025-02-01T10:00:00.000Z',
  expiresAt: '2026-02-01T10:00:00.000Z',
  provisionsAllDevices: false,
  devices: ['00008030-000A', '00008030-000B'],
  certificates: [oldCert],
  entitlements: { 'application-identifier': `${TEAM}.com.example.app`, 'aps-environment': 'development', 'get-task-allow': false },
  apsEnvironment: 'development',
});
const after = buildProfile({
  ...before,
  uuid: '66666666-7777-4888-9999-aaaaaaaaaaaa',
  createdAt: '2026-01-20T10:00:00.000Z',
  expiresAt: '2027-01-20T10:00:00.000Z',
  devices: ['00008030-000B', '00008030-000C', '00008110-000D'],
  certificates: [newCert],
  entitlements: {
    'get-task-allow': false,
    'aps-environment': 'production',
    'application-identifier': `${TEAM}.com.example.app`,
    'com.apple.security.application-groups': ['group.com.example.shared'],
  },
  apsEnvironment: 'production',
});

describe('diffProfiles', () => {
  it('reports a renewal: rotated certificate, devices, changed and added entitlements, new dates', () => {
    const diff = diffProfiles(before, after);
    expect(diff.changes).toEqual([
      { field: 'uuid', label: 'UUID', before: '11111111-2222-4333-8444-555555555555', after: '66666666-7777-4888-9999-aaaaaaaaaaaa' },
      { field: 'createdAt', label: 'Created', before: '2025-02-01T10:00:00.000Z', after: '2026-01-20T10:00:00.000Z' },
      { field: 'expiresAt', label: 'Expires', before: '2026-02-01T10:00:00.000Z', after: '2027-01-20T10:00:00.000Z' },
      { field: 'apsEnvironment', label: 'Push environment', before: 'development', after: 'production' },
    ]);
    // Same common name on both sides: only the fingerprint tells the rotation apart; the expiry says which is new.
    expect(diff.certificatesAdded).toEqual([
      { sha256: 'cc33'.repeat(16), commonName: `iPhone Distribution: Example Corp (${TEAM})`, notAfter: '2029-02-01T00:00:00.000Z' },
    ]);
    expect(diff.certificatesRemoved).toEqual([
      { sha256: 'aa11'.repeat(16), commonName: `iPhone Distribution: Example Corp (${TEAM})`, notAfter: oldCert.notAfter },
    ]);
    expect(diff.devicesAdded).toEqual(['00008030-000C', '00008110-000D']);
    expect(diff.devicesRemoved).toEqual(['00008030-000A']);
    expect(diff.deviceCounts).toEqual({ before: 2, after: 3 });
    expect(diff.entitlementsAdded).toEqual([
      {
        key: 'com.apple.security.application-groups',
        value: ['group.com.example.shared'],
        explanation: "App groups: containers the app shares with its extensions and the team's other apps.",
      },
    ]);
    expect(diff.entitlementsRemoved).toEqual([]);
    expect(diff.entitlementsChanged).toEqual([
      {
        field: 'aps-environment',
        label: 'aps-environment',
        explanation: 'Push notifications: "development" uses Apple\'s sandbox push servers, "production" the live ones.',
        before: 'development',
        after: 'production',
      },
    ]);
    expect(diff.signature).toBeUndefined();
  });

  it('labels every profile field a reader sees, and leaves unknown keys as they are', () => {
    expect(['applicationIdentifier', 'teamId', 'type', 'expiresAt', 'provisionsAllDevices'].map(fieldLabel)).toEqual([
      'App ID',
      'Team',
      'Type',
      'Expires',
      'All devices',
    ]);
    expect(fieldLabel('constructor')).toBe('constructor');
    const diff = diffProfiles(before, buildProfile({ ...before, entitlements: { ...before.entitlements, 'x-custom': 1 } }));
    expect(diff.entitlementsAdded).toEqual([{ key: 'x-custom', value: 1, explanation: null }]);
  });

  it('compares the signatures when given: a re-signed renewal changes only its signing time', () => {
    const signed = (signedAt: string, status: 'valid' | 'invalid' = 'valid') => ({
      status,
      signer: 'Apple iPhone OS Provisioning Profile Signing',
      chain: [],
      signedAt,
      signerValidNow: true,
      reason: null,
    });
    const renewal = diffProfiles(before, after, { before: signed('2025-02-01T10:00:00.000Z'), after: signed('2026-01-20T10:00:00.000Z') });
    expect(renewal.signature).toEqual({
      before: { status: 'valid', signer: 'Apple iPhone OS Provisioning Profile Signing', signedAt: '2025-02-01T10:00:00.000Z' },
      after: { status: 'valid', signer: 'Apple iPhone OS Provisioning Profile Signing', signedAt: '2026-01-20T10:00:00.000Z' },
      changes: [{ field: 'signedAt', label: 'Signed at', before: '2025-02-01T10:00:00.000Z', after: '2026-01-20T10:00:00.000Z' }],
    });
    // A bare plist against a tampered copy: every field differs, and "no signature" reads as null.
    expect(compareSignatures(null, signed('2026-01-20T10:00:00.000Z', 'invalid')).changes).toEqual([
      { field: 'status', label: 'Signature', before: null, after: 'invalid' },
      { field: 'signer', label: 'Signed by', before: null, after: 'Apple iPhone OS Provisioning Profile Signing' },
      { field: 'signedAt', label: 'Signed at', before: null, after: '2026-01-20T10:00:00.000Z' },
    ]);
  });

  it('is empty for the same profile and symmetric when reversed', () => {
    expect(diffProfiles(before, before)).toEqual({
      changes: [],
      certificatesAdded: [],
      certificatesRemoved: [],
      devicesAdded: [],
      devicesRemoved: [],
      deviceCounts: { before: 2, after: 2 },
      entitlementsAdded: [],
      entitlementsRemoved: [],
      entitlementsChanged: [],
    });
    const reversed = diffProfiles(after, before);
    expect(reversed.entitlementsRemoved.map(({ key, value }) => ({ key, value }))).toEqual([
      { key: 'com.apple.security.application-groups', value: ['group.com.example.shared'] },
    ]);
    expect(reversed.devicesAdded).toEqual(['00008030-000A']);
  });

  it('sees team, type and platform changes, and hostile entitlement names as plain keys', () => {
    const moved = buildProfile({ ...before, teamId: 'ZZZZZ99999', type: 'enterprise', platforms: ['iOS', 'xrOS'], entitlements: { ...before.entitlements, constructor: true } });
    const diff = diffProfiles(before, moved);
    expect(diff.changes.map((change) => change.field)).toEqual(['teamId', 'type', 'platforms']);
    expect(diff.changes.map((change) => change.label)).toEqual(['Team', 'Type', 'Platforms']);
    expect(diff.entitlementsAdded).toEqual([{ key: 'constructor', value: true, explanation: null }]);
  });
});

describe('sameJson', () => {
  it('ignores key order but not array order or types', () => {
    expect(sameJson({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: null }, { b: null })).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
    expect(sameJson([], {})).toBe(false);
  });
});

// fastlane's fixtures hold a real App Store renewal: the same app ID a month apart, under a rotated certificate.
describe.runIf(hasSharedFixtures)('diffProfiles on a real renewal', () => {
  it('sees the new UUID, dates and certificate fingerprint', async () => {
    const [older, newer] = await Promise.all(
      ['fastlane_match_test.mobileprovision', 'fastlane_match_AppStore_tools.fastlane.app.mobileprovision'].map((file) =>
        decodeProfile(readShared(`profiles/${file}`)),
      ),
    );
    if (!older || !newer) throw new Error('both fixtures decode');
    const diff = diffProfiles(older.profile, newer.profile, { before: older.signature, after: newer.signature });
    expect(diff.changes.map((change) => change.field)).toEqual(expect.arrayContaining(['name', 'uuid', 'createdAt', 'expiresAt']));
    expect(diff.changes.find((change) => change.field === 'uuid')).toEqual({
      field: 'uuid',
      label: 'UUID',
      before: '98264c6b-5151-4349-8d0f-66691e48ae35',
      after: '736590c3-dfe8-4c25-b2eb-2404b8e65fb8',
    });
    expect(diff.changes.find((change) => change.field === 'expiresAt')?.after).toBe('2016-12-03T03:02:08.000Z');
    expect(diff.changes.map((change) => change.field)).not.toContain('applicationIdentifier');
    expect(diff.certificatesRemoved.map((c) => c.sha256)).toEqual(['e9bf35d483cab66180141e9eadc2567a79f14cfccf1697a4fbf1a96d4d250f68']);
    expect(diff.certificatesAdded.map((c) => c.sha256)).toEqual(['bb6b76592d44535476188b59541eef92c38b3a01f52e8101b9db4e8519563e1a']);
    expect(diff.certificatesAdded[0]?.notAfter).toBe('2016-12-03T03:02:08.000Z');
    expect(diff.devicesAdded).toEqual([]);
    // Both signed by Apple's profile-signing certificate; only the signing time moved.
    expect(diff.signature?.after).toEqual({ status: 'valid', signer: 'Apple iPhone OS Provisioning Profile Signing', signedAt: '2015-12-04T03:13:56.000Z' });
    expect(diff.signature?.changes).toEqual([
      { field: 'signedAt', label: 'Signed at', before: '2015-11-08T21:09:03.000Z', after: '2015-12-04T03:13:56.000Z' },
    ]);
  });
});
