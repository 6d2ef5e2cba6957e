import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.
// The fold was one transaction at a time: the server's JavaScript and one PostgreSQL backend took turns while the
// other core waited. Queued events now belong to one of two partitions by the item they change (the dossier, the
// feedback item, or the event itself), so two passes can fold at once without ever touching the same dossier.
// The expression must match the one ingest uses (server/ingest/ingest.repository.ts, FOLD_PARTITIONS).
// A queue row now holds the ids of one acknowledged batch's events of one partition, rather than one row per event:
// inserting and deleting a row per event was a fifth of the database's work per event.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table fold_queue_batches (
      seq bigint generated always as identity,
      part smallint not null,
      event_ids text[] not null,
      primary key (part, seq))`.execute(db);
  await sql`
    insert into fold_queue_batches (part, event_ids)
    select part, array_agg(event_id order by seq) from (
      select q.seq, q.event_id, mod(hashtext(coalesce(e.dossier_id, e.feedback_id, q.event_id)) & 2147483647, 2) as part
      from fold_queue q left join events e on e.id = q.event_id) as queued
    group by part`.execute(db);
  await sql`drop table fold_queue`.execute(db);
  await sql`alter table fold_queue_batches rename to fold_queue`.execute(db);
  await sql`alter index fold_queue_batches_pkey rename to fold_queue_pkey`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create table fold_queue_events (seq bigint generated always as identity primary key, event_id text not null)`.execute(db);
  await sql`insert into fold_queue_events (event_id) select unnest(event_ids) from fold_queue order by seq`.execute(db);
  await sql`drop table fold_queue`.execute(db);
  await sql`alter table fold_queue_events rename to fold_queue`.execute(db);
  await sql`alter index fold_queue_events_pkey rename to fold_queue_pkey`.execute(db);
}
