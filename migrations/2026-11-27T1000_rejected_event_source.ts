import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.
// Who sent each rejected event (the name of the ingest key, user or token the batch came with), so that an operator
// can tell which source system to call. Rows stored before this migration have none.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rejected_events').addColumn('source', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rejected_events').dropColumn('source').execute();
}
