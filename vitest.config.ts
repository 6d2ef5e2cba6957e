import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'shared/**/*.test.ts', 'server/**/*.test.ts', 'client/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each test file starts its own server and database; two workers suit the 2-core machine.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
