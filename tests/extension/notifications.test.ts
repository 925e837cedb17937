import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import type { ExpirySubject } from '../../extension/background/expiry';
import { profileResult } from './profile-result';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
const { announceCrossings, planNotifications } = await import('../../extension/background/notifications');

function subject(id: string, expiresAt: string, renewedBy: string | null = null): ExpirySubject {
  return { id, fileName: `${id}.mobileprovision`, expiresAt, appIdentifier: null, renewedBy, result: profileResult({ name: `Field App ${id}`, uuid: id, expiresAt }) };
}

const EXPIRES = '2026-07-01T00:00:00.000Z';
const day = (iso: string) => new Date(iso);

describe('notifications', () => {
  beforeEach(() => fakeBrowser.reset());

  it('announces each threshold crossing once, not every day', async () => {
    const profiles = [subject('5c1e0e2a-0001', EXPIRES)];
    expect(await announceCrossings(profiles, day('2026-05-15T09:00:00Z'), 30)).toBe(0); // 46 days: outside the window

    expect(await announceCrossings(profiles, day('2026-06-05T09:00:00Z'), 30)).toBe(1); // 25 days
    expect(fakeBrowser.notifications.getAllCreateOptions()['provlens:5c1e0e2a-0001|30']).toMatchObject({
      type: 'basic',
      title: 'Expires in 25 days: Field App 5c1e0e2a-0001',
    });
    expect(await announceCrossings(profiles, day('2026-06-06T09:00:00Z'), 30)).toBe(0);
    expect(await announceCrossings(profiles, day('2026-06-20T09:00:00Z'), 30)).toBe(0); // 10 days: still the 30 band

    expect(await announceCrossings(profiles, day('2026-06-25T09:00:00Z'), 30)).toBe(1); // 5 days
    expect(await announceCrossings(profiles, day('2026-06-30T09:00:00Z'), 30)).toBe(1); // 14 h
    expect(await announceCrossings(profiles, day('2026-07-01T09:00:00Z'), 30)).toBe(1); // expired
    expect(await announceCrossings(profiles, day('2026-07-09T09:00:00Z'), 30)).toBe(0);

    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions()).sort()).toEqual([
      'provlens:5c1e0e2a-0001|1',
      'provlens:5c1e0e2a-0001|30',
      'provlens:5c1e0e2a-0001|7',
      'provlens:5c1e0e2a-0001|expired',
    ]);
    expect(fakeBrowser.notifications.getAllCreateOptions()['provlens:5c1e0e2a-0001|expired']?.title).toBe(
      'Expired: Field App 5c1e0e2a-0001',
    );
  });

  it('announces only the current threshold for a profile imported late', async () => {
    expect(await announceCrossings([subject('late', EXPIRES)], day('2026-06-28T09:00:00Z'), 30)).toBe(1);
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions())).toEqual(['provlens:late|7']);
  });

  it('forgets deleted and renewed profiles, so the stored state does not grow forever', async () => {
    const now = day('2026-06-28T09:00:00Z');
    await announceCrossings([subject('a', EXPIRES), subject('b', EXPIRES)], now, 30);
    expect((await fakeBrowser.storage.local.get('notified')).notified).toEqual(['a|7', 'b|7']);
    await announceCrossings([subject('a', EXPIRES, 'a2')], now, 30);
    expect((await fakeBrowser.storage.local.get('notified')).notified).toEqual([]);
  });

  it('plans without side effects', () => {
    const plan = planNotifications([subject('a', EXPIRES)], day('2026-06-28T09:00:00Z'), 30, new Set(['a|30', 'gone|7']));
    expect(plan.send.map((planned) => planned.key)).toEqual(['a|7']);
    expect(plan.remember).toEqual(['a|30', 'a|7']);
  });
});
