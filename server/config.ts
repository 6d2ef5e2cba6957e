import { z } from 'zod';
import { DEFAULT_LIVE_INTERVAL_MS, DEFAULT_TIME_ZONE } from '../shared/limits.js';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional(),
  UNIT_CATALOG: z.string().optional(),
  SIMULATE: flag.optional(),
  SIMULATE_RATE: z.coerce.number().positive().max(1000).default(1),
  SIMULATE_BACKFILL_DAYS: z.coerce.number().int().min(0).max(400).default(92),
  LIVE_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(DEFAULT_LIVE_INTERVAL_MS),
  TIME_ZONE: z.string().default(DEFAULT_TIME_ZONE),
  REDIS_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INGEST_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  TRUST_PROXY: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** null keeps the embedded database in memory (tests). */
  dataDir: string | null;
  adminToken: string | undefined;
  unitCatalog: string | undefined;
  simulate: boolean;
  /** Simulated city-wide pace relative to a real day (1 = real time). */
  simulateRate: number;
  simulateBackfillDays: number;
  liveIntervalMs: number;
  timeZone: string;
  redisUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Ingest requests per minute per key (default 600). */
  ingestRatePerMinute?: number;
  /** Failed sign-ins per minute per address and username (default 10). */
  loginRatePerMinute?: number;
  /** Express `trust proxy` (e.g. `loopback` or a hop count) so rate limits see the client's address behind a reverse proxy. */
  trustProxy?: string | undefined;
}

/** Reads the environment (CONTRACT.md, "Configuration"); a bad value stops the start with its reason. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) throw new Error(`invalid configuration:\n${z.prettifyError(result.error)}`);
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    adminToken: e.ADMIN_TOKEN,
    unitCatalog: e.UNIT_CATALOG,
    simulate: e.SIMULATE ?? e.DATABASE_URL === undefined,
    simulateRate: e.SIMULATE_RATE,
    simulateBackfillDays: e.SIMULATE_BACKFILL_DAYS,
    liveIntervalMs: e.LIVE_INTERVAL_MS,
    timeZone: e.TIME_ZONE,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    ingestRatePerMinute: e.INGEST_RATE_LIMIT,
    loginRatePerMinute: e.LOGIN_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY,
  };
}
