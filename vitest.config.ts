import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'shared/**/*.test.ts', 'server/**/*.test.ts', 'client/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each test file starts its own server and database. Three files at a time on the 2-core machine: much of a file's
    // time is waiting (a browser's timers, a server starting, a reconnect), and with two the cores stood a quarter idle
    // (the PostgreSQL pass 420 s with two, 280 s with three, on the slower of this project's machines).
    maxWorkers: 3,
    fileParallelism: true,
  },
});
