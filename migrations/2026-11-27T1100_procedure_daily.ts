import { type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.
// Per procedure and local calendar day, city-wide: the dossier counters of unit_daily, so a city's figures by
// procedure over a month or a year read a few rows a procedure instead of counting every dossier of the period.
// Like unit_daily, its days are local days of the configured time zone: the server fills it at start from the
// dossier state (and refills it when the zone changes), recording the zone in rollup_settings.
const COUNTERS = [
  'received', 'received_online', 'received_payable', 'received_paid_online', 'received_digitized',
  'resolved', 'resolved_early', 'resolved_on_time', 'resolved_late',
];

export async function up(db: Kysely<any>): Promise<void> {
  let table = db.schema
    .createTable('procedure_daily')
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('day', 'timestamptz', (c) => c.notNull());
  for (const counter of COUNTERS) table = table.addColumn(counter, 'integer', (c) => c.notNull().defaultTo(0));
  await table.addPrimaryKeyConstraint('procedure_daily_pk', ['day', 'procedure_code']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('procedure_daily').execute();
}
