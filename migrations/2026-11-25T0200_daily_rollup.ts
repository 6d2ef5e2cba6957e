import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.
// Per unit and local calendar day: the same counters as unit_hourly, so 30 days read 30 rows a unit, not 720.
// Local days depend on the configured time zone, so the server fills the table at start (and refills it when
// the time zone changes), recording the zone in rollup_settings.
const COUNTERS = [
  'received', 'received_online', 'received_payable', 'received_paid_online', 'received_digitized',
  'resolved', 'resolved_early', 'resolved_on_time', 'resolved_late', 'ratings', 'ratings_satisfied',
];

export async function up(db: Kysely<any>): Promise<void> {
  let table = db.schema
    .createTable('unit_daily')
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('day', 'timestamptz', (c) => c.notNull());
  for (const counter of COUNTERS) table = table.addColumn(counter, 'integer', (c) => c.notNull().defaultTo(0));
  await table.addPrimaryKeyConstraint('unit_daily_pk', ['day', 'unit_code']).execute();

  await db.schema
    .createTable('rollup_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  // Pending and overdue at asOf read every open dossier: with received_at in the index it is an index-only scan.
  await sql`create index dossiers_open_cover_idx on dossiers (unit_code, due_at) include (received_at)
    where resolved_at is null and withdrawn_at is null`.execute(db);
  await db.schema.dropIndex('dossiers_open_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index dossiers_open_idx on dossiers (unit_code, due_at) where resolved_at is null and withdrawn_at is null`.execute(db);
  await db.schema.dropIndex('dossiers_open_cover_idx').execute();
  await db.schema.dropTable('rollup_settings').execute();
  await db.schema.dropTable('unit_daily').execute();
}
