// `provlens diff` in words: the core's labels, certificate expiry, the signatures compared, devices counted.
import { describe, expect, it } from 'vitest';
import { diffProfiles } from '../../core/profile/diff';
import { formatDiff } from '../../cli/human-diff';
import { plain } from '../../cli/style';
import { TEAM, buildCertificate, buildResult } from '../core/profile-builder';

const before = buildResult({ uuid: '11111111-2222-4333-8444-555555555555', expiresAt: '2027-01-15T09:30:00.000Z', devices: ['00008030-000A', '00008030-000B'], provisionsAllDevices: false });
const after = buildResult(
  {
    uuid: '22222222-3333-4444-8555-666666666666',
    expiresAt: '2028-01-15T09:30:00.000Z',
    devices: ['00008030-000B', '00008030-000C', '00008030-000D'],
    provisionsAllDevices: false,
    certificates: [buildCertificate({ sha256: 'bb22'.repeat(16), notAfter: '2030-01-10T08:00:00.000Z' })],
  },
  { status: 'invalid', signedAt: '2027-01-10T08:00:00.000Z' },
);

describe('formatDiff', () => {
  it('labels fields, dates certificates, compares signatures and counts devices', () => {
    if (!before.profile || !after.profile) throw new Error('built results have profiles');
    const text = formatDiff(before, after, diffProfiles(before.profile, after.profile), plain);
    const lines = text.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '  ~ UUID: 11111111-2222-4333-8444-555555555555 → 22222222-3333-4444-8555-666666666666',
        '  ~ Expires: 2027-01-15T09:30:00.000Z → 2028-01-15T09:30:00.000Z',
        '  ~ Signature: valid → invalid',
        '  ~ Signed at: 2026-01-15T09:30:00.000Z → 2027-01-10T08:00:00.000Z',
        `  + certificate iPhone Distribution: Example Corp (${TEAM}), expires 2030-01-10T08:00:00.000Z (sha256 ${'bb22'.repeat(16)})`,
        '  ~ Devices: 2 → 3 (2 added, 1 removed)',
        '  + device 00008030-000C',
        '  - device 00008030-000A',
      ]),
    );
    expect(text).not.toMatch(/expiresAt|Signed by:/);
  });

  it('says so when nothing changed', () => {
    if (!before.profile) throw new Error('built result has a profile');
    expect(formatDiff(before, before, diffProfiles(before.profile, before.profile), plain).trimEnd().split('\n').at(-1)).toBe('  no differences');
  });
});
