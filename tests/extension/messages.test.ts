import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { ProvlensError } from '../../core/errors';
import type { Handlers } from '../../extension/messages';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
const { base64ToBytes, bytesToBase64, isContextInvalidated, messageListener, send } = await import('../../extension/messages');

const unused = () => Promise.reject(new Error('not used in this test'));

function handlers(overrides: Partial<Handlers>): Handlers {
  return { 'profile:save': unused, 'library:summary': unused, 'badge:quiet': unused, 'settings:warn-days': unused, 'expiry:check': unused, ...overrides };
}

/** Routes send() into the listener through JSON, as Chrome's runtime messaging does. */
function connect(listener: (message: unknown) => Promise<unknown> | undefined) {
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    const reply = await listener(JSON.parse(JSON.stringify(message)));
    return reply === undefined ? undefined : JSON.parse(JSON.stringify(reply));
  });
}

describe('typed messages', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('delivers a request to its handler and returns the typed answer', async () => {
    const save = vi.fn(async () => ({ id: '5c1e0e2a-1111-4c6b-9a7e-0d6f3b2c8e11', status: 'added' as const }));
    connect(messageListener(handlers({ 'profile:save': save, 'settings:warn-days': async () => ({ warnDays: 45 }) })));

    expect(await send('settings:warn-days', {})).toEqual({ warnDays: 45 });
    const bytes = new Uint8Array([0x30, 0x82, 0x00, 0xff, 0x7f]);
    const answer = await send('profile:save', { fileName: 'a.mobileprovision', bytesBase64: bytesToBase64(bytes), result: null as never });
    expect(answer).toEqual({ id: '5c1e0e2a-1111-4c6b-9a7e-0d6f3b2c8e11', status: 'added' });
    expect(save).toHaveBeenCalledWith({ fileName: 'a.mobileprovision', bytesBase64: 'MIIA/38=', result: null });
  });

  it('carries a handler error across as data and rethrows it with its code', async () => {
    connect(
      messageListener(
        handlers({ 'library:summary': () => Promise.reject(new ProvlensError('storage-quota', 'The library is full')) }),
      ),
    );
    const error = await send('library:summary', { limit: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProvlensError);
    expect(error).toMatchObject({ code: 'storage-quota', message: 'The library is full' });
  });

  it('turns unexpected exceptions into internal errors', async () => {
    connect(messageListener(handlers({ 'expiry:check': () => Promise.reject(new TypeError('x is undefined')) })));
    await expect(send('expiry:check', {})).rejects.toMatchObject({ code: 'internal', message: 'x is undefined' });
  });

  it('leaves messages that are not ours to other listeners', () => {
    const listener = messageListener(handlers({}));
    expect(listener({ type: 'something-else' })).toBeUndefined();
    expect(listener('hello')).toBeUndefined();
    expect(listener({ provlens: 'toString', request: {} })).toBeUndefined();
  });

  it('round-trips bytes through base64, which survives JSON', () => {
    const bytes = new Uint8Array(70_000).map((_, index) => (index * 31) % 256);
    const decoded = base64ToBytes(bytesToBase64(bytes));
    expect(decoded.length).toBe(70_000);
    expect(Buffer.compare(decoded, bytes)).toBe(0);
  });

  it('recognizes the invalidated context after an update', () => {
    expect(isContextInvalidated(new Error('Extension context invalidated.'))).toBe(true);
    expect(isContextInvalidated(new Error('Could not decode'))).toBe(false);
  });
});
