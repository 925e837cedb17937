import type { UserConfig } from 'vite';
import preact from '@preact/preset-vite';
import { devWithoutCspPlugin } from './vite-csp-plugin.ts';
import { serviceWorkerPlugin } from './vite-sw-plugin.ts';

export function webConfig(): UserConfig {
  return {
    root: 'web',
    base: './',
    plugins: [preact(), serviceWorkerPlugin(), devWithoutCspPlugin()],
    build: { outDir: '../dist/web', emptyOutDir: true },
    // The import's decode workers (web/import/decode-pool.ts) are module workers: ES output lets them share chunks.
    worker: { format: 'es' },
    server: { open: '/?sample' },
  };
}
