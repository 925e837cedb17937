import { defineConfig } from 'vitest/config';

// End-to-end tests against the built site and the built extension (run `npm run build` first; `npm test` does).
// One browser at a time: the machine has 2 cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
