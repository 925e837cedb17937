// The stored summaries (no bytes), re-read whenever the library changes in this tab or another one.
import { useEffect, useState } from 'preact/hooks';
import type { Library, ProfileSummary } from '../core/store';

export interface Summaries {
  profiles: ProfileSummary[];
  loaded: boolean;
  error: string | null;
}

export function useSummaries(library: Library): Summaries {
  const [state, setState] = useState<Summaries>({ profiles: [], loaded: false, error: null });
  useEffect(() => {
    let live = true;
    const refresh = () => {
      library.listProfiles().then(
        (profiles) => live && setState({ profiles, loaded: true, error: null }),
        (error: unknown) =>
          live && setState((old) => ({ ...old, loaded: true, error: error instanceof Error ? error.message : String(error) })),
      );
    };
    refresh();
    const unsubscribe = library.onChange(refresh);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [library]);
  return state;
}
