import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.
// Each dossier's state remembers the last event folded into it, by the fold's order (at, then id). Events that
// come after it (the usual case: a resolution after its receipt) are applied to the stored state; only an event
// that sorts before it makes the fold read the dossier's whole history again. Rows stored before this migration
// have no mark: their next event re-reads the history once, and marks them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('dossiers')
    .addColumn('last_event_at', 'timestamptz')
    .addColumn('last_event_id', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dossiers').dropColumn('last_event_at').dropColumn('last_event_id').execute();
}
