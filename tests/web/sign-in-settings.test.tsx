// @vitest-environment happy-dom
// Settings for Sign in with Microsoft: the admin's app registration per cloud, validated cloud by cloud, stored with
// the other settings; the redirect URI to register shown beside them; absent where the host has no tenant board.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLibrary, type Library } from '../../core/store';
import { App } from '../../web/app';

const root = document.createElement('div');
document.body.append(root);
let library: Library | null = null;

afterEach(() => {
  render(null, root);
  library?.close();
  library = null;
});

const Board = () => <p>board</p>;

async function openSettings(withBoard: boolean): Promise<Library> {
  library = await openLibrary({ indexedDB: new IDBFactory(), name: `sign-in-settings-${Math.random()}` });
  location.hash = '#/settings';
  await act(() => render(<App library={library as Library} {...(withBoard ? { tenantView: Board } : {})} />, root));
  await vi.waitFor(() => expect(root.querySelector('fieldset.theme')).not.toBeNull());
  return library;
}

function fieldsOf(legend: string): HTMLInputElement[] {
  const set = [...root.querySelectorAll('.sign-in-settings fieldset')].find((element) => element.querySelector('legend')?.textContent === legend);
  return [...(set?.querySelectorAll('input') ?? [])] as HTMLInputElement[];
}

async function fill(input: HTMLInputElement | undefined, value: string): Promise<void> {
  await act(() => {
    if (!input) throw new Error('no input');
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function save(): Promise<void> {
  const button = [...root.querySelectorAll('button')].find((element) => element.textContent === 'Save sign-in settings');
  await act(() => button?.click());
}

describe('Settings: Sign in with Microsoft', () => {
  it('stores each cloud\'s client and tenant ID and shows the bridge page as the redirect URI to register', async () => {
    const lib = await openSettings(true);
    expect(root.querySelector('.sign-in-settings .mono')?.textContent).toBe(new URL('auth/redirect.html', document.baseURI).href);
    expect([...root.querySelectorAll('.sign-in-settings legend')].map((legend) => legend.textContent)).toEqual([
      'Microsoft global (commercial, including GCC)',
      'US Government L4 (GCC High)',
      'US Government L5 (DoD)',
      'China operated by 21Vianet',
    ]);
    const [usClient, usTenant] = fieldsOf('US Government L4 (GCC High)');
    await fill(usClient, '0B5F2C1E-4D3A-4E8B-9C7D-6A5B4C3D2E1F');
    await fill(usTenant, 'contoso.onmicrosoft.us');
    await save();
    await vi.waitFor(async () => expect((await lib.getSettings()).signIn).toEqual({ usgov: { clientId: '0b5f2c1e-4d3a-4e8b-9c7d-6a5b4c3d2e1f', tenantId: 'contoso.onmicrosoft.us' } }));
    expect((await lib.getSettings()).warnDays).toBe(30);
  });

  it('says which cloud\'s IDs are malformed and saves nothing then', async () => {
    const lib = await openSettings(true);
    const [client, tenant] = fieldsOf('China operated by 21Vianet');
    await fill(client, 'my app');
    await fill(tenant, 'contoso');
    await save();
    expect(root.querySelector('.sign-in-settings [role="alert"]')?.textContent).toBe(
      'The client ID must be a GUID, and the tenant ID a GUID or a domain such as contoso.onmicrosoft.com.',
    );
    expect((await lib.getSettings()).signIn).toEqual({});
  });

  it('is not offered where the host has no tenant board (the extension)', async () => {
    await openSettings(false);
    expect(root.querySelector('.sign-in-settings')).toBeNull();
  });
});
