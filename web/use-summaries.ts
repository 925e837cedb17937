// The stored summaries (no bytes), re-read whenever the library changes in this tab or another one. While `active`
// is false (the import view is writing batch after batch), changes only mark the list stale: re-reading thousands
// of summaries after every batch would block the page the import is trying to keep responsive.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Library, ProfileSummary } from '../core/store';

export interface Summaries {
  profiles: ProfileSummary[];
  loaded: boolean;
  error: string | null;
}

export function useSummaries(library: Library, active = true): Summaries {
  const [state, setState] = useState<Summaries>({ profiles: [], loaded: false, error: null });
  const stale = useRef(true);
  const activeRef = useRef(active);
  const refresh = useRef<() => void>(() => undefined);
  activeRef.current = active;

  useEffect(() => {
    let live = true;
    refresh.current = () => {
      stale.current = false;
      library.listProfiles().then(
        (profiles) => live && setState({ profiles, loaded: true, error: null }),
        (error: unknown) =>
          live && setState((old) => ({ ...old, loaded: true, error: error instanceof Error ? error.message : String(error) })),
      );
    };
    const unsubscribe = library.onChange(() => {
      stale.current = true;
      if (activeRef.current) refresh.current();
    });
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
