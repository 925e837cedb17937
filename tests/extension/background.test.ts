// The background's handlers on the real store (fake-indexeddb) with a fake extension API: what the content script's
// "save to library" and the popup's summary do, and the badge that follows.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { openLibrary, type Library } from '../../core/store/store';
import { profileResult } from './profile-result';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
const { createHandlers } = await import('../../extension/background/handlers');
const { bytesToBase64 } = await import('../../extension/messages');

const NOW = new Date('2026-06-01T12:00:00.000Z');
let library: Library;
let databases = 0;

beforeEach(async () => {
  fakeBrowser.reset();
  library = await openLibrary({ name: `extension-test-${++databases}` });
});
afterEach(() => library.close());

function save(uuid: string, name: string, expiresAt: string, bytes: number[], appId?: string) {
  const handlers = createHandlers(async () => library, () => NOW);
  return handlers['profile:save']({
    fileName: `${name}.mobileprovision`,
    bytesBase64: bytesToBase64(new Uint8Array(bytes)),
    result: profileResult({ name, uuid, expiresAt, appId }),
  });
}

describe('background handlers', () => {
  it('stores a profile sent by the content script, bytes included, and lists it for the popup', async () => {
    const handlers = createHandlers(async () => library, () => NOW);
    const saved = await save('7D3C2B1A-0000-4000-8000-00000000A001', 'Field App In-House', '2027-05-01T00:00:00.000Z', [1, 2, 3]);
    expect(saved).toEqual({ id: '7d3c2b1a-0000-4000-8000-00000000a001', status: 'added' });
    expect((await library.getProfile(saved.id))?.bytes).toEqual(new Uint8Array([1, 2, 3]));
    expect(await save('7D3C2B1A-0000-4000-8000-00000000A001', 'Field App In-House', '2027-05-01T00:00:00.000Z', [1, 2, 3])).toEqual({
      id: '7d3c2b1a-0000-4000-8000-00000000a001',
      status: 'unchanged',
    });

    const summary = await handlers['library:summary']({ limit: 10 });
    expect(summary).toMatchObject({ warnDays: 30, needAction: 0, total: 1 });
    expect(summary.rows).toEqual([
      {
        id: '7d3c2b1a-0000-4000-8000-00000000a001',
        name: 'Field App In-House',
        fileName: 'Field App In-House.mobileprovision',
        appIdentifier: 'A1B2C3D4E5.com.example.field',
        expiresAt: '2027-05-01T00:00:00.000Z',
        daysLeft: 333,
        status: 'ok',
        usableByIntune: true,
        renewed: false,
        counted: false,
        quietUntil: null,
      },
    ]);
  });

  it('counts only in-house profiles Intune can still push: amber while expiring, red on the last day; an expired one is announced once, not counted', async () => {
    await save('7d3c2b1a-0000-4000-8000-00000000a002', 'Expiring', '2026-06-08T00:00:00.000Z', [4]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([176, 96, 0, 255]);

    await save('7d3c2b1a-0000-4000-8000-00000000a003', 'Expired', '2026-05-20T00:00:00.000Z', [5], 'A1B2C3D4E5.com.example.other');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions()).sort()).toEqual([
      'provlens:7d3c2b1a-0000-4000-8000-00000000a002|7',
      'provlens:7d3c2b1a-0000-4000-8000-00000000a003|expired',
    ]);

    await save('7d3c2b1a-0000-4000-8000-00000000a009', 'Last day', '2026-06-02T06:00:00.000Z', [9], 'A1B2C3D4E5.com.example.third');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([197, 34, 31, 255]);

    const summary = await createHandlers(async () => library, () => NOW)['library:summary']({ limit: 3 });
    expect(summary).toMatchObject({ needAction: 2, total: 3 });
    // What the badge counts comes first, soonest first; then the rest.
    expect(summary.rows.map((row) => [row.name, row.daysLeft, row.status, row.counted])).toEqual([
      ['Last day', 0, 'expiring', true],
      ['Expiring', 6, 'expiring', true],
      ['Expired', -12, 'expired', false],
    ]);
  });

  it('never counts development, App Store, macOS, tampered or untrusted profiles, however soon they expire', async () => {
    const handlers = createHandlers(async () => library, () => NOW);
    const soon = '2026-06-05T00:00:00.000Z';
    const kinds = [
      profileResult({ name: 'Dev', uuid: '00000000-0000-4000-8000-0000000000d1', expiresAt: soon, type: 'development', appId: 'A1B2C3D4E5.dev' }),
      profileResult({ name: 'Store', uuid: '00000000-0000-4000-8000-0000000000d2', expiresAt: soon, type: 'appstore', appId: 'A1B2C3D4E5.store' }),
      profileResult({ name: 'Tampered', uuid: '00000000-0000-4000-8000-0000000000d3', expiresAt: soon, signature: 'invalid', appId: 'A1B2C3D4E5.t' }),
      profileResult({ name: 'Forged', uuid: '00000000-0000-4000-8000-0000000000d4', expiresAt: soon, signature: 'untrusted', appId: 'A1B2C3D4E5.f' }),
    ];
    for (const [index, result] of kinds.entries()) {
      await handlers['profile:save']({ fileName: `${index}.mobileprovision`, bytesBase64: bytesToBase64(new Uint8Array([index])), result });
    }
    expect(await handlers['expiry:check']({})).toEqual({ count: 0, severity: 'none' });
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });

  it('acknowledge and snooze take a profile off the badge until then; "count again" puts it back', async () => {
    const handlers = createHandlers(async () => library, () => NOW);
    const { id } = await save('7d3c2b1a-0000-4000-8000-00000000a00a', 'Soon', '2026-06-20T00:00:00.000Z', [10]);
    expect(await handlers['expiry:check']({})).toEqual({ count: 1, severity: 'expiring' });
    expect(await handlers['badge:quiet']({ id, until: '2026-06-08T12:00:00.000Z' })).toEqual({ count: 0, severity: 'none' });
    const row = (await handlers['library:summary']({ limit: 1 })).rows[0];
    expect(row).toMatchObject({ counted: false, quietUntil: '2026-06-08T12:00:00.000Z' });
    // Once the snooze has passed, it counts again.
    const later = createHandlers(async () => library, () => new Date('2026-06-09T00:00:00.000Z'));
    expect(await later['expiry:check']({})).toEqual({ count: 1, severity: 'expiring' });
    // Acknowledged: quiet until it stops launching.
    await handlers['badge:quiet']({ id, until: null });
    expect((await handlers['library:summary']({ limit: 1 })).rows[0]?.quietUntil).toBe('2026-06-20T00:00:00.000Z');
    expect(await handlers['badge:quiet']({ id, until: null, clear: true })).toEqual({ count: 1, severity: 'expiring' });
  });

  it('stops counting an expiring profile once its renewal is in the library', async () => {
    await save('7d3c2b1a-0000-4000-8000-00000000a005', 'Old', '2026-06-08T00:00:00.000Z', [7]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    await save('7d3c2b1a-0000-4000-8000-00000000a006', 'Renewed', '2027-06-08T00:00:00.000Z', [8]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    const summary = await createHandlers(async () => library, () => NOW)['library:summary']({ limit: 5 });
    expect(summary.rows.map((row) => [row.name, row.status, row.renewed])).toEqual([
      ['Old', 'expiring', true],
      ['Renewed', 'ok', false],
    ]);
  });

  it('uses the warning window from the shared settings', async () => {
    await library.putSettings({ warnDays: 60, icsOffsets: [60, 7, 1], theme: 'system', hideUdids: false, signIn: {} });
    const handlers = createHandlers(async () => library, () => NOW);
    expect(await handlers['settings:warn-days']({})).toEqual({ warnDays: 60 });
    await save('7d3c2b1a-0000-4000-8000-00000000a004', 'Forty days', '2026-07-11T13:00:00.000Z', [6]);
    expect(await handlers['expiry:check']({})).toEqual({ count: 1, severity: 'expiring' });
  });
});
