import { chmodSync, existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { newTokenSecret } from './tokens.js';

/**
 * The operator's admin token when ADMIN_TOKEN is not set: on the embedded database it is kept in
 * DATA_DIR/admin-token (readable by its owner only) so `npm start` can print a working sign-in link each time.
 */
export function bootstrapAdminToken(config: Config): Config {
  if (config.adminToken || config.databaseUrl || config.dataDir === null) return config;
  const file = path.join(config.dataDir, 'admin-token');
  if (!existsSync(file)) {
    writeFileSync(file, newTokenSecret('mct') + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return { ...config, adminToken: readFileSync(file, 'utf8').trim() };
}

const SERVER_FILE = 'server.json';

/**
 * Tells other processes (the admin CLI) that this server holds the embedded database and where it listens;
 * answers the function that takes the notice down at shutdown.
 */
export function announceServer(config: Config, url: string): () => void {
  if (config.databaseUrl || config.dataDir === null) return () => undefined;
  const file = path.join(config.dataDir, SERVER_FILE);
  writeFileSync(file, JSON.stringify({ pid: process.pid, url }) + '\n', { mode: 0o600 });
  return () => {
    try {
      if (readRunningServer(config)?.pid === process.pid) unlinkSync(file);
    } catch {
      // Already gone: nothing to take down.
    }
  };
}

/** The server that holds the embedded database in DATA_DIR, if one is running. */
export function readRunningServer(config: Config): { pid: number; url: string } | null {
  if (config.databaseUrl || config.dataDir === null) return null;
  const file = path.join(config.dataDir, SERVER_FILE);
  if (!existsSync(file)) return null;
  try {
    const notice = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; url?: unknown };
    if (typeof notice.pid !== 'number' || typeof notice.url !== 'string') return null;
    process.kill(notice.pid, 0); // throws when no such process: a stale notice from a crash
    return { pid: notice.pid, url: notice.url };
  } catch {
    return null;
  }
}
