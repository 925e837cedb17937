import { describe, expect, it } from 'vitest';
import { profileVerdict } from '../../core/profile/profile-verdict';
import type { Profile, SignatureReport } from '../../core/types';
import { NOW, afterNow, buildCertificate, buildProfile, buildSignature } from './profile-builder';

function verdictOf(profile: Partial<Profile> = {}, signature: Partial<SignatureReport> = {}, warnDays = 30) {
  return profileVerdict({ profile: buildProfile(profile), signature: buildSignature(signature) }, { now: NOW, warnDays });
}

describe('profileVerdict: one live verdict for every view', () => {
  it('calls a healthy in-house iOS profile usable, until its own expiry', () => {
    const verdict = verdictOf();
    expect(verdict).toMatchObject({
      status: 'ok',
      usableByIntune: true,
      reasonsNotUsable: [],
      stopsLaunchingOn: '2027-01-15T09:30:00.000Z',
      stopsLaunchingBecause: 'profile',
      daysLeft: 227,
    });
    expect(verdict.findings).toEqual([]);
  });

  it('stops launching when the last certificate expires, if that comes before the profile', () => {
    const certificates = [buildCertificate({ notAfter: afterNow(10) }), buildCertificate({ notAfter: afterNow(20), sha256: 'bb'.repeat(32) })];
    const verdict = verdictOf({ certificates, expiresAt: afterNow(6018) });
    expect(verdict).toMatchObject({ status: 'expiring', stopsLaunchingOn: afterNow(20), stopsLaunchingBecause: 'certificate', daysLeft: 20, usableByIntune: true });
  });

  it('takes a known app certificate over the profile certificates', () => {
    const decoded = { profile: buildProfile(), signature: buildSignature() };
    const verdict = profileVerdict(decoded, { now: NOW, appCertificate: { notAfter: afterNow(-3) } });
    expect(verdict).toMatchObject({ status: 'expired', usableByIntune: false, daysLeft: -3, stopsLaunchingBecause: 'certificate' });
    expect(verdict.reasonsNotUsable.map((r) => r.code)).toEqual(['expired']);
    expect(verdict.reasonsNotUsable[0]?.fix).toMatch(/new distribution certificate/);
  });

  it('honours the warning window the user set', () => {
    expect(verdictOf({ expiresAt: afterNow(45) }, {}, 30).status).toBe('ok');
    expect(verdictOf({ expiresAt: afterNow(45) }, {}, 60).status).toBe('expiring');
  });

  it('names signature problems before expiry, and refuses them for Intune', () => {
    expect(verdictOf({ expiresAt: afterNow(-1) }, { status: 'invalid' })).toMatchObject({ status: 'tampered', usableByIntune: false });
    expect(verdictOf({}, { status: 'untrusted', reason: 'no path to a pinned Apple CA' }).reasonsNotUsable[0]?.message).toContain('no path to a pinned Apple CA');
    expect(verdictOf({}, { status: 'unsigned' }).reasonsNotUsable.map((r) => r.code)).toEqual(['unsigned']);
    const edited = verdictOf({ derProfile: { present: true, signature: 'valid', distributionType: 'IN_HOUSE', consistent: false, mismatches: ['Name'] } });
    expect(edited.status).toBe('tampered');
  });

  it('says why a profile of another type or platform cannot be pushed, with a fix for that type', () => {
    const development = verdictOf({ type: 'development', devices: ['00008030-001A'], provisionsAllDevices: false });
    expect(development.usableByIntune).toBe(false);
    expect(development.reasonsNotUsable[0]).toMatchObject({ code: 'not-in-house', message: expect.stringMatching(/^A development profile/) });
    expect(development.reasonsNotUsable[0]?.fix).not.toMatch(/push/i);
    const mac = verdictOf({ type: 'developer-id', platforms: ['OSX'] });
    expect(mac.reasonsNotUsable.map((r) => r.code)).toEqual(['not-ios']);
    expect(mac.reasonsNotUsable[0]?.fix).toMatch(/Mac app/);
    expect(verdictOf({ type: 'appstore' }).reasonsNotUsable[0]?.message).toMatch(/^An App Store profile/);
  });

  it('treats a pre-2015 profile without Platform as iOS, and an expired in-house profile as not usable', () => {
    expect(verdictOf({ platforms: null }).usableByIntune).toBe(true);
    const expired = verdictOf({ expiresAt: afterNow(-925, -1) });
    expect(expired).toMatchObject({ status: 'expired', daysLeft: -925, usableByIntune: false });
    expect(expired.reasonsNotUsable[0]?.fix).toMatch(/^Renew the profile/);
  });
});
