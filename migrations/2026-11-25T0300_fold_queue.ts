import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.
// Ingest acknowledges once an event is stored; folding it into the dossier state and the rollups happens after,
// in larger batches. The queue holds the ids of stored events not yet folded, so a crash between the two loses
// nothing: whichever node folds next takes them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fold_queue')
    .addColumn('seq', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .execute();
  // Events stored before this migration were folded when they were acknowledged: nothing to enqueue.
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fold_queue').execute();
}
