// The stored apps, re-read whenever the library changes in this tab or another (an import, a removal, Clear all).
import { useEffect, useState } from 'preact/hooks';
import type { Library, StoredApp } from '../../../core/store';

export interface Apps {
  apps: StoredApp[];
  loaded: boolean;
  error: string | null;
}

export function useApps(library: Library): Apps {
  const [state, setState] = useState<Apps>({ apps: [], loaded: false, error: null });
  useEffect(() => {
    let live = true;
    // Each read gets a number, so a slow earlier read cannot overwrite a later one.
    let generation = 0;
    const load = () => {
      const mine = ++generation;
      library.listApps().then(
        (apps) => live && mine === generation && setState({ apps, loaded: true, error: null }),
        (error: unknown) => live && mine === generation && setState({ apps: [], loaded: true, error: error instanceof Error ? error.message : String(error) }),
      );
    };
    load();
    const unsubscribe = library.onChange((change) => {
      if (change.kind === 'apps' || change.kind === 'all') load();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [library]);
  return state;
}
