import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.
// The indexes on resolution and withdrawal times held an entry for every dossier, most of them NULL (a dossier
// still open, never withdrawn), which every new dossier paid for at the fold. Queries only ever ask for a range of
// these times, which implies NOT NULL, so partial indexes serve them as before.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('dossiers_resolved_idx').execute();
  await sql`create index dossiers_resolved_idx on dossiers (resolved_at, unit_code) where resolved_at is not null`.execute(db);
  await db.schema.dropIndex('dossiers_withdrawn_idx').execute();
  await sql`create index dossiers_withdrawn_idx on dossiers (withdrawn_at) where withdrawn_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('dossiers_resolved_idx').execute();
  await db.schema.createIndex('dossiers_resolved_idx').on('dossiers').columns(['resolved_at', 'unit_code']).execute();
  await db.schema.dropIndex('dossiers_withdrawn_idx').execute();
  await db.schema.createIndex('dossiers_withdrawn_idx').on('dossiers').column('withdrawn_at').execute();
}
