import type { Migration } from 'kysely';
import * as initial from './2026-11-25T0000_initial.js';

/** Every migration by its timestamped name; the Migrator applies them in name order. Add new ones here. */
export const migrations: Record<string, Migration> = {
  '2026-11-25T0000_initial': initial,
};
