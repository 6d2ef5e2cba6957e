/**
 * What the database would otherwise keep for as long as the server runs, pruned once a minute by every node (the
 * deletes are the same whoever runs them):
 * - Rejected events are kept for operators to see what a source system sends wrong (`GET /api/v1/events/rejected`),
 *   not for ever: a source stuck on a bad field would fill the disk of a server left running for weeks, one stored
 *   body per event. The newest `keepRejected` stay; their count by reason stays in `/metrics`.
 * - Sessions a day after their absolute expiry (kept that long for the record).
 */
import { sql, type Kysely } from 'kysely';
import { deleteExpiredSessions } from '../auth/sessions.js';
import { Periodic } from '../lib/periodic.js';
import type { LogFunction } from '../observability/logger.js';
import type { Database } from './database.js';

/** A day of a source rejecting one event a second, with room to spare. */
export const REJECTED_KEPT = 100_000;

export interface HousekeepingOptions {
  db: Kysely<Database>;
  log: LogFunction;
  now: () => Date;
  keepRejected?: number;
  intervalMs?: number;
}

export class Housekeeping {
  private readonly periodic: Periodic;

  constructor(private readonly options: HousekeepingOptions) {
    this.periodic = new Periodic(() => this.run(), options.intervalMs ?? 60_000, (error) =>
      options.log('warn', 'housekeeping failed; tried again later', error));
  }

  start(): void {
    this.periodic.start();
  }

  /** Stops the timer and waits for a run in progress (the database is closed after). */
  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** One round; answers how many rejected events and sessions went. */
  async run(): Promise<{ rejected: number; sessions: number }> {
    const { db, now } = this.options;
    const keep = this.options.keepRejected ?? REJECTED_KEPT;
    const rejected = await sql`
      delete from rejected_events
      where seq <= (select seq from rejected_events order by seq desc offset ${keep} limit 1)`.execute(db);
    const sessions = await deleteExpiredSessions(db, now());
    return { rejected: Number(rejected.numAffectedRows ?? 0), sessions };
  }
}
