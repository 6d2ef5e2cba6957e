import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
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
