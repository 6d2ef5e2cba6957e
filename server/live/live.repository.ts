/**
 * The one query the live channel makes of its own: when do the figures next change by the clock alone?
 * A pending dossier turns overdue at its dueAt, and facts dated a little ahead (up to the ingest's allowed skew)
 * start counting when asOf reaches them; no event arrives at those instants, so the node has to know them.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/**
 * The earliest instant at or after `from` at which a figure evaluated "as of now" changes by the clock alone;
 * null if none is known. It may already be past: the caller then recomputes at once.
 */
export async function nextTimeChange(db: Kysely<Database>, from: Date): Promise<Date | null> {
  // Each branch is a min() over an index (the open-dossiers partial index for the first one).
  const { rows } = await sql<{ next: Date | string | null }>`
    select min(t) as next from (
      select min(due_at) as t from dossiers where resolved_at is null and withdrawn_at is null and due_at >= ${from}
      union all select min(due_at) from dossiers where resolved_at >= ${from} and due_at >= ${from}
      union all select min(due_at) from dossiers where withdrawn_at >= ${from} and due_at >= ${from}
      union all select min(received_at) from dossiers where received_at >= ${from}
      union all select min(resolved_at) from dossiers where resolved_at >= ${from}
      union all select min(withdrawn_at) from dossiers where withdrawn_at >= ${from}
      union all select min(received_at) from feedback where received_at >= ${from}
      union all select min(resolved_at) from feedback where resolved_at >= ${from}
      union all select min(at) from ratings where at >= ${from}
      union all select min(at) from apologies where at >= ${from}
    ) as upcoming`.execute(db);
  const next = rows[0]?.next ?? null;
  return next === null ? null : new Date(next);
}
