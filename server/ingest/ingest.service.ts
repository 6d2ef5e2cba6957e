import type { Kysely } from 'kysely';
import type { IngestResult } from '../../shared/events.js';
import type { Database } from '../db/database.js';
import { AppError, databaseUnavailable, figuresBehind, isDatabaseDown } from '../http/errors.js';
import type { Catalog } from '../catalog/catalog.service.js';
import type { Folder } from './folder.js';
import * as repo from './ingest.repository.js';
import { validateEvent, type NormalizedEvent, type RejectionReason } from './validate.js';

export interface IngestDeps {
  db: Kysely<Database>;
  catalog: Catalog;
  timeZone: string;
  now: () => Date;
  /** Folds committed events into the figures, after the acknowledgement. */
  folder: Folder;
  /** Told how every batch ended (metrics); `reasons` holds one entry per rejected event. */
  observe?: (batch: IngestObservation) => void;
}

export interface IngestObservation {
  outcome: 'committed' | 'unavailable' | 'failed';
  accepted: number;
  duplicates: number;
  reasons: RejectionReason[];
  /** Valid events that carried fields their type does not have (ignored, named in the answer). */
  withIgnoredFields: number;
  seconds: number;
}

export interface IngestOptions {
  allowedUnits: ReadonlySet<string> | null;
  /** Who sends the batch (the principal's name), kept with its rejected events for operators. */
  source: string;
}

function unitsAndProcedures(raw: readonly unknown[]) {
  const units = new Set<string>();
  const procedures = new Set<string>();
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const { unitCode, procedureCode } = item as { unitCode?: unknown; procedureCode?: unknown };
    if (typeof unitCode === 'string') units.add(unitCode);
    if (typeof procedureCode === 'string') procedures.add(procedureCode);
  }
  return { units, procedures };
}

/**
 * Validates a batch and stores its new events (and the rejected ones, for operators) atomically: the answer is
 * given only after the commit, and a database failure stores nothing. The stored events are queued
 * for the folder, which brings the figures up to date right after (server/ingest/folder.ts).
 */
export async function ingestBatch(deps: IngestDeps, raw: readonly unknown[], options: IngestOptions): Promise<IngestResult> {
  const started = performance.now();
  const reasons: RejectionReason[] = [];
  let withIgnoredFields = 0;
  const observe = (outcome: IngestObservation['outcome'], result?: IngestResult) => deps.observe?.({
    outcome, accepted: result?.accepted ?? 0, duplicates: result?.duplicates ?? 0, reasons, withIgnoredFields, seconds: (performance.now() - started) / 1000,
  });
  try {
    await deps.catalog.ensureFresh(unitsAndProcedures(raw));
    const ctx = { catalog: deps.catalog, now: deps.now(), timeZone: deps.timeZone, allowedUnits: options.allowedUnits };
    const result: IngestResult = { accepted: 0, duplicates: 0, rejected: [] };
    const rejectedRows: repo.RejectedRow[] = [];
    const valid: NormalizedEvent[] = [];
    const seenInBatch = new Set<string>();
    raw.forEach((item, index) => {
      const validation = validateEvent(item, ctx);
      if (!validation.ok) {
        result.rejected.push({ index, id: validation.id, error: validation.error });
        rejectedRows.push({ source: options.source, index, id: validation.id, error: validation.error, body: item });
        reasons.push(validation.reason);
        return;
      }
      if (validation.ignored) withIgnoredFields += 1;
      for (const field of validation.ignored ?? []) {
        // Without a prototype: a field may be called `__proto__`.
        const counts = (result.ignoredFields ??= Object.create(null) as Record<string, number>);
        counts[field] = (counts[field] ?? 0) + 1;
      }
      if (seenInBatch.has(validation.event.id)) {
        result.duplicates += 1;
      } else {
        seenInBatch.add(validation.event.id);
        valid.push(validation.event);
      }
    });

    const duplicatesInBatch = result.duplicates;
    // Backpressure: when the fold falls far behind, a source is told to come back rather than piling up more.
    if (!(await deps.folder.roomFor(valid.length))) throw figuresBehind();
    const documents = repo.eventDocuments(valid);
    const storedBefore = await retryOnDeadlock(() => repo.storeBatch(deps.db, documents, rejectedRows));
    const accepted = storedBefore.size === 0 ? valid : valid.filter((e) => !storedBefore.has(e.id));
    result.accepted = accepted.length;
    result.duplicates = duplicatesInBatch + valid.length - accepted.length;
    observe('committed', result);
    deps.folder.acknowledgedBatch(accepted);
    return result;
  } catch (error) {
    const down = isDatabaseDown(error);
    observe(down || (error instanceof AppError && error.status === 503) ? 'unavailable' : 'failed');
    if (down) throw databaseUnavailable();
    throw error;
  }
}

/** Two batches inserting the same event ids in different orders may deadlock on PostgreSQL; the loser is rolled back and retried. */
async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if ((code !== '40P01' && code !== '40001') || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt * Math.random()));
    }
  }
}
