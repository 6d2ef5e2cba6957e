import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.
// unit_hourly was keyed (unit_code, hour) with a second index on hour for city-wide ranges. Every query asks for a
// range of hours (with or without a unit), which a key of (hour, unit_code) serves alone; the second index cost
// each new or moved counter row a fifth of its write at the fold (docs/BENCHMARKS.md). unit_daily is keyed
// (day, unit_code) already.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table unit_hourly drop constraint unit_hourly_pk, add constraint unit_hourly_pk primary key (hour, unit_code)`.execute(db);
  await db.schema.dropIndex('unit_hourly_hour_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('unit_hourly_hour_idx').on('unit_hourly').column('hour').execute();
  await sql`alter table unit_hourly drop constraint unit_hourly_pk, add constraint unit_hourly_pk primary key (unit_code, hour)`.execute(db);
}
