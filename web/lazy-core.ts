// The decoder (~24 kB gzip) is not needed to list stored summaries, so it loads on first
// import, sample, export or verdict instead of with the first screen. WebCrypto is injected once, here.
import type * as CoreModule from '../core/index';

type Core = typeof CoreModule;

let loading: Promise<Core> | null = null;

export function loadCore(): Promise<Core> {
  loading ??= import('../core/index').then(
    (core) => {
      core.useWebCrypto(globalThis.crypto);
      return core;
    },
    (error: unknown) => {
      // A failed fetch (e.g. the site was updated meanwhile) must not stick: the next use tries again.
      loading = null;
      throw error;
    },
  );
  return loading;
}
