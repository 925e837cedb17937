import { defineConfig } from 'vitest/config';

// End-to-end tests against the built site and the built extension (run `npm run build` first; `npm test` does).
// One browser at a time: the machine has 2 cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    // Generous caps for a busy 2-core machine; tests wait on conditions, so a pass never takes this long.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
