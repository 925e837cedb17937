import { describe, expect, it } from 'vitest';
import { daysLeft, expiryState } from '../../core/dates';

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
