import express, { Router } from 'express';
import { rejectedQuerySchema } from '../../../shared/events.js';
import { MAX_BATCH_BYTES, MAX_EVENTS_PER_BATCH } from '../../../shared/limits.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { listRejected } from '../../ingest/ingest.repository.js';
import { ingestBatch, type IngestDeps } from '../../ingest/ingest.service.js';
import { AppError } from '../errors.js';
import { UnparsableLine } from '../../ingest/validate.js';
import { authorize, parseOr400, principalOf } from '../middleware.js';

export function parseBatch(body: Buffer, contentType: string | undefined): unknown[] {
  const decoded = body.toString('utf8');
  // A byte order mark, which some exporters write first, is not part of the JSON.
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  if (/application\/x-ndjson/i.test(contentType ?? '')) {
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
    if (lines.length > MAX_EVENTS_PER_BATCH) throw tooMany(lines.length);
    if (lines.length === 0) throw new AppError(400, 'empty_batch', 'the batch holds no events');
    return lines.map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return new UnparsableLine(line.slice(0, 200));
      }
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError(400, 'invalid_json', 'the body is not valid JSON (send a JSON array, or NDJSON with Content-Type: application/x-ndjson)');
  }
  if (!Array.isArray(parsed)) throw new AppError(400, 'not_an_array', 'the body must be a JSON array of events');
  if (parsed.length === 0) throw new AppError(400, 'empty_batch', 'the batch holds no events');
  if (parsed.length > MAX_EVENTS_PER_BATCH) throw tooMany(parsed.length);
  return parsed;
}

function tooMany(count: number): AppError {
  return new AppError(413, 'too_many_events', `a batch holds at most ${MAX_EVENTS_PER_BATCH} events; this one has ${count}`);
}

export function eventsRouter(deps: IngestDeps & { db: Kysely<Database> }): Router {
  const router = Router();
  router.post(
    '/events',
    authorize({ kind: 'ingest' }),
    express.raw({ type: () => true, limit: MAX_BATCH_BYTES }),
    async (req, res) => {
      const body: unknown = req.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError(400, 'empty_body', 'the body is empty; send a JSON array of events');
      const batch = parseBatch(body, req.headers['content-type']);
      const principal = principalOf(res);
      const result = await ingestBatch(deps, batch, {
        allowedUnits: principal.role === 'ingest' && principal.units ? new Set(principal.units) : null,
        source: principal.name,
      });
      res.json(result);
    },
  );

  router.get('/events/rejected', authorize({ kind: 'administer' }), async (req, res) => {
    const query = parseOr400(rejectedQuerySchema, req.query, 'query');
    res.json({ rejected: await listRejected(deps.db, query) });
  });
  return router;
}
