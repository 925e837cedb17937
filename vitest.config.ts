import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Unit tests: core in Node (WebCrypto is global there), views in happy-dom (per-file `// @vitest-environment happy-dom`).
export default defineConfig({
  plugins: [preact()],
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    setupFiles: ['tests/setup.ts'],
  },
});
