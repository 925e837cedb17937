// @vitest-environment happy-dom
// The app against the real store on fake-indexeddb: what an admin sees in the library and profile views, and that
// deletes and settings really reach the database.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, openLibrary, type Library, type Settings } from '../../core/store/store';
import { App } from '../../web/app';
import { NOW, afterNow, buildCertificate, buildResult } from '../core/profile-builder';

const HOSTILE = '<img src=x onerror=alert(1)>';
const SOON = '0a0a0a0a-1111-4222-8333-444444444444';
const LATER = '0b0b0b0b-1111-4222-8333-444444444444';
const UNTRUSTED = '0c0c0c0c-1111-4222-8333-444444444444';
const CERT_SHA256 = '3f9a1c0e5b7d2a4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f';
const UDID = '00008030-001A2D3E4F5A6B7C';

let library: Library;
let root: HTMLElement;

beforeEach(async () => {
  // Only the clock is fixed (the builder's NOW); timers stay real so IndexedDB and Preact run normally.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  library = await openLibrary({ indexedDB: new IDBFactory(), name: `app-test-${Math.random()}` });
  await library.putProfiles([
    {
      fileName: 'soon.mobileprovision',
      bytes: new Uint8Array([1]),
      result: buildResult({ name: 'Payroll In-House', uuid: SOON, expiresAt: afterNow(10, 3_600_000) }),
    },
    {
      fileName: 'later.mobileprovision',
      bytes: new Uint8Array([2]),
      result: buildResult({
        name: 'Field Service Dev',
        uuid: LATER,
        type: 'development',
        expiresAt: afterNow(300),
        provisionsAllDevices: false,
        devices: [UDID],
        certificates: [buildCertificate({ commonName: 'Apple Development: Ann Admin', sha256: CERT_SHA256 })],
      }),
    },
    {
      fileName: 'hostile.mobileprovision',
      bytes: new Uint8Array([3]),
      result: buildResult({ name: HOSTILE, uuid: UNTRUSTED, expiresAt: afterNow(200) }, { status: 'untrusted' }),
    },
  ]);
  location.hash = '#/library';
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  library.close();
  vi.useRealTimers();
});

async function mount(): Promise<void> {
  await act(() => render(<App library={library} />, root));
}

function rowNames(): string[] {
  return [...root.querySelectorAll('tbody tr[data-id] td:nth-child(3) a')].map((a) => a.textContent ?? '');
}

