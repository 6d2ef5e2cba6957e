import { mkdirSync } from 'node:fs';
import { startApp } from './app.js';
import { announceServer, bootstrapAdminToken } from './auth/bootstrap.js';
import { configFromEnv } from './config.js';
import { startSimulator, type Simulator } from './simulator/simulator.js';

async function main(): Promise<void> {
  let config = configFromEnv();
  if (config.dataDir !== null && !config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  config = bootstrapAdminToken(config);
  // The simulator feeds the server through its own public API, like any source system: it starts once the server listens.
  let simulator: Simulator | null = null;
  const app = await startApp({ config, simulatorBackfill: () => simulator?.backfill() ?? null });
  const withdrawNotice = announceServer(config, app.url);
  const signIn = config.adminToken ? `${app.url}/?token=${encodeURIComponent(config.adminToken)}` : app.url;
  process.stdout.write(
    [
      '',
      `  motcua-live is running on ${app.database.engine === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL'}`,
      `  Dashboard:   ${signIn}`,
      `  Wall display: ${app.url}/display`,
      config.adminToken ? `  Admin token: ${config.adminToken}` : '  No ADMIN_TOKEN set: create tokens with `npm run admin`.',
      `  API:         ${app.url}/api/v1/openapi.json`,
      '',
    ].join('\n') + '\n',
  );
  if (config.simulate && config.adminToken) {
    simulator = startSimulator({
      url: app.url,
      token: config.adminToken,
      rate: config.simulateRate,
      backfillDays: config.simulateBackfillDays,
      log: (message) => app.logger.info({ component: 'simulator' }, message),
    });
  } else if (config.simulate) {
    app.logger.warn('SIMULATE is on but there is no admin token for the simulator: it stays off');
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down: finishing requests in flight, then closing the database');
    withdrawNotice();
    (simulator?.stop() ?? Promise.resolve()).then(() => app.stop()).then(
      () => {
        app.logger.info('shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`motcua-live failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
