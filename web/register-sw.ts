// Registers the offline service worker (web/sw.ts) in built sites only: the dev server serves no sw.js, and a worker
// left over from a build would answer the dev server's requests from a stale cache.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || location.protocol === 'file:') return;
  // After load, so installing (which downloads every chunk once) never competes with the first screen.
  const register = () => {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((error: unknown) => {
      console.warn('ProvLens works, but not offline: the service worker did not register.', error);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

registerServiceWorker();
