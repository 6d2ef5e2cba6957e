import { Router, type Request } from 'express';
import { z } from 'zod';
import { unitKindSchema } from '../../../shared/catalog.js';
import { snapshotQuerySchema, type SnapshotQuery } from '../../../shared/snapshot.js';
import type { FiguresService, PeriodRequest } from '../../figures/figures.service.js';
import { can } from '../../auth/policy.js';
import { forbidden } from '../errors.js';
import { authorize, parseOr400, principalOf } from '../middleware.js';

export function periodRequest(query: SnapshotQuery): PeriodRequest {
  if (query.from !== undefined && query.to !== undefined) return { from: new Date(query.from), to: new Date(query.to) };
  return { period: query.period ?? 'today' };
}

function unitCodeOf(req: Request): string {
  return String(req.params.code);
}

/**
 * `settled` waits until the events this node acknowledged are folded into the figures, so a client that posts
 * a batch and then reads sees it (read-your-writes).
 */
export function figuresRouter(figures: FiguresService, settled: () => Promise<void>): Router {
  const router = Router();
  router.get('/snapshot', authorize({ kind: 'readCity' }), async (req, res) => {
    const query = parseOr400(snapshotQuerySchema, req.query, 'query');
    await settled();
    res.json(await figures.cachedSnapshot(periodRequest(query), query.kind));
  });

  // The city's figures by procedure (the query's kind does not apply).
  router.get('/procedures/snapshot', authorize({ kind: 'readCity' }), async (req, res) => {
    const query = parseOr400(snapshotQuerySchema, req.query, 'query');
    await settled();
    res.json(await figures.cachedProcedureSnapshot(periodRequest(query)));
  });

  // One procedure across the city, by unit (the query's kind does not apply: both kinds handle procedures).
  router.get('/procedures/:code/snapshot', authorize({ kind: 'readCity' }), async (req, res) => {
    const query = parseOr400(snapshotQuerySchema, req.query, 'query');
    await settled();
    res.json(await figures.procedureUnits(String(req.params.code), periodRequest(query)));
  });

  router.get('/units/:code/snapshot', authorize((req) => ({ kind: 'readUnitDetail', unitCode: unitCodeOf(req) })), async (req, res) => {
    const query = parseOr400(snapshotQuerySchema, req.query, 'query');
    await settled();
    res.json(await figures.unitSnapshot(unitCodeOf(req), periodRequest(query)));
  });

  // City-wide (or one unit's) received and resolved over time, for the overview's charts.
  const seriesQuery = snapshotQuerySchema.and(z.object({ unitCode: z.string().optional(), kind: unitKindSchema.optional() }));
  router.get('/series', authorize({ kind: 'readCity' }), async (req, res) => {
    const query = parseOr400(seriesQuery, req.query, 'query');
    if (query.unitCode !== undefined && !can(principalOf(res), { kind: 'readUnitDetail', unitCode: query.unitCode })) {
      throw forbidden(`may not read the details of unit '${query.unitCode}'`);
    }
    await settled();
    res.json(await figures.series(periodRequest(query), query.unitCode));
  });
  return router;
}
