// The core, loaded on first use (see lazy-core.ts), for components that need it synchronously once it is there.
import { useEffect, useState } from 'preact/hooks';
import type * as CoreModule from '../../../core/index';
import { loadCore } from '../../lazy-core';

export type Core = typeof CoreModule;

export function useCore(): Core | null {
  const [core, setCore] = useState<Core | null>(null);
  useEffect(() => {
    let live = true;
    loadCore().then(
      (loaded) => live && setCore(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return core;
}
