import { describe, expect, it } from 'vitest';
import { badgeState, crossedThreshold, libraryRow, thresholdsFor, type ExpirySubject } from '../../extension/background/expiry';
import type { Profile } from '../../core/types';
import { profileResult } from './profile-result';

const NOW = new Date('2026-06-01T12:00:00.000Z');

function subject(id: string, expiresAt: string | null, renewedBy: string | null = null, type: Profile['type'] = 'enterprise'): ExpirySubject {
  const result = profileResult({ name: `Profile ${id}`, uuid: id, expiresAt: expiresAt ?? '', type });
  if (result.profile) result.profile.expiresAt = expiresAt;
  return { id, fileName: `${id}.mobileprovision`, expiresAt, appIdentifier: 'A1B2C3D4E5.com.example.field', renewedBy, result };
}

describe('thresholds', () => {
  it('follows the warning window, then a week and a day', () => {
    expect(thresholdsFor(30)).toEqual([30, 7, 1]);
    expect(thresholdsFor(60)).toEqual([60, 7, 1]);
    expect(thresholdsFor(7)).toEqual([7, 1]);
    expect(thresholdsFor(3)).toEqual([3, 1]);
  });

  it('reports the tightest threshold crossed', () => {
    expect(crossedThreshold(subject('a', '2026-08-01T00:00:00.000Z'), NOW, 30)).toBeNull(); // 60 days
    expect(crossedThreshold(subject('a', '2026-07-02T12:00:00.000Z'), NOW, 30)).toBeNull(); // 31 days
    expect(crossedThreshold(subject('a', '2026-07-01T12:00:00.000Z'), NOW, 30)).toBe(30); // exactly 30 days, as the findings
    expect(crossedThreshold(subject('a', '2026-07-01T11:00:00.000Z'), NOW, 30)).toBe(30); // 29 days 23 h
    expect(crossedThreshold(subject('a', '2026-06-06T00:00:00.000Z'), NOW, 30)).toBe(7);
    expect(crossedThreshold(subject('a', '2026-06-02T06:00:00.000Z'), NOW, 30)).toBe(1);
    expect(crossedThreshold(subject('a', '2026-06-01T11:00:00.000Z'), NOW, 30)).toBe('expired');
  });

  it('ignores profiles already renewed, copies kept beside a verified one, and kinds Intune never pushes', () => {
    expect(crossedThreshold(subject('a', '2026-05-01T00:00:00.000Z', 'b'), NOW, 30)).toBeNull();
    expect(crossedThreshold(subject('a~tampered', '2026-06-06T00:00:00.000Z'), NOW, 30)).toBeNull();
    for (const type of ['development', 'appstore', 'adhoc'] as const) {
      expect(crossedThreshold(subject('a', '2026-06-06T00:00:00.000Z', null, type), NOW, 30), type).toBeNull();
    }
  });

  it('counts down to the signing certificate when it ends before the profile', () => {
    const early = subject('a', '2027-06-01T00:00:00.000Z');
    if (early.result.profile?.certificates[0]) early.result.profile.certificates[0].notAfter = '2026-06-06T00:00:00.000Z';
    expect(crossedThreshold(early, NOW, 30)).toBe(7);
  });
});

describe('badge', () => {
  it('is empty when nothing needs action', () => {
    expect(badgeState([subject('a', '2027-01-01T00:00:00.000Z')], NOW, 30)).toEqual({ count: 0, severity: 'none' });
  });

  it('counts usable in-house profiles expiring in the window; amber, red on the last day; expired ones are not counted forever', () => {
    const state = badgeState([subject('a', '2026-06-20T00:00:00.000Z'), subject('b', '2026-06-05T00:00:00.000Z'), subject('c', '2027-01-01T00:00:00.000Z')], NOW, 30);
    expect(state).toEqual({ count: 2, severity: 'expiring' });
    expect(badgeState([subject('a', '2026-06-02T06:00:00.000Z'), subject('b', '2026-05-30T00:00:00.000Z')], NOW, 30)).toEqual({ count: 1, severity: 'expired' });
  });

  it('leaves out what the admin acknowledged or snoozed, until then', () => {
    const subjects = [subject('a', '2026-06-20T00:00:00.000Z'), subject('b', '2026-06-10T00:00:00.000Z')];
    expect(badgeState(subjects, NOW, 30, { a: '2026-06-05T00:00:00.000Z' }).count).toBe(1);
    expect(badgeState(subjects, NOW, 30, { a: '2026-05-05T00:00:00.000Z' }).count).toBe(2);
  });

  it('follows the warning window from the settings', () => {
    const subjects = [subject('a', '2026-07-15T00:00:00.000Z')]; // 43 days
    expect(badgeState(subjects, NOW, 30).count).toBe(0);
    expect(badgeState(subjects, NOW, 60).count).toBe(1);
  });
});

describe('library rows', () => {
  it("carries the core verdict's status words, days left and the date apps stop launching", () => {
    expect(libraryRow(subject('a', '2026-06-11T12:00:00.000Z'), NOW, 30)).toEqual({
      id: 'a',
      name: 'Profile a',
      fileName: 'a.mobileprovision',
      appIdentifier: 'A1B2C3D4E5.com.example.field',
      expiresAt: '2026-06-11T12:00:00.000Z',
      daysLeft: 10,
      status: 'expiring',
      usableByIntune: true,
      renewed: false,
      counted: true,
      quietUntil: null,
    });
    expect(libraryRow(subject('b', '2026-05-31T12:00:00.000Z'), NOW, 30)).toMatchObject({ status: 'expired', usableByIntune: false, counted: false });
  });
});
