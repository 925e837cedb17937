import type { UserConfig } from 'vite';
import preact from '@preact/preset-vite';

export function webConfig(): UserConfig {
  return {
    root: 'web',
    base: './',
    plugins: [preact()],
    build: { outDir: '../dist/web', emptyOutDir: true },
    server: { open: '/?sample' },
  };
}
