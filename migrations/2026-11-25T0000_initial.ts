import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('department', 'district', 'commune')`))
    .addColumn('parent_code', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('procedures')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('processing_days', 'integer', (c) => c.notNull())
    .addColumn('online_level', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('holidays')
    .addColumn('date', 'date', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  // The raw event log: the source of truth, folded into the state tables below at ingest.
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('dossier_id', 'text')
    .addColumn('feedback_id', 'text')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('ingested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('events_dossier_idx').on('events').column('dossier_id').where('dossier_id', 'is not', null).execute();
  await db.schema.createIndex('events_feedback_idx').on('events').column('feedback_id').where('feedback_id', 'is not', null).execute();

  // One row per dossier: its current state, derived from all its events.
  await db.schema
    .createTable('dossiers')
    .addColumn('dossier_id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text')
    .addColumn('procedure_code', 'text')
    .addColumn('channel', 'text')
    .addColumn('payment', 'text')
    .addColumn('digitized', 'boolean')
    .addColumn('received_at', 'timestamptz')
    .addColumn('due_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .addColumn('resolution', 'text')
    .addColumn('withdrawn_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('dossiers_received_idx').on('dossiers').columns(['received_at', 'unit_code']).execute();
  await db.schema.createIndex('dossiers_resolved_idx').on('dossiers').columns(['resolved_at', 'unit_code']).execute();
  await db.schema.createIndex('dossiers_withdrawn_idx').on('dossiers').column('withdrawn_at').execute();
  await db.schema
    .createIndex('dossiers_open_idx')
    .on('dossiers')
    .columns(['unit_code', 'due_at'])
    .where(sql.ref('resolved_at'), 'is', null)
    .where(sql.ref('withdrawn_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('feedback')
    .addColumn('feedback_id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text')
    .addColumn('channel', 'text')
    .addColumn('topic', 'text')
    .addColumn('received_at', 'timestamptz')
    .addColumn('due_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('feedback_received_idx').on('feedback').columns(['received_at', 'unit_code']).execute();

  await db.schema
    .createTable('ratings')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('dossier_id', 'text')
    .execute();
  await db.schema.createIndex('ratings_at_idx').on('ratings').columns(['at', 'unit_code']).execute();

  await db.schema
    .createTable('apologies')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('dossier_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('apologies_at_idx').on('apologies').columns(['at', 'unit_code']).execute();

  await db.schema
    .createTable('rejected_events')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('batch_index', 'integer', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('error', 'text', (c) => c.notNull())
    .addColumn('body', 'jsonb')
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('units', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['api_tokens', 'rejected_events', 'apologies', 'ratings', 'feedback', 'dossiers', 'events', 'holidays', 'procedures', 'units']) {
    await db.schema.dropTable(table).execute();
  }
}
