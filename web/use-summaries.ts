// The stored summaries (no bytes), re-read whenever the library changes in this tab or another one. While `active`
// is false (the import view is writing batch after batch), changes only mark the list stale: re-reading thousands
// of summaries after every batch would block the page the import is trying to keep responsive.
//
// The first read of a large library is two steps: the soonest-expiring page (a short index read) so rows show at
// once, then the whole list in the background. Until `complete` is true, counts, filters and search cover only the
// first page, and the views say so.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Library, ProfileSummary } from '../core/store';

/** Enough rows to fill a tall screen while the rest is read. */
export const FIRST_PAGE_SIZE = 100;

export interface Summaries {
  profiles: ProfileSummary[];
  /** True once anything has been read (even the first page only). */
  loaded: boolean;
  /** True once `profiles` is the whole library, not only its first page. */
  complete: boolean;
  error: string | null;
}

const INITIAL: Summaries = { profiles: [], loaded: false, complete: false, error: null };

export function useSummaries(library: Library, active = true): Summaries {
  const [state, setState] = useState<Summaries>(INITIAL);
  const stale = useRef(true);
  const activeRef = useRef(active);
  const refresh = useRef<() => void>(() => undefined);
  activeRef.current = active;

  useEffect(() => {
    let live = true;
    // Each read gets a number, so a slow full read cannot overwrite the answer of a later one.
    let generation = 0;
    let haveFullList = false;
    setState(INITIAL);
    const fail = (error: unknown) =>
      setState((old) => ({ ...old, loaded: true, error: error instanceof Error ? error.message : String(error) }));

    refresh.current = () => {
      stale.current = false;
      const mine = ++generation;
      const current = () => live && mine === generation;
      // Once the whole list is on screen, a change re-reads it whole: swapping back to a page would shrink the table.
      const firstPage: Promise<boolean | undefined> = haveFullList
        ? Promise.resolve(undefined)
        : library.listProfiles({ limit: FIRST_PAGE_SIZE }).then((profiles) => {
            if (!current()) return;
            const complete = profiles.length < FIRST_PAGE_SIZE;
            if (complete) haveFullList = true;
            setState({ profiles, loaded: true, complete, error: null });
            return complete;
          });
      firstPage
        .then(async (complete) => {
          if (complete === true || !current()) return;
          // Reading and cloning the whole list holds the main thread for a while: let the first rows paint first.
          if (!haveFullList) await afterNextPaint();
          if (!current()) return;
          return library.listProfiles().then((profiles) => {
            if (!current()) return;
            haveFullList = true;
            setState({ profiles, loaded: true, complete: true, error: null });
          });
        })
        .catch((error: unknown) => current() && fail(error));
    };
    const unsubscribe = library.onChange(() => {
      stale.current = true;
      if (activeRef.current) refresh.current();
    });
    if (activeRef.current) refresh.current();
    else stale.current = true;
    return () => {
      live = false;
      unsubscribe();
    };
  }, [library]);

  useEffect(() => {
    if (active && stale.current) refresh.current();
  }, [active, library]);

  return state;
}

/** Resolves once the frame after now has been painted, or after a short wait where frames are not drawn (a hidden
 *  tab, a test DOM). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 200);
    if (typeof requestAnimationFrame !== 'function') return;
    // rAF runs before the paint; a task queued from it runs after.
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}
