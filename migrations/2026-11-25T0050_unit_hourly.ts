import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.
// Per unit and UTC hour: the counters of dossiers received and resolved, and of ratings, kept at ingest.
const COUNTERS = [
  'received', 'received_online', 'received_payable', 'received_paid_online', 'received_digitized',
  'resolved', 'resolved_early', 'resolved_on_time', 'resolved_late', 'ratings', 'ratings_satisfied',
];

export async function up(db: Kysely<any>): Promise<void> {
  let table = db.schema
    .createTable('unit_hourly')
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('hour', 'timestamptz', (c) => c.notNull());
  for (const counter of COUNTERS) table = table.addColumn(counter, 'integer', (c) => c.notNull().defaultTo(0));
  await table.addPrimaryKeyConstraint('unit_hourly_pk', ['unit_code', 'hour']).execute();
  await db.schema.createIndex('unit_hourly_hour_idx').on('unit_hourly').column('hour').execute();

  // Build the rollup from any state already stored.
  await sql`
    insert into unit_hourly (unit_code, hour, received, received_online, received_payable, received_paid_online, received_digitized,
      resolved, resolved_early, resolved_on_time, resolved_late, ratings, ratings_satisfied)
    select unit_code, hour, sum(a), sum(b), sum(c), sum(d), sum(e), sum(f), sum(g), sum(h), sum(i), sum(j), sum(k) from (
      select unit_code, date_trunc('hour', received_at, 'UTC') as hour, 1 as a, (channel = 'online')::int as b,
        (payment <> 'none')::int as c, (payment = 'online')::int as d, digitized::int as e, 0 as f, 0 as g, 0 as h, 0 as i, 0 as j, 0 as k
      from dossiers where received_at is not null
      union all
      select unit_code, date_trunc('hour', resolved_at, 'UTC'), 0, 0, 0, 0, 0, 1, (resolution = 'early')::int,
        (resolution in ('early', 'on_time'))::int, (resolution = 'late')::int, 0, 0
      from dossiers where received_at is not null and resolved_at is not null
      union all
      select unit_code, date_trunc('hour', at, 'UTC'), 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (score >= 4)::int from ratings
    ) as contributions group by unit_code, hour`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_hourly').execute();
}
