import { describe, expect, it } from 'vitest';
import { daysLeft, daysText, expiryState, formatLocal, formatUtc } from '../../core/dates';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const DAY = 86_400_000;

describe('expiryState: the one warning window for findings, library and badge', () => {
  it('is expired from the expiry instant on, expiring while at most warnDays whole days are left', () => {
    expect(expiryState(at(0), NOW, 30)).toBe('expired');
    expect(expiryState(at(-1), NOW, 30)).toBe('expired');
    expect(expiryState(at(1), NOW, 30)).toBe('expiring');
    expect(expiryState(at(31 * DAY - 1), NOW, 30)).toBe('expiring');
    expect(daysLeft(at(31 * DAY - 1), NOW)).toBe(30);
    expect(expiryState(at(31 * DAY), NOW, 30)).toBe('ok');
    expect(expiryState(at(8 * DAY), NOW, 7)).toBe('ok');
  });

  it('is null for a date that does not parse', () => {
    expect(expiryState('not a date', NOW, 30)).toBeNull();
  });
});

describe('one date style: the reader\'s zone, named; UTC in exports and on hover', () => {
  const iso = '2027-01-15T09:30:00.000Z';

  it('writes "15 Jan 2027, 10:30 CET" in Berlin and names every other zone too, for the same instant', () => {
    expect(formatLocal(iso, 'Europe/Berlin')).toBe('15 Jan 2027, 10:30 CET');
    expect(formatLocal(iso, 'UTC')).toBe('15 Jan 2027, 09:30 UTC');
    // Across the date line the local day changes; the instant (and so every day count) does not.
    expect(formatLocal(iso, 'Pacific/Auckland')).toMatch(/^15 Jan 2027, 22:30 (NZDT|GMT\+13)$/);
    expect(formatLocal(iso, 'America/Los_Angeles')).toMatch(/^15 Jan 2027, 01:30 (PST|GMT-8)$/);
    expect(formatUtc(iso)).toBe('2027-01-15 09:30 UTC');
    expect(formatLocal('garbage')).toBe('garbage');
  });

  it('words day counts one way: whole days toward zero, "less than a day" on either side of the end', () => {
    expect(daysText(12, false)).toBe('12 days left');
    expect(daysText(1, false)).toBe('1 day left');
    expect(daysText(0, false)).toBe('less than a day left');
    expect(daysText(0, true)).toBe('less than a day ago');
    expect(daysText(-925, true)).toBe('925 days ago');
    // The same instant gives the same count whatever zone the reader is in: daysLeft works on instants.
    expect(daysLeft(at(925.6 * -DAY), NOW)).toBe(-925);
  });
});
