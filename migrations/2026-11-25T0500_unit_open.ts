import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.
// Pending and overdue used to count every open dossier on each snapshot (an index-only scan of all of them,
// ≈ 12 ms at 160,000 open). The fold now keeps how many open dossiers each unit has per UTC hour of their due
// time: a snapshot sums these rows and counts only the dossiers due within the current hour.
// A dossier without a due time is filed under 'infinity' (open, never overdue).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unit_open')
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('due_hour', 'timestamptz', (c) => c.notNull())
    .addColumn('open', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_open_pk', ['unit_code', 'due_hour'])
    .execute();
  await sql`
    insert into unit_open (unit_code, due_hour, open)
    select unit_code, coalesce(date_trunc('hour', due_at, 'UTC'), 'infinity'), count(*)
    from dossiers
    where resolved_at is null and withdrawn_at is null and received_at is not null and unit_code is not null
    group by 1, 2`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_open').execute();
}
