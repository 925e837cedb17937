// @vitest-environment happy-dom
// A large library shows its soonest-expiring page first and says the rest is still loading; once the full list is
// read, counts, search and export cover every profile. The full read is held back by the test, not timed.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openLibrary, type Library, type ProfileSummary } from '../../core/store/store';
import { App } from '../../web/app';
import { FIRST_PAGE_SIZE } from '../../web/use-summaries';
import { NOW, afterNow, buildResult } from '../core/profile-builder';

const STORED = FIRST_PAGE_SIZE + 50;
const uuid = (i: number) => `f1a50000-0000-4000-8000-${String(i).padStart(12, '0')}`;

let library: Library;
let root: HTMLElement;
let releaseFullList: () => void;
let listCalls: (number | undefined)[];

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  library = await openLibrary({ indexedDB: new IDBFactory(), name: `first-page-${Math.random()}` });
  await library.putProfiles(
    Array.from({ length: STORED }, (_, i) => ({
      fileName: `p${i}.mobileprovision`,
      bytes: new Uint8Array([i % 256, i >> 8]),
      // Profile i expires i + 1 days from now, so the first page is profiles 0..99 and "Late 149" is on no page.
      result: buildResult({ name: i === STORED - 1 ? 'Late 149' : `Profile ${i}`, uuid: uuid(i), expiresAt: afterNow(i + 1) }),
    })),
  );
  listCalls = [];
  const held = new Promise<void>((resolve) => (releaseFullList = resolve));
  const list = library.listProfiles.bind(library);
  library.listProfiles = async (options?: { limit?: number }): Promise<ProfileSummary[]> => {
    listCalls.push(options?.limit);
    if (options?.limit === undefined) await held;
    return list(options);
  };
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

function buttonNamed(text: string): HTMLButtonElement {
  const button = [...root.querySelectorAll('button')].find((candidate) => candidate.textContent?.startsWith(text));
  if (!button) throw new Error(`no button "${text}"`);
  return button;
}

describe('library first page', () => {
  it('shows the first page with a "still loading" note, then the whole library with exact counts', async () => {
    await act(() => render(<App library={library} />, root));
    await vi.waitFor(() => expect(root.querySelector(`tr[data-id="${uuid(0)}"]`)).not.toBeNull());
    // The whole list is asked for after the first rows, in the background.
    await vi.waitFor(() => expect(listCalls).toEqual([FIRST_PAGE_SIZE, undefined]));
    expect(root.textContent).toContain(`of the first ${FIRST_PAGE_SIZE} profiles shown; still loading the rest`);
    // "Export all shown" would silently miss the unread profiles.
    expect(buttonNamed('Export CSV').disabled).toBe(true);

    await act(() => releaseFullList());
    await vi.waitFor(() => expect(root.textContent).toContain(`${STORED} of ${STORED} profiles shown`));
    expect(root.textContent).not.toContain('still loading');
    expect(buttonNamed('Export CSV').disabled).toBe(false);

    const search = root.querySelector<HTMLInputElement>('input[type="search"]');
    if (!search) throw new Error('no search box');
    await act(() => {
      search.value = 'late 149';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(root.textContent).toContain(`1 of ${STORED} profiles shown`);
    expect(root.querySelector(`tr[data-id="${uuid(STORED - 1)}"]`)?.textContent).toContain('Late 149');
  });

  it('re-reads the whole list, not a page, when the library changes after it is complete', async () => {
    releaseFullList();
    await act(() => render(<App library={library} />, root));
    await vi.waitFor(() => expect(root.textContent).toContain(`${STORED} of ${STORED} profiles shown`));
    listCalls = [];
    await act(() => library.deleteProfiles([uuid(0)]));
    await vi.waitFor(() => expect(root.textContent).toContain(`${STORED - 1} of ${STORED - 1} profiles shown`));
    expect(listCalls).toEqual([undefined]);
  });
});
