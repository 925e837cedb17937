import { describe, expect, it } from 'vitest';
import { badgeState, crossedThreshold, libraryRow, statusOf, thresholdsFor, type ExpirySubject } from '../../extension/background/expiry';

const NOW = new Date('2026-06-01T12:00:00.000Z');

function subject(id: string, expiresAt: string | null, renewedBy: string | null = null): ExpirySubject {
  return { id, fileName: `${id}.mobileprovision`, expiresAt, appIdentifier: 'A1B2C3D4E5.com.example.field', renewedBy, result: { profile: { name: `Profile ${id}` } } };
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

  it('ignores profiles without a date and profiles already renewed', () => {
    expect(crossedThreshold(subject('a', null), NOW, 30)).toBeNull();
    expect(crossedThreshold(subject('a', '2026-05-01T00:00:00.000Z', 'b'), NOW, 30)).toBeNull();
  });
});

describe('badge', () => {
  it('is empty when nothing needs action', () => {
    expect(badgeState([subject('a', '2027-01-01T00:00:00.000Z'), subject('b', null)], NOW, 30)).toEqual({ count: 0, severity: 'none' });
  });

  it('is amber while profiles are only expiring', () => {
    const state = badgeState([subject('a', '2026-06-20T00:00:00.000Z'), subject('b', '2026-06-03T00:00:00.000Z'), subject('c', '2027-01-01T00:00:00.000Z')], NOW, 30);
    expect(state).toEqual({ count: 2, severity: 'expiring' });
  });

  it('turns red when any has expired, and does not count a renewed one', () => {
    const state = badgeState(
      [subject('a', '2026-06-20T00:00:00.000Z'), subject('b', '2026-05-30T00:00:00.000Z'), subject('c', '2026-05-01T00:00:00.000Z', 'd')],
      NOW,
      30,
    );
    expect(state).toEqual({ count: 2, severity: 'expired' });
  });

  it('follows the warning window from the settings', () => {
    const subjects = [subject('a', '2026-07-15T00:00:00.000Z')]; // 43 days
    expect(badgeState(subjects, NOW, 30).count).toBe(0);
    expect(badgeState(subjects, NOW, 60).count).toBe(1);
  });
});

describe('library rows', () => {
  it('carries days left and status for the popup', () => {
    expect(libraryRow(subject('a', '2026-06-11T12:00:00.000Z'), NOW, 30)).toEqual({
      id: 'a',
      name: 'Profile a',
      fileName: 'a.mobileprovision',
      appIdentifier: 'A1B2C3D4E5.com.example.field',
      expiresAt: '2026-06-11T12:00:00.000Z',
      daysLeft: 10,
      status: 'expiring',
      renewed: false,
    });
    expect(statusOf(subject('b', '2026-05-31T12:00:00.000Z'), NOW, 30)).toBe('expired');
    expect(libraryRow(subject('c', null), NOW, 30)).toMatchObject({ daysLeft: null, status: 'unknown' });
  });
});