describe('library view', () => {
  it('lists stored profiles soonest-expiry first with status words, type and days left', async () => {
    await mount();
    await vi.waitFor(() => expect(rowNames()).toHaveLength(3));
    expect(rowNames()).toEqual(['Payroll In-House', HOSTILE, 'Field Service Dev']);
    const first = root.querySelector(`tr[data-id="${SOON}"]`);
    expect(first?.textContent).toContain('Expiring soon');
    expect(first?.textContent).toContain('In-house (enterprise)');
    expect(first?.querySelector('td:nth-child(8)')?.textContent).toBe('10 days left');
    expect(root.querySelector(`tr[data-id="${UNTRUSTED}"]`)?.textContent).toContain('Not signed by Apple');
    expect(root.textContent).toContain('3 of 3 profiles shown');
  });

  it('renders a hostile profile name as text, never as markup', async () => {
    await mount();
    await vi.waitFor(() => expect(rowNames()).toContain(HOSTILE));
    expect(root.querySelector('img')).toBeNull();
  });

  it('narrows the table as the user types in the search box', async () => {
    await mount();
    await vi.waitFor(() => expect(rowNames()).toHaveLength(3));
    const search = root.querySelector<HTMLInputElement>('input[type="search"]');
    if (!search) throw new Error('no search box');
    await act(() => {
      search.value = 'field';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(rowNames()).toEqual(['Field Service Dev']);
    expect(root.textContent).toContain('1 of 3 profiles shown');
  });

  it('deletes the selected profiles from the database after a confirmation', async () => {
    await mount();
    await vi.waitFor(() => expect(rowNames()).toHaveLength(3));
    const checkbox = root.querySelector<HTMLInputElement>(`tr[data-id="${SOON}"] input[type="checkbox"]`);
    await act(() => checkbox?.click());
    await act(() => buttonNamed('Delete selected').click());
    await act(() => buttonNamed('Confirm: delete 1').click());
    await vi.waitFor(async () => expect((await library.listProfiles()).map((p) => p.id).sort()).toEqual([LATER, UNTRUSTED]));
    await vi.waitFor(() => expect(rowNames()).toEqual([HOSTILE, 'Field Service Dev']));
  });
});

describe('profile view', () => {
  it('shows the UUID, certificate fingerprint and devices, and hides UDIDs on request (remembered)', async () => {
    location.hash = `#/profile/${LATER}`;
    await mount();
    await vi.waitFor(() => expect(root.querySelector('h1')?.textContent).toBe('Field Service Dev'));
    expect(root.textContent).toContain(LATER);
    expect(root.textContent).toContain(CERT_SHA256);
    expect(root.textContent).toContain('Devices (1)');
    expect(root.querySelector('.devices')?.textContent).toBe(UDID);
    const hide = [...root.querySelectorAll('label')].find((label) => label.textContent === 'Hide UDIDs')?.querySelector('input');
    await act(() => hide?.click());
    await vi.waitFor(() => expect(root.querySelector('.devices')?.textContent).not.toContain(UDID));
    expect((await library.getSettings()).hideUdids).toBe(true);
  });

  it('says plainly when a profile is not signed by Apple', async () => {
    location.hash = `#/profile/${UNTRUSTED}`;
    await mount();
    await vi.waitFor(() => expect(root.querySelector('h1')?.textContent).toBe(HOSTILE));
    expect(root.textContent).toContain('Not signed by Apple');
    expect(root.querySelector('img')).toBeNull();
  });

  it('offers Intune help only for a usable in-house profile; otherwise says why not and what to get instead', async () => {
    location.hash = `#/profile/${SOON}`;
    await mount();
    await vi.waitFor(() => expect(root.querySelector('h1')?.textContent).toBe('Payroll In-House'));
    expect(root.querySelector('#intune-title')?.closest('section')?.querySelector('a.button')?.textContent).toBe('Prepare for Intune');

    location.hash = `#/profile/${LATER}`;
    await act(() => {
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await vi.waitFor(() => expect(root.querySelector('h1')?.textContent).toBe('Field Service Dev'));
    const section = root.querySelector('#intune-title')?.closest('section');
    expect(section?.querySelector('p')?.textContent).toBe(
      "Intune's push cannot use this profile: A development profile: Intune's push keeps only in-house (Apple Developer Enterprise Program) apps alive. What to do instead",
    );
    expect(section?.textContent).toContain('Instead: Development builds run only on the listed devices');
    expect(section?.querySelector('a.button')).toBeNull();
  });

  it('shows the live verdict: days left follow the clock and the warning window, not the import day', async () => {
    location.hash = `#/profile/${SOON}`;
    await mount();
    await vi.waitFor(() => expect(root.querySelector('.headline')?.textContent).toContain('10 days left'));
    expect(root.querySelector('.headline')?.textContent).toContain('Expiring soon');
    await act(() => library.putSettings({ ...(DEFAULT_SETTINGS as Settings), warnDays: 5 }));
    await vi.waitFor(() => expect(root.querySelector('.headline')?.textContent).toContain('OK'));
    expect(root.querySelector('.headline time')?.getAttribute('title')).toMatch(/ UTC$/);
  });
});

describe('settings view', () => {
  it('shows the stored settings, never defaults, before Save can be pressed', async () => {
    await library.putSettings({ ...(DEFAULT_SETTINGS as Settings), warnDays: 21, icsOffsets: [21, 2] });
    location.hash = '#/settings';
    await mount();
    await vi.waitFor(() => expect(root.querySelector('form.settings')).not.toBeNull());
    const [warn, offsets] = [...root.querySelectorAll<HTMLInputElement>('form.settings input')];
    expect([warn?.value, offsets?.value]).toEqual(['21', '21, 2']);
  });

  it('saves the warning window and reminder offsets to the library', async () => {
    location.hash = '#/settings';
    await mount();
    await vi.waitFor(() => expect(root.querySelector('form.settings')).not.toBeNull());
    const [warn, offsets] = [...root.querySelectorAll<HTMLInputElement>('form.settings input')];
    if (!warn || !offsets) throw new Error('settings inputs missing');
    await act(() => {
      warn.value = '45';
      warn.dispatchEvent(new Event('input', { bubbles: true }));
      offsets.value = '1, 14 ,60';
      offsets.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => buttonNamed('Save').click());
    await vi.waitFor(async () => expect(await library.getSettings()).toMatchObject({ warnDays: 45, icsOffsets: [60, 14, 1] }));
  });
});

function buttonNamed(name: string): HTMLButtonElement {
  const button = [...root.querySelectorAll('button')].find((element) => element.textContent === name);
  if (!button) throw new Error(`no button "${name}"`);
  return button;
}
