/**
 * Rejected events are kept for operators to see what a source system sends wrong (`GET /api/v1/events/rejected`),
 * not for ever: a source stuck on a bad field would otherwise fill the disk of a server left running for weeks,
 * one stored body per event. The newest `keep` stay; older ones are deleted once a minute, by every node (the delete
 * is the same whoever runs it). An operator reading the list sees the latest rejections, and the count by reason
 * stays in `/metrics`.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { LogFunction } from '../observability/logger.js';
import { Periodic } from '../lib/periodic.js';

/** A day of a source rejecting one event a second, with room to spare. */
export const REJECTED_KEPT = 100_000;

export class RejectedRetention {
  private readonly periodic: Periodic;

  constructor(private readonly options: { db: Kysely<Database>; log: LogFunction; keep?: number; intervalMs?: number }) {
    this.periodic = new Periodic(() => this.run(), options.intervalMs ?? 60_000, (error) =>
      options.log('warn', 'pruning rejected events failed; tried again later', error));
  }

  start(): void {
    this.periodic.start();
  }

  /** Stops the timer and waits for a run in progress (the database is closed after). */
  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** Deletes all but the newest `keep` rejected events (by arrival); answers how many went. */
  async run(): Promise<number> {
    const keep = this.options.keep ?? REJECTED_KEPT;
    const result = await sql`
      delete from rejected_events
      where seq <= (select seq from rejected_events order by seq desc offset ${keep} limit 1)`.execute(this.options.db);
    return Number(result.numAffectedRows ?? 0);
  }
}
