// @vitest-environment happy-dom
// The windowed table keeps the DOM small whatever the library's size, and scrolling moves the window.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualTable, visibleRange } from '../../web/components/VirtualTable';

describe('visibleRange', () => {
  it('covers the viewport plus 8 rows of overscan either side, clamped to the list', () => {
    expect(visibleRange(0, 440, 44, 10_000)).toEqual({ start: 0, end: 18 });
    expect(visibleRange(44 * 500, 440, 44, 10_000)).toEqual({ start: 492, end: 518 });
    expect(visibleRange(44 * 9_995, 440, 44, 10_000)).toEqual({ start: 9_987, end: 10_000 });
    expect(visibleRange(0, 440, 44, 0)).toEqual({ start: 0, end: 0 });
  });
});

describe('VirtualTable', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));

  it('renders only a window of 10,000 rows and keeps the scroll height of all of them', async () => {
    const rows = Array.from({ length: 10_000 }, (_, index) => `profile ${index}`);
    await act(() =>
      render(
        <VirtualTable
          rows={rows}
          rowHeight={44}
          columns={1}
          label="Profiles"
          header={<tr><th>Name</th></tr>}
          renderRow={(row, index) => (
            <tr key={row} aria-rowindex={index} data-row>
              <td>{row}</td>
            </tr>
          )}
        />,
        root,
      ),
    );
    const rendered = () => [...root.querySelectorAll('tr[data-row]')].map((tr) => tr.textContent);
    // happy-dom measures 0, so the table assumes a 600 px viewport: 14 rows + 8 overscan.
    expect(rendered()).toHaveLength(22);
    expect(rendered()[0]).toBe('profile 0');
    const spacer = root.querySelector<HTMLElement>('tr.spacer');
    expect(spacer?.style.height).toBe(`${(10_000 - 22) * 44}px`);
    expect(root.querySelector('table')?.getAttribute('aria-rowcount')).toBe('10001');

    const scroller = root.querySelector<HTMLElement>('.virtual');
    if (!scroller) throw new Error('no scroller');
    await act(() => {
      scroller.scrollTop = 44 * 5_000;
      scroller.dispatchEvent(new Event('scroll'));
    });
    expect(rendered()[0]).toBe('profile 4992');
    expect(rendered()).toHaveLength(30);
    expect(root.querySelector('tr[data-row]')?.getAttribute('aria-rowindex')).toBe('4994');
  });
});
