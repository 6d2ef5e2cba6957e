/** `/api/v1/admin/*`: users, display tokens, ingest keys and the audit log. Admin only, validated with the shared schemas. */
import express, { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import { auditQuerySchema, createUserRequestSchema, issueTokenRequestSchema, updateUserRequestSchema } from '../../../shared/admin.js';
import { createUser, issue, listTokens, listUsers, revoke, updateUser, type AdminContext } from '../../admin/admin.service.js';
import { actorOf, listAudit } from '../../auth/audit.js';
import type { Database } from '../../db/database.js';
import { authorize, parseOr400, principalOf } from '../middleware.js';

export interface AdminRouterDeps {
  db: Kysely<Database>;
  now: () => Date;
  onRevoked: (principalId: string) => void;
}

export function adminRouter(deps: AdminRouterDeps): Router {
  const router = Router();
  router.use('/admin', authorize({ kind: 'administer' }), express.json({ limit: '64kb' }));
  const context = (req: Request, res: Response): AdminContext => ({
    db: deps.db,
    now: deps.now,
    actor: actorOf(principalOf(res)),
    ip: req.ip ?? null,
    onRevoked: deps.onRevoked,
  });
  const idOf = (req: Request) => String(req.params.id);

  router.get('/admin/users', async (_req, res) => {
    res.json({ users: await listUsers(deps.db) });
  });
  router.post('/admin/users', async (req, res) => {
    const input = parseOr400(createUserRequestSchema, req.body, 'user');
    res.status(201).json(await createUser(context(req, res), input));
  });
  router.patch('/admin/users/:id', async (req, res) => {
    const changes = parseOr400(updateUserRequestSchema, req.body, 'user');
    res.json(await updateUser(context(req, res), idOf(req), changes));
  });

  router.get('/admin/tokens', async (_req, res) => {
    res.json({ tokens: await listTokens(deps.db) });
  });
  router.post('/admin/tokens', async (req, res) => {
    const input = parseOr400(issueTokenRequestSchema, req.body, 'token');
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(await issue(context(req, res), input));
  });
  router.post('/admin/tokens/:id/revoke', async (req, res) => {
    res.json(await revoke(context(req, res), idOf(req)));
  });

  router.get('/admin/audit', async (req, res) => {
    const query = parseOr400(auditQuerySchema, req.query, 'query');
    res.json({ entries: await listAudit(deps.db, query) });
  });
  return router;
}
