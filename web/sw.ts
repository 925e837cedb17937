/// <reference lib="webworker" />
// The offline service worker (W3C Service Workers). It precaches every file of the build — lazy chunks included, so
// each feature works offline after the first visit — and answers from that cache before the network. It never
// talks to another origin. PRECACHE and VERSION are written in front of this file at build time by
// web/vite-sw-plugin.ts; URLs are relative to this script, so the site works from any host and sub-path.
export {};

declare const self: ServiceWorkerGlobalScope;
declare const PRECACHE: readonly string[];
declare const VERSION: string;

const CACHE = `provlens-${VERSION}`;
const INDEX = new URL('index.html', self.location.href).href;

self.addEventListener('install', (event) => {
  // No skipWaiting: an open tab may still lazy-load chunks of the build it started with, which this cache replaces.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith('provlens-') && name !== CACHE).map((name) => caches.delete(name)));
      // The first visit's page becomes controlled at once, so its later lazy imports get cached answers too.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(answer(request));
});

async function answer(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const own = await cache.match(request, { ignoreSearch: true });
  // Every other navigation in scope is the one-page app (routes live in the hash; ?sample is read by the page). A
  // page of the build is itself: the sign-in redirect bridge (auth/redirect.html) must answer as the bridge.
  if (request.mode === 'navigate') return own ?? (await cache.match(INDEX)) ?? fetch(request);
  return own ?? fetch(request);
}
