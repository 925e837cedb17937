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
    server: { open: '/?sample' },
  };
}
