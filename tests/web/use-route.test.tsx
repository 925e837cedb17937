// @vitest-environment happy-dom
// useRoute follows the hash, including a change made between the first render and the moment its listener attaches
// (effects run after paint): a navigation right after a reload used to leave the app on the old view.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { useRoute } from '../../web/router';

function RouteName() {
  const route = useRoute();
  return <p>{route.view}</p>;
}

describe('useRoute', () => {
  const root = document.createElement('div');
  afterEach(() => {
    render(null, root);
    history.replaceState(null, '', '#/library');
  });

  it('reads a hash that changed before its listener attached, when no hashchange event can tell it', async () => {
    history.replaceState(null, '', '#/library');
    render(<RouteName />, root);
    expect(root.textContent).toBe('library');
    // replaceState changes the hash without a hashchange event, as a change made before the listener existed.
    history.replaceState(null, '', '#/settings');
    await act(async () => {
      await new Promise((done) => setTimeout(done, 50));
    });
    expect(root.textContent).toBe('settings');
  });

  it('follows later hash changes through the event', async () => {
    await act(() => {
      render(<RouteName />, root);
    });
    await act(async () => {
      location.hash = '#/import';
      await new Promise((done) => setTimeout(done, 50));
    });
    expect(root.textContent).toBe('import');
  });
});
