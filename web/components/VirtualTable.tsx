// A tiny windowing table: only the rows in view (plus a few either side) are in the DOM, so 10,000 profiles cost
// the same to render as 30. Rows have one fixed height (CSS `--row-height` must match `rowHeight`); spacer rows
// keep the scrollbar honest, and aria-rowcount/aria-rowindex tell screen readers where they are.
import type { ComponentChildren, VNode } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

const OVERSCAN = 8;
// happy-dom and hidden containers measure 0: assume a screenful rather than rendering nothing.
const FALLBACK_HEIGHT = 600;

export interface VisibleRange {
  start: number;
  end: number;
}

export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, count: number): VisibleRange {
  const first = Math.floor(scrollTop / rowHeight);
  const start = Math.max(0, first - OVERSCAN);
  const end = Math.min(count, first + Math.ceil(viewport / rowHeight) + OVERSCAN);
  return { start, end: Math.max(start, end) };
}

interface Props<T> {
  rows: readonly T[];
  rowHeight: number;
  columns: number;
  label: string;
  header: ComponentChildren;
  renderRow: (row: T, ariaRowIndex: number) => VNode;
}

export function VirtualTable<T>({ rows, rowHeight, columns, label, header, renderRow }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_HEIGHT);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport(element.clientHeight || FALLBACK_HEIGHT);
    measure();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(element);
    return () => observer?.disconnect();
  }, []);

  // A filter that shrinks the list must not leave the window scrolled past its end.
  useEffect(() => {
    const element = scroller.current;
    if (element && element.scrollTop > rows.length * rowHeight) element.scrollTop = 0;
  }, [rows.length, rowHeight]);

  const { start, end } = visibleRange(scrollTop, viewport, rowHeight, rows.length);
  const visible = rows.slice(start, end);
  return (
    <div
      class="virtual"
      ref={scroller}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      tabIndex={-1}
    >
      <table aria-label={label} aria-rowcount={rows.length + 1}>
        <thead>{header}</thead>
        <tbody>
          {start > 0 && (
            <tr aria-hidden="true" class="spacer" style={{ height: `${start * rowHeight}px` }}>
              <td colSpan={columns} />
            </tr>
          )}
          {visible.map((row, offset) => renderRow(row, start + offset + 2))}
          {end < rows.length && (
            <tr aria-hidden="true" class="spacer" style={{ height: `${(rows.length - end) * rowHeight}px` }}>
              <td colSpan={columns} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
