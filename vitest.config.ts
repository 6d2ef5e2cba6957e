import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'shared/**/*.test.ts', 'server/**/*.test.ts', 'client/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each test file starts its own server and database. Against PostgreSQL, three files at a time on the 2-core
    // machine: much of a file's time is waiting (a browser's timers, a server starting, a reconnect), and with two the
    // cores stood a quarter idle (420 s → 280 s on the slower of this project's machines). PGlite does its databases'
    // work in the test processes themselves: a third file there only made each file slower.
    maxWorkers: process.env.TEST_DATABASE_URL ? 3 : 2,
    fileParallelism: true,
    // A worker imports the server's modules once for all the files it runs, not once per file: no file mocks a module
    // or changes a global for longer than its test, and each test starts its own app. Importing was a fifth of the
    // workers' time (a PGlite pass 441 s → 345 s on the slower AMD EPYC machine).
    isolate: false,
  },
});
