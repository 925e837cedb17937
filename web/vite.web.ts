import { resolve } from 'node:path';
import type { UserConfig } from 'vite';
import preact from '@preact/preset-vite';
import { devWithoutCspPlugin } from './vite-csp-plugin.ts';
import { serviceWorkerPlugin } from './vite-sw-plugin.ts';

export function webConfig(): UserConfig {
  return {
    root: 'web',
    base: './',
    plugins: [preact(), serviceWorkerPlugin(), devWithoutCspPlugin()],
    build: {
      outDir: '../dist/web',
      emptyOutDir: true,
      // Two pages: the app, and the sign-in redirect bridge (the redirect URI admins register for Sign in with
      // Microsoft; web/auth/redirect.html), which loads only MSAL's small bridge module.
      rolldownOptions: { input: { main: resolve(import.meta.dirname, 'index.html'), redirect: resolve(import.meta.dirname, 'auth/redirect.html') } },
    },
    // The import's decode workers (web/import/decode-pool.ts) are module workers: ES output lets them share chunks.
    worker: { format: 'es' },
    server: { open: '/?sample' },
  };
}
