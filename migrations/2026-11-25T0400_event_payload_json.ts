import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.
// The stored event is read back whole (to fold it again) and never queried inside: `json` keeps the text as sent,
// where `jsonb` parsed it into a binary tree on every insert, the larger part of PostgreSQL's work per event
// at acknowledgement (docs/BENCHMARKS.md). Rewrites the events table once.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table events alter column payload type json using payload::json`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table events alter column payload type jsonb using payload::jsonb`.execute(db);
}
