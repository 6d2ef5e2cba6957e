/**
 * Wires the server: database, catalogs, ingest, figures, HTTP routes, the live channel and the simulator.
 * `startApp` runs the real product on a port (0 = ephemeral) so tests drive exactly what users get.
 */
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { sql } from 'kysely';
import type { Health, Me, PublicConfig, SimulatorBackfill } from '../shared/api.js';
import { Catalog } from './catalog/catalog.service.js';
import type { Config } from './config.js';
import { migrateToLatest, openDatabase, type OpenDatabase } from './db/connect.js';
import { EmbeddedVacuum } from './db/embedded-vacuum.js';
import { Housekeeping } from './db/housekeeping.js';
import { FiguresService } from './figures/figures.service.js';
import { ensureDailyRollup } from './figures/rollup.repository.js';
import { Folder, type FoldObservation } from './ingest/folder.js';
import { clientFiles } from './http/client-files.js';
import { AppError } from './http/errors.js';
import { authenticate, errorHandler, principalOf } from './http/middleware.js';
import { openApiDocument } from './http/openapi.js';
import { catalogRouter } from './http/routes/catalog.routes.js';
import { eventsRouter } from './http/routes/events.routes.js';
import { figuresRouter } from './http/routes/figures.routes.js';
import { adminRouter } from './http/routes/admin.routes.js';
import { authRouter } from './http/routes/auth.routes.js';
import { ingestRateLimit, securityHeaders } from './http/security.js';
import { auditAdminWrites } from './auth/audit.js';
import { RevocationWatcher } from './auth/revocations.js';
import { Lifecycle } from './observability/lifecycle.js';
import { createLogger, logFunction, type LogFunction } from './observability/logger.js';
import { AppMetrics, type LiveStats } from './observability/metrics.js';
import { metricsRouter } from './observability/metrics.routes.js';
import { requestLogger } from './observability/request-log.js';
import { createLive, type Live } from './live/live.js';
import type { Logger } from 'pino';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLIENT_DIST = path.join(ROOT, 'dist', 'client');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** How often each node re-reads the catalogs, so a change made through another node reaches it. */
const CATALOG_REFRESH_MS = 30_000;

export interface AppOptions {
  config: Config;
  /** The clock; tests move it by hand. */
  now?: () => Date;
  /** Where application messages go; default: the pino logger. */
  log?: LogFunction;
  /** The structured logger (request logs too); default: JSON on stdout at `config.logLevel`. */
  logger?: Logger;
  /** How long `stop()` waits for requests in flight (an ingest batch being committed) before closing anyway. */
  shutdownGraceMs?: number;
  /** An in-memory embedded database starts from these files (`DatabaseOptions.template`; the tests' databases). */
  embeddedTemplate?: Uint8Array<ArrayBuffer>;
  /** The built-in simulator's back-fill, reported by `/api/v1/health` (server/index.ts starts the simulator after the app). */
  simulatorBackfill?: () => SimulatorBackfill | null;
}

/** Emitted after every fold pass (and catalog change): the units whose figures may have changed. */
export interface ChangeEvents {
  unitsChanged: [unitCodes: Set<string>, eventCount: number];
}

/** Emitted when a principal's credentials stop working (token revoked or expired, user disabled, signed out). */
export interface RevocationEvents {
  revoked: [principalId: string];
}

export interface RunningApp {
  url: string;
  port: number;
  config: Config;
  database: OpenDatabase;
  catalog: Catalog;
  figures: FiguresService;
  /** Folds acknowledged events into the figures; `folder.settled()` waits for this node's acknowledged events. */
  folder: Folder;
  changes: EventEmitter<ChangeEvents>;
  /** The live channel disconnects a principal's sockets on `revoked` (admin API, CLI, expiry: within seconds). */
  revocations: EventEmitter<RevocationEvents>;
  httpServer: HttpServer;
  /** The Socket.IO channel: `live.stats()`, `live.disconnectPrincipal(id)`. */
  live: Live;
  metrics: AppMetrics;
  logger: Logger;
  /** Graceful: stops accepting, finishes the requests in flight, closes connections, then the database. */
  stop(): Promise<void>;
}

function clientVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(CLIENT_DIST, 'version.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'dev';
  }
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? createLogger(config.logLevel);
  const log = options.log ?? logFunction(logger);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, template: options.embeddedTemplate });
  const { db } = database;
  try {
    await migrateToLatest(db);
    await ensureDailyRollup(db, config.timeZone);
  } catch (error) {
    await database.close();
    throw error;
  }
  // PGlite has no autovacuum worker: the server does its work (server/db/embedded-vacuum.ts).
  const vacuum = database.engine === 'pglite' ? new EmbeddedVacuum({ db, log }) : null;
  vacuum?.start();
  const housekeeping = new Housekeeping({ db, log, now });
  housekeeping.start();
  const catalog = new Catalog(db);
  await catalog.initialize(config.unitCatalog);
  const figures = new FiguresService({ db, catalog, timeZone: config.timeZone, now });
  const changes = new EventEmitter<ChangeEvents>();
  changes.on('unitsChanged', () => figures.invalidate());
  const revocations = new EventEmitter<RevocationEvents>();
  let observeFold: ((pass: FoldObservation) => void) | undefined;
  const folder = new Folder({
    db,
    timeZone: config.timeZone,
    log,
    onFolded: (units, count) => changes.emit('unitsChanged', units, count),
    observe: (pass) => observeFold?.(pass),
    parallel: database.engine === 'postgres',
  });
  folder.start();
  const onRevoked = (principalId: string) => revocations.emit('revoked', principalId);
  const revocationWatcher = new RevocationWatcher({ db, now, intervalMs: 2000, onRevoked, onError: (error) => log('warn', 'revocation check failed', error) });
  await revocationWatcher.start();

  const lifecycle = new Lifecycle();
  let liveStats: (() => LiveStats | undefined) | undefined;
  const metrics = new AppMetrics({
    pool: database.poolStats,
    inFlight: () => lifecycle.inFlight,
    live: () => liveStats?.(),
    foldBacklog: () => folder.backlog,
  });
  observeFold = (pass) => metrics.observeFold(pass);

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (config.trustProxy) app.set('trust proxy', /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy);
  app.use(securityHeaders());
  app.use(requestLogger(logger));
  app.use(metrics.httpTimer());
  app.use(lifecycle.middleware());
  app.use(metricsRouter(metrics, config.adminToken));

  const api = Router();
  api.get('/health', async (_req, res) => {
    try {
      await sql`select 1`.execute(db);
      const backfill = options.simulatorBackfill?.() ?? null;
      const health: Health = { status: 'ok', database: database.engine, version: VERSION };
      if (backfill) health.simulator = { backfill };
      res.json(health);
    } catch {
      res.status(503).set('Retry-After', '5').json({ error: { code: 'database_unavailable', message: 'the database is unreachable' } });
    }
  });
  // Readiness for a load balancer: the database answers and this node is not shutting down.
  api.get('/ready', async (_req, res) => {
    try {
      await sql`select 1`.execute(db);
      res.json({ status: 'ready', database: database.engine });
    } catch {
      res.status(503).set('Retry-After', '5').json({ error: { code: 'not_ready', message: 'the database is unreachable' } });
    }
  });
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument(VERSION));
  });
  api.use(authRouter({ db, now, loginRatePerMinute: config.loginRatePerMinute ?? 10, onRevoked }));
  api.use(authenticate({ adminToken: config.adminToken, db, now }));
  api.use(auditAdminWrites(db, (error) => log('warn', 'audit write failed', error)));
  api.get('/me', (_req, res) => {
    const p = principalOf(res);
    const me: Me = { id: p.id, name: p.name, role: p.role, units: p.units, authenticatedBy: p.authenticatedBy ?? 'token', ...(p.role === 'display' ? { playlist: p.playlist ?? null } : {}) };
    res.json(me);
  });
  api.get('/config', (_req, res) => {
    const body: PublicConfig = { timeZone: config.timeZone, liveIntervalMs: config.liveIntervalMs, scoring: figures.scoring, clientVersion: clientVersion() };
    res.json(body);
  });
  const catalogChanged = () => changes.emit('unitsChanged', new Set(catalog.allUnits().map((u) => u.code)), 0);
  api.use(catalogRouter(catalog, db, catalogChanged));
  api.post('/events', ingestRateLimit(config.ingestRatePerMinute ?? 600));
  api.use(
    eventsRouter({
      db,
      catalog,
      timeZone: config.timeZone,
      now,
      folder,
      observe: (batch) => metrics.observeIngest(batch),
    }),
  );
  api.use(figuresRouter(figures, () => folder.settled()));
  api.use(adminRouter({ db, now, onRevoked }));
  api.use(() => {
    throw new AppError(404, 'not_found', 'no such API route');
  });
  app.use('/api/v1', api);

  if (existsSync(CLIENT_DIST)) {
    app.use(clientFiles(CLIENT_DIST));
  } else {
    app.get('/', (_req, res) => {
      res.type('text').send('motcua-live API is running. The dashboard is not built: run `npm run build:client` (npm start does it).');
    });
  }
  app.use(errorHandler((error, req) => log('error', `unhandled error on ${req.method} ${req.path}`, error)));

  const httpServer = createServer(app);
  const live = await createLive({ httpServer, config, db, catalog, figures, changes, now, log, settled: () => folder.settled() });
  liveStats = () => live.stats();
  revocations.on('revoked', (principalId) => live.disconnectPrincipal(principalId));
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    await live.close();
    await folder.stop();
    await vacuum?.stop();
    await housekeeping.stop();
    throw error;
  }
  const stopCatalogRefresh = catalog.refreshEvery(CATALOG_REFRESH_MS, catalogChanged);
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;

  let stopped = false;
  return {
    url, port, config, database, catalog, figures, folder, changes, revocations, httpServer, live, metrics, logger,
    async stop() {
      if (stopped) return;
      stopped = true;
      const draining = lifecycle.drain(httpServer, options.shutdownGraceMs ?? 10_000);
      stopCatalogRefresh();
      await live.close();
      const finished = await draining;
      if (!finished) log('warn', 'shutdown: requests still in flight after the grace period were cut');
      await folder.stop();
      await revocationWatcher.stop();
      await vacuum?.stop();
      await housekeeping.stop();
      await database.close();
    },
  };
}
