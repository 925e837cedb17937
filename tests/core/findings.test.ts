import { describe, expect, it } from 'vitest';
import { daysLeft, findings, formatUtc } from '../../core/profile/findings';
import type { Finding, FindingCode, FindingOptions, Profile, SignatureReport } from '../../core/types';
import { DAY, NOW, TEAM, afterNow, buildCertificate, buildProfile, buildSignature } from './profile-builder';

function run(profile: Partial<Profile> = {}, signature: Partial<SignatureReport> = {}, options: FindingOptions = { now: NOW }): Finding[] {
  return findings({ profile: buildProfile(profile), signature: buildSignature(signature) }, options);
}

function find(list: Finding[], code: FindingCode): Finding | undefined {
  return list.find((item) => item.code === code);
}

describe('daysLeft', () => {
  it('counts whole days toward zero and goes negative once a whole day has passed', () => {
    expect(daysLeft(afterNow(30), NOW)).toBe(30);
    expect(daysLeft(afterNow(30, -1), NOW)).toBe(29);
    expect(daysLeft(afterNow(0, 1), NOW)).toBe(0);
    expect(daysLeft(afterNow(0, -1), NOW)).toBe(0);
    expect(daysLeft(afterNow(-925, -1), NOW)).toBe(-925);
    expect(daysLeft(afterNow(-926), NOW)).toBe(-926);
    expect(daysLeft('2027-01-15T09:30:00.000Z', NOW)).toBe(227);
  });

  it('formats messages in UTC', () => {
    expect(formatUtc('2027-01-15T09:30:59.999Z')).toBe('2027-01-15 09:30 UTC');
    expect(formatUtc('not a date')).toBe('not a date');
  });
});

