// One read of the tenant at a time: progress as the requests go out, Cancel through an AbortSignal, and the result
// (the snapshot and each configuration's decoded payload) kept in memory for the board. A newer read or a reset
// makes an older one's answer land nowhere.
import { useCallback, useRef, useState } from 'preact/hooks';
import type { GraphConfiguration, GraphConnection, TenantSnapshot } from '../../../core/tenant/types';
import type { ProfileResult } from '../../../core/types';
import { advance, NO_PROGRESS, type ReadProgress } from './read-progress';

export interface TenantRead {
  snapshot: TenantSnapshot;
  payloads: Record<string, ProfileResult>;
}

export type ReadState =
  | { status: 'idle' }
  | { status: 'reading'; progress: ReadProgress }
  | { status: 'read'; data: TenantRead }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

export type Reader = (signal: AbortSignal, onRequest: NonNullable<GraphConnection['onRequest']>) => Promise<TenantRead>;

export function useTenantRead(onError: (error: unknown) => boolean) {
  const [state, setState] = useState<ReadState>({ status: 'idle' });
  const current = useRef<{ controller: AbortController; generation: number } | null>(null);
  const generation = useRef(0);

  const start = useCallback(
    (reader: Reader) => {
      current.current?.controller.abort();
      const mine = { controller: new AbortController(), generation: ++generation.current };
      current.current = mine;
      const seen = new Set<string>();
      let progress = NO_PROGRESS;
      const live = () => generation.current === mine.generation;
      setState({ status: 'reading', progress });
      reader(mine.controller.signal, (request) => {
        progress = advance(progress, request, seen);
        if (live()) setState({ status: 'reading', progress });
      }).then(
        (data) => live() && setState({ status: 'read', data }),
        (error: unknown) => {
          if (!live()) return;
          if (mine.controller.signal.aborted) return setState({ status: 'cancelled' });
          // The page handles what needs it (a 401: connect again); the rest is said here.
          if (onError(error)) return setState({ status: 'idle' });
          setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
        },
      );
    },
    [onError],
  );

  const cancel = useCallback(() => current.current?.controller.abort(), []);

  const reset = useCallback(() => {
    current.current?.controller.abort();
    current.current = null;
    generation.current += 1;
    setState({ status: 'idle' });
  }, []);

  /** After an action: the configuration as Graph now has it, and its decoded payload, in place of the old one. */
  const replace = useCallback((configuration: GraphConfiguration, payload: ProfileResult) => {
    setState((old) => {
      if (old.status !== 'read') return old;
      const { snapshot, payloads } = old.data;
      const known = snapshot.configurations.some((entry) => entry.id === configuration.id);
      const configurations = known
        ? snapshot.configurations.map((entry) => (entry.id === configuration.id ? configuration : entry))
        : [...snapshot.configurations, configuration];
      return { status: 'read', data: { snapshot: { ...snapshot, configurations }, payloads: { ...payloads, [configuration.id]: payload } } };
    });
  }, []);

  return { state, start, cancel, reset, replace };
}
