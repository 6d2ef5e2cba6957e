import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.
// The fold was one transaction at a time: the server's JavaScript and one PostgreSQL backend took turns while the
// other core waited. Queued events now belong to one of two partitions by the item they change (the dossier, the
// feedback item, or the event itself), so two passes can fold at once without ever touching the same dossier.
// The expression must match the one ingest uses (server/ingest/ingest.repository.ts, FOLD_PARTITIONS).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table fold_queue add column part smallint not null default 0`.execute(db);
  await sql`
    update fold_queue q set part = mod(hashtext(coalesce(e.dossier_id, e.feedback_id, e.id)) & 2147483647, 2)
    from events e where e.id = q.event_id`.execute(db);
  await sql`alter table fold_queue drop constraint fold_queue_pkey, add primary key (part, seq)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table fold_queue drop constraint fold_queue_pkey, add primary key (seq)`.execute(db);
  await sql`alter table fold_queue drop column part`.execute(db);
}
