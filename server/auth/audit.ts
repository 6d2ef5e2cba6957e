/** The audit log: sign-ins, failed sign-ins, administrators' changes and revocations, for admins to read. */
import type { Kysely } from 'kysely';
import type { RequestHandler } from 'express';
import type { AuditAction, AuditEntry } from '../../shared/admin.js';
import type { Database } from '../db/database.js';
import type { Principal } from './tokens.js';

/** Who did it: a principal, the CLI operator, or nobody known (a failed sign-in). */
export interface Actor {
  id: string | null;
  name: string | null;
}

export const cliActor = (): Actor => ({ id: 'cli', name: `cli:${process.env.USER ?? 'operator'}` });
export const actorOf = (principal: Principal): Actor => ({ id: principal.id, name: principal.name });

export interface AuditInput {
  action: AuditAction;
  actor: Actor;
  target?: string | null;
  ip?: string | null;
  details?: unknown;
}

export async function audit(db: Kysely<Database>, entry: AuditInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      action: entry.action,
      actor_id: entry.actor.id,
      actor_name: entry.actor.name?.slice(0, 200) ?? null,
      target: entry.target?.slice(0, 300) ?? null,
      ip: entry.ip?.slice(0, 100) ?? null,
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
    })
    .execute();
}

export async function listAudit(db: Kysely<Database>, query: { limit: number; before?: number | undefined }): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(query.limit);
  if (query.before !== undefined) q = q.where('seq', '<', String(query.before));
  const rows = await q.execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    action: r.action,
    actorId: r.actor_id,
    actorName: r.actor_name,
    target: r.target,
    ip: r.ip,
    details: r.details,
  }));
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Records every successful change an admin makes through the rest of the API (catalog, holidays…), so those
 * routes need not each remember to. The admin and auth routes audit themselves with richer details, and
 * ingest is left out: it is a source system's traffic, not an administrative act.
 *
 * The entry is written before the answer goes out (those routes answer with `res.json`), so a client that reads
 * the audit log as soon as its change is answered, as the admin page does, finds the change there. A failed audit
 * write is reported and the answer still goes: the change itself is committed.
 */
export function auditAdminWrites(db: Kysely<Database>, onError: (error: unknown) => void): RequestHandler {
  return (req, res, next) => {
    if (UNSAFE.has(req.method) && !/^\/(admin|auth|events)(\/|$)/.test(req.path)) {
      const answer = res.json.bind(res);
      res.json = (body?: unknown) => {
        const principal = res.locals.principal as Principal | undefined;
        if (!principal || principal.role !== 'admin' || res.statusCode >= 400) return answer(body);
        audit(db, {
          action: 'api.write',
          actor: actorOf(principal),
          target: `${req.method} ${req.baseUrl}${req.path}`,
          ip: req.ip ?? null,
          details: { status: res.statusCode },
        }).catch(onError).finally(() => answer(body));
        return res;
      };
    }
    next();
  };
}
