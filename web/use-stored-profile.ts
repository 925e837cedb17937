// One stored profile for a view: undefined while it loads, null when it is not (or no longer) in the library.
import { useEffect, useState } from 'preact/hooks';
import type { StoredProfile } from '../core/store';
import { useAppContext } from './app-context';

/** `refresh` re-reads when it changes (e.g. the library's summaries, since another tab may replace or delete it). */
export function useStoredProfile(id: string, refresh?: unknown): StoredProfile | null | undefined {
  const { library } = useAppContext();
  const [stored, setStored] = useState<StoredProfile | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    library.getProfile(id).then(
      (record) => live && setStored(record ?? null),
      () => live && setStored(null),
    );
    return () => {
      live = false;
    };
  }, [library, id, refresh]);
  return stored;
}
