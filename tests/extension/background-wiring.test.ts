// background.ts itself: the listeners a woken service worker must find registered at the top level.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
await import('../../extension/background');
const { DAILY_ALARM } = await import('../../extension/background/expiry-check');

describe('background wiring', () => {
  it('schedules one daily expiry check on install, and keeps it on later starts', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(DAILY_ALARM)).toMatchObject({ periodInMinutes: 1440 }));
    const first = await fakeBrowser.alarms.get(DAILY_ALARM);
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect(await fakeBrowser.action.getTitle({})).toBe('ProvLens: no profile needs action'));
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
    expect((await fakeBrowser.alarms.get(DAILY_ALARM))?.scheduledTime).toBe(first?.scheduledTime);
  });

  it('opens the profile in the full view when its notification is clicked', async () => {
    await fakeBrowser.notifications.onClicked.trigger('provlens:9b0c6a1e-1111-4a2b-8c3d-000000000005|7');
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((tab) => tab.url)).toContain(
      'chrome-extension://test-extension-id/extension/full/index.html#/profile/9b0c6a1e-1111-4a2b-8c3d-000000000005',
    );
  });

  it('answers typed messages', async () => {
    const [reply] = await fakeBrowser.runtime.onMessage.trigger({ provlens: 'settings:warn-days', request: {} }, {}, () => undefined);
    expect(reply).toEqual({ ok: true, value: { warnDays: 30 } });
  });
});