describe('findings', () => {
  it('is silent on a healthy in-house profile', () => {
    expect(run()).toEqual([]);
  });

  it('uses the current time when no clock is given', () => {
    const list = run({ expiresAt: '2001-01-01T00:00:00.000Z' }, {}, {});
    expect(find(list, 'expired')?.severity).toBe('error');
  });

  describe('expired', () => {
    it('fires 1 ms after expiry and at the very instant, with the date and days ago', () => {
      const late = find(run({ expiresAt: afterNow(0, -1) }), 'expired');
      expect(late).toMatchObject({ severity: 'error' });
      expect(late?.message).toContain('2026-06-01 11:59 UTC');
      expect(late?.message).toContain('(less than a day ago)');
      expect(find(run({ expiresAt: afterNow(0) }), 'expired')).toBeDefined();
      expect(find(run({ expiresAt: afterNow(-12) }), 'expired')?.message).toContain('12 days ago');
    });

    it('does not fire 1 ms before expiry (expires-soon does instead)', () => {
      const list = run({ expiresAt: afterNow(0, 1) });
      expect(find(list, 'expired')).toBeUndefined();
      expect(find(list, 'expires-soon')?.message).toContain('less than a day left');
    });
  });

  describe('expires-soon', () => {
    it('fires at exactly 30 days left and not at 31', () => {
      const soon = find(run({ expiresAt: afterNow(30) }), 'expires-soon');
      expect(soon).toMatchObject({ severity: 'warning' });
      expect(soon?.message).toContain('30 days left');
      expect(find(run({ expiresAt: afterNow(31) }), 'expires-soon')).toBeUndefined();
      // 30 days 23 h shows as "30 days left", so it warns too: the number shown and the warning always agree.
      expect(find(run({ expiresAt: afterNow(31, -1) }), 'expires-soon')?.message).toContain('30 days left');
    });

    it('follows the warnDays option', () => {
      expect(find(run({ expiresAt: afterNow(45) }, {}, { now: NOW, warnDays: 60 }), 'expires-soon')).toBeDefined();
      expect(find(run({ expiresAt: afterNow(8) }, {}, { now: NOW, warnDays: 7 }), 'expires-soon')).toBeUndefined();
      expect(find(run({ expiresAt: afterNow(7) }, {}, { now: NOW, warnDays: 7 }), 'expires-soon')?.message).toContain('7 days left');
    });
  });

  it('not-in-house: info for every type but enterprise', () => {
    const expected = [
      ['development', 'A development profile'],
      ['adhoc', 'An ad hoc profile'],
      ['appstore', 'An App Store profile'],
      ['developer-id', 'A Developer ID profile'],
    ] as const;
    for (const [type, wording] of expected) {
      const item = find(run({ type }), 'not-in-house');
      expect(item?.severity).toBe('info');
      expect(item?.message).toContain(wording);
    }
    expect(find(run({ type: 'enterprise' }), 'not-in-house')).toBeUndefined();
  });

  it('signature-invalid: error carrying the reason', () => {
    const item = find(run({}, { status: 'invalid', reason: 'message digest mismatch' }), 'signature-invalid');
    expect(item).toMatchObject({ severity: 'error' });
    expect(item?.message).toContain('message digest mismatch');
    expect(find(run({}, { status: 'untrusted' }), 'signature-invalid')).toBeUndefined();
  });

  it('not-apple-signed: error when untrusted, warning when unsigned, absent when valid', () => {
    const untrusted = find(run({}, { status: 'untrusted', signer: 'TestFixture', reason: 'no pinned CA' }), 'not-apple-signed');
    expect(untrusted?.severity).toBe('error');
    expect(untrusted?.message).toContain('TestFixture');
    expect(find(run({}, { status: 'unsigned', signer: null }), 'not-apple-signed')?.severity).toBe('warning');
    expect(find(run(), 'not-apple-signed')).toBeUndefined();
    expect(find(run({}, { status: 'invalid' }), 'not-apple-signed')).toBeUndefined();
  });

  it('not-apple-signed: a signer named like Apple is a claim, never "signed by Apple … not by Apple"', () => {
    const forged = find(run({}, { status: 'untrusted', signer: 'Apple iPhone OS Provisioning Profile Signing' }), 'not-apple-signed');
    expect(forged?.message).toContain('claims to be Apple\'s "Apple iPhone OS Provisioning Profile Signing"');
    expect(forged?.message).toContain("does not chain to Apple's certificate authorities");
    expect(forged?.message).not.toContain('not by Apple');
  });

  it('renewal fix texts fit the type and platform: only in-house iOS profiles are pushed with Intune', () => {
    const fix = (overrides: Parameters<typeof run>[0]) => find(run({ expiresAt: afterNow(-2), ...overrides }), 'expired')?.fix ?? '';
    expect(fix({ type: 'enterprise' })).toContain("Intune's iOS app provisioning profiles");
    for (const type of ['development', 'appstore', 'adhoc'] as const) {
      expect(fix({ type }), type).not.toMatch(/Intune|re-export the \.ipa/);
    }
    expect(fix({ type: 'developer-id', platforms: ['OSX'] })).not.toContain('Intune');
    expect(fix({ type: 'enterprise', platforms: ['OSX'] })).not.toContain('Intune');
    expect(fix({ type: 'appstore' })).toContain('re-signed by Apple');
  });

  describe('certificate-expired', () => {
    const old = buildCertificate({ commonName: 'iPhone Distribution: Old', notAfter: afterNow(-1) });
    it('fires only when every certificate has expired (1 ms counts)', () => {
      const justNow = buildCertificate({ notAfter: afterNow(0, -1) });
      const item = find(run({ certificates: [old, justNow] }), 'certificate-expired');
      expect(item?.severity).toBe('error');
      expect(item?.message).toContain('iPhone Distribution: Old');
      expect(find(run({ certificates: [old, buildCertificate({ notAfter: afterNow(0, 1) })] }), 'certificate-expired')).toBeUndefined();
      // RFC 5280 notAfter is the last valid instant only up to the second; at the instant itself, treat it as over.
      expect(find(run({ certificates: [buildCertificate({ notAfter: afterNow(0) })] }), 'certificate-expired')).toBeDefined();
      expect(find(run({ certificates: [] }), 'certificate-expired')).toBeUndefined();
    });

    it('replaces certificate-expires-before-profile', () => {
      expect(find(run({ certificates: [old] }), 'certificate-expires-before-profile')).toBeUndefined();
    });
  });

  describe('certificate-expires-before-profile', () => {
    it('warns when no certificate outlives the profile, naming the date apps stop', () => {
      const cert = buildCertificate({ notAfter: '2026-10-01T00:00:00.000Z' });
      const item = find(run({ certificates: [cert] }), 'certificate-expires-before-profile');
      expect(item?.severity).toBe('warning');
      expect(item?.message).toContain('2026-10-01 00:00 UTC');
      expect(item?.message).toContain('2027-01-15 09:30 UTC');
    });

    it('is info when another certificate outlives the profile, and absent at equality', () => {
      const early = buildCertificate({ commonName: 'iPhone Distribution: Early', sha256: 'bb'.repeat(32), notAfter: '2026-10-01T00:00:00.000Z' });
      const item = find(run({ certificates: [early, buildCertificate()] }), 'certificate-expires-before-profile');
      expect(item?.severity).toBe('info');
      expect(item?.message).toContain('iPhone Distribution: Early');
      const equal = buildCertificate({ notAfter: '2027-01-15T09:30:00.000Z' });
      expect(find(run({ certificates: [equal] }), 'certificate-expires-before-profile')).toBeUndefined();
    });
  });

  describe('team-mismatch', () => {
    it('warns when a certificate belongs to another team', () => {
      const item = find(run({ certificates: [buildCertificate({ teamId: 'ZZZZZ99999' })] }), 'team-mismatch');
      expect(item?.severity).toBe('warning');
      expect(item?.message).toBe(`Team ID ${TEAM} differs from certificate team ZZZZZ99999.`);
    });

    it('is info for an app ID prefix alone (legacy seeds), read from application-identifier', () => {
      const item = find(run({ applicationIdentifier: 'SEED123456.com.example.app' }), 'team-mismatch');
      expect(item?.severity).toBe('info');
      expect(item?.message).toContain('app ID prefix SEED123456');
      expect(find(run({ applicationIdentifier: null, applicationIdentifierPrefix: 'SEED123456' }), 'team-mismatch')).toBeDefined();
    });

    it('is quiet when everything agrees or the team is unknown', () => {
      expect(find(run({ teamId: null, certificates: [buildCertificate({ teamId: 'ZZZZZ99999' })] }), 'team-mismatch')).toBeUndefined();
      expect(find(run({ certificates: [buildCertificate({ teamId: null })] }), 'team-mismatch')).toBeUndefined();
    });
  });

  it('wildcard-app-id: info naming the pattern', () => {
    const item = find(run({ wildcard: true, applicationIdentifier: `${TEAM}.com.example.*` }), 'wildcard-app-id');
    expect(item?.severity).toBe('info');
    expect(item?.message).toContain(`${TEAM}.com.example.*`);
    expect(find(run(), 'wildcard-app-id')).toBeUndefined();
  });

  it('debuggable: get-task-allow only matters in distribution profiles', () => {
    for (const type of ['adhoc', 'enterprise', 'appstore', 'developer-id'] as const) {
      expect(find(run({ type, getTaskAllow: true }), 'debuggable')?.severity).toBe('warning');
    }
    expect(find(run({ type: 'development', getTaskAllow: true }), 'debuggable')).toBeUndefined();
    expect(find(run({ type: 'enterprise', getTaskAllow: null }), 'debuggable')).toBeUndefined();
  });

  it('devices-in-in-house: counts the devices', () => {
    const devices = ['00008030-001A2B3C4D5E6F70', '00008101-000A1B2C3D4E5F60'];
    expect(find(run({ devices }), 'devices-in-in-house')).toMatchObject({ severity: 'warning' });
    expect(find(run({ devices }), 'devices-in-in-house')?.message).toContain('2 devices');
    expect(find(run({ type: 'adhoc', devices, provisionsAllDevices: false }), 'devices-in-in-house')).toBeUndefined();
  });

  it('free-team: TimeToLive of 7 days or less', () => {
    expect(find(run({ timeToLive: 7 }), 'free-team')?.message).toContain('7 days');
    expect(find(run({ timeToLive: 8 }), 'free-team')).toBeUndefined();
    expect(find(run({ timeToLive: null }), 'free-team')).toBeUndefined();
  });

  it('not-ios: only when a Platform key exists and lacks iOS', () => {
    expect(find(run({ platforms: ['OSX'] }), 'not-ios')).toMatchObject({ severity: 'info' });
    expect(find(run({ platforms: ['tvOS'] }), 'not-ios')?.message).toContain('tvOS');
    expect(find(run({ platforms: ['iOS', 'xrOS', 'visionOS'] }), 'not-ios')).toBeUndefined();
    expect(find(run({ platforms: null }), 'not-ios')).toBeUndefined();
  });

  it('der-missing: warning for profiles made since 2022, info before', () => {
    const absent = { present: false, signature: null, distributionType: null, consistent: null, mismatches: [] };
    expect(find(run({ derProfile: absent }), 'der-missing')?.severity).toBe('warning');
    expect(find(run({ derProfile: absent, createdAt: '2022-01-01T00:00:00.000Z' }), 'der-missing')?.severity).toBe('warning');
    expect(find(run({ derProfile: absent, createdAt: '2021-12-31T23:59:59.999Z' }), 'der-missing')?.severity).toBe('info');
    expect(find(run({ derProfile: absent, createdAt: null }), 'der-missing')?.severity).toBe('info');
  });

  it('der-mismatch: inconsistent fields or a DER copy that fails to verify', () => {
    const mismatches = ['ExpirationDate: plist 2028-01-15T09:30:00.000Z, DER 2027-01-15T09:30:00.000Z'];
    const item = find(run({ derProfile: { present: true, signature: 'valid', distributionType: 'IN_HOUSE', consistent: false, mismatches } }), 'der-mismatch');
    expect(item?.severity).toBe('error');
    expect(item?.message).toContain(mismatches[0]);
    const tampered = { present: true, signature: 'invalid' as const, distributionType: 'IN_HOUSE', consistent: true, mismatches: [] };
    const brokenCopy = find(run({ derProfile: tampered }), 'der-mismatch');
    expect(brokenCopy?.message).toContain('its own signature is broken');
    expect(brokenCopy?.message).not.toContain('disagrees');
    const foreign = { ...tampered, signature: 'untrusted' as const };
    expect(find(run({ derProfile: foreign }), 'der-mismatch')?.message).toContain('its own signature is not from Apple');
    const unreadable = { present: true, signature: 'valid' as const, distributionType: null, consistent: null, mismatches: [] };
    expect(find(run({ derProfile: unreadable }), 'der-mismatch')).toBeUndefined();
  });

  it('signer-expired-now: info only for a valid signature whose signer has expired since', () => {
    const item = find(run({}, { signerValidNow: false }), 'signer-expired-now');
    expect(item?.severity).toBe('info');
    expect(item?.message).toContain('2026-01-15 09:30 UTC');
    expect(find(run({}, { signerValidNow: true }), 'signer-expired-now')).toBeUndefined();
    expect(find(run({}, { signerValidNow: null }), 'signer-expired-now')).toBeUndefined();
    expect(find(run({}, { status: 'untrusted', signerValidNow: false }), 'signer-expired-now')).toBeUndefined();
  });

  it('orders errors, then warnings, then info', () => {
    const list = run(
      { type: 'appstore', getTaskAllow: true, expiresAt: afterNow(-3), platforms: ['OSX'] },
      { status: 'untrusted', signer: 'Someone' },
    );
    expect(list.map((item) => item.code)).toEqual(['not-apple-signed', 'expired', 'debuggable', 'not-in-house', 'not-ios']);
    expect(list.every((item) => item.fix.length > 0)).toBe(true);
  });

  it('agrees with daysLeft at every hour around the 30-day boundary', () => {
    for (let hour = -48; hour <= 48; hour += 1) {
      const expiresAt = new Date(NOW.getTime() + 30 * DAY + hour * 3_600_000).toISOString();
      const soon = find(run({ expiresAt }), 'expires-soon') !== undefined;
      expect(soon).toBe(daysLeft(expiresAt, NOW) <= 30);
    }
  });
});
