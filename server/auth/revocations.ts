/**
 * Notices credentials that stopped working, wherever that happened: the admin API of this node, the CLI
 * (another process), another node, or a token's expiry. Polling the database every few seconds is what lets a
 * revocation made at the CLI close a wall display's socket "within seconds" without any message bus.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { Periodic } from '../lib/periodic.js';

export interface RevocationWatcherOptions {
  db: Kysely<Database>;
  now: () => Date;
  intervalMs: number;
  onRevoked: (principalId: string) => void;
  onError: (error: unknown) => void;
}

type Stamp = Date | string | null;
const time = (value: Stamp): number => (value === null ? 0 : new Date(value).getTime());

export class RevocationWatcher {
  // Watermarks are the database's own timestamps, so the CLI's clock and ours need not agree.
  private tokens = 0;
  private users = 0;
  private sessions = 0;
  private lastCheck: Date | null = null;
  private readonly periodic: Periodic;

  constructor(private readonly options: RevocationWatcherOptions) {
    this.periodic = new Periodic(() => this.check(), options.intervalMs, options.onError);
  }

  async start(): Promise<void> {
    const { db } = this.options;
    const [t, u, s] = await Promise.all([
      db.selectFrom('api_tokens').select((eb) => eb.fn.max('revoked_at').as('m')).executeTakeFirst(),
      db.selectFrom('users').select((eb) => eb.fn.max('disabled_at').as('m')).executeTakeFirst(),
      db.selectFrom('sessions').select((eb) => eb.fn.max('revoked_at').as('m')).executeTakeFirst(),
    ]);
    this.tokens = time((t?.m ?? null) as Stamp);
    this.users = time((u?.m ?? null) as Stamp);
    this.sessions = time((s?.m ?? null) as Stamp);
    this.lastCheck = this.options.now();
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** One pass; public so tests need not wait for the timer. */
  async check(): Promise<void> {
    const { db, onRevoked } = this.options;
    const revoked = new Set<string>();

    const tokens = await db.selectFrom('api_tokens').select(['id', 'revoked_at']).where('revoked_at', '>', new Date(this.tokens)).execute();
    for (const row of tokens) {
      revoked.add(row.id);
      this.tokens = Math.max(this.tokens, time(row.revoked_at));
    }
    const users = await db.selectFrom('users').select(['id', 'disabled_at']).where('disabled_at', '>', new Date(this.users)).execute();
    for (const row of users) {
      revoked.add(row.id);
      this.users = Math.max(this.users, time(row.disabled_at));
    }
    const sessions = await db.selectFrom('sessions').select(['user_id', 'revoked_at']).where('revoked_at', '>', new Date(this.sessions)).execute();
    for (const row of sessions) {
      revoked.add(row.user_id);
      this.sessions = Math.max(this.sessions, time(row.revoked_at));
    }
    // Tokens whose expiry passed since the last pass.
    const now = this.options.now();
    if (this.lastCheck) {
      const expired = await db.selectFrom('api_tokens').select('id').where('expires_at', '>', this.lastCheck).where('expires_at', '<=', now).execute();
      for (const row of expired) revoked.add(row.id);
    }
    this.lastCheck = now;
    for (const id of revoked) onRevoked(id);
  }
}
