import type { UserConfig } from 'vite';
import preact from '@preact/preset-vite';
import { serviceWorkerPlugin } from './vite-sw-plugin.ts';

export function webConfig(): UserConfig {
  return {
    root: 'web',
    base: './',
    plugins: [preact(), serviceWorkerPlugin()],
    build: { outDir: '../dist/web', emptyOutDir: true },
    server: { open: '/?sample' },
  };
}
