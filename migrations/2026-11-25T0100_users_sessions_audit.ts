import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  // People who sign in with a password; machines (wall displays, source systems) get api_tokens instead.
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Stored lower-cased so `Admin` and `admin` cannot be two accounts.
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'leader', 'unit_head', 'presenter')`))
    .addColumn('units', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('last_login_at', 'timestamptz')
    .execute();

  // Browser sessions: the cookie carries a random secret, the table only its sha256.
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('idle_expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('absolute_expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_revoked_idx').on('sessions').column('revoked_at').where('revoked_at', 'is not', null).execute();

  // Display tokens carry their wall's playlist; every token remembers who issued it.
  await db.schema.alterTable('api_tokens').addColumn('playlist', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('created_by', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('last_used_at', 'timestamptz').execute();
  await db.schema.createIndex('api_tokens_revoked_idx').on('api_tokens').column('revoked_at').where('revoked_at', 'is not', null).execute();
  await db.schema.createIndex('users_disabled_idx').on('users').column('disabled_at').where('disabled_at', 'is not', null).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('target', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'jsonb')
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  await db.schema.dropIndex('api_tokens_revoked_idx').execute();
  for (const column of ['last_used_at', 'created_by', 'playlist']) await db.schema.alterTable('api_tokens').dropColumn(column).execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('users').execute();
}
