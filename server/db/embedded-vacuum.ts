/**
 * Autovacuum for the embedded engine. PGlite runs PostgreSQL as one standalone backend: no autovacuum worker ever
 * starts (`pg_stat_user_tables.autovacuum_count` stays 0), so its tables would keep every dead row for good (the
 * fold queue is nothing but rows inserted and deleted; a resolved dossier leaves its earlier version behind) and
 * the planner would never get statistics. Scans of the queue then grow with every event ever folded.
 *
 * This does what autovacuum does, with its default thresholds, from a timer of the server: every second for the
 * fold queue (small, all churn: a vacuum takes a millisecond or two and keeps each take of the queue from scanning
 * the rows of every pass before it), every 30 seconds for the other tables (their vacuum and analyze take the only
 * connection for longer, so not at each growth spurt). PostgreSQL servers run their own autovacuum, so this is
 * started for PGlite only.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';
import type { LogFunction } from '../observability/logger.js';
import { Periodic } from '../lib/periodic.js';

/** PostgreSQL's defaults (autovacuum_vacuum_threshold, _scale_factor, the insert and analyze ones). */
const VACUUM = { threshold: 50, scale: 0.2 };
const VACUUM_INSERTS = { threshold: 1000, scale: 0.2 };
const ANALYZE = { threshold: 50, scale: 0.1 };

interface TableActivity {
  relname: string;
  live: number;
  dead: number;
  inserted: number;
  modified: number;
}

export interface Maintenance {
  table: string;
  action: 'vacuum' | 'analyze';
}

/** What autovacuum would do to each table now, given its activity counters. */
export function maintenanceDue(tables: readonly TableActivity[]): Maintenance[] {
  const due: Maintenance[] = [];
  for (const t of tables) {
    const over = (limit: { threshold: number; scale: number }, count: number) => count > limit.threshold + limit.scale * t.live;
    // VACUUM (ANALYZE) when either vacuum limit is passed; a plain ANALYZE when only the analyze one is.
    if (over(VACUUM, t.dead) || over(VACUUM_INSERTS, t.inserted)) due.push({ table: t.relname, action: 'vacuum' });
    else if (over(ANALYZE, t.modified)) due.push({ table: t.relname, action: 'analyze' });
  }
  return due;
}

/** Checked at every round; the other tables at every `EVERY_TABLE_ROUNDS`th. */
const CHURN_TABLES = ['fold_queue'];
const EVERY_TABLE_ROUNDS = 30;

export class EmbeddedVacuum {
  private readonly periodic: Periodic;
  private rounds = 0;

  constructor(private readonly options: { db: Kysely<Database>; log: LogFunction; intervalMs?: number }) {
    this.periodic = new Periodic(
      () => {
        this.rounds += 1;
        return this.run(this.rounds % EVERY_TABLE_ROUNDS === 0 ? 'all' : 'churn');
      },
      options.intervalMs ?? 1000,
      (error) => options.log('warn', 'embedded vacuum failed; tried again later', error),
    );
  }

  start(): void {
    this.periodic.start();
  }

  /** Stops the timer and waits for a run in progress (the database is closed after). */
  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** One round over every table or the churn ones: vacuums or analyzes those that need it; answers what it did. */
  async run(tables: 'all' | 'churn' = 'all'): Promise<Maintenance[]> {
    const { rows } = await sql<TableActivity>`
      select relname, n_live_tup::float8 as live, n_dead_tup::float8 as dead,
        n_ins_since_vacuum::float8 as inserted, n_mod_since_analyze::float8 as modified
      from pg_stat_user_tables
      where schemaname = 'public' and (${tables === 'all'} or relname = any(${CHURN_TABLES}::text[]))`.execute(this.options.db);
    const due = maintenanceDue(rows);
    for (const { table, action } of due) {
      // One statement at a time on the single connection: ingest waits meanwhile (milliseconds for the queue).
      if (action === 'vacuum') await sql`vacuum (analyze) ${sql.table(table)}`.execute(this.options.db);
      else await sql`analyze ${sql.table(table)}`.execute(this.options.db);
    }
    return due;
  }
}
