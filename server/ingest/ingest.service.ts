import type { Kysely } from 'kysely';
import type { IngestResult } from '../../shared/events.js';
import type { Database } from '../db/database.js';
import { databaseUnavailable, isDatabaseDown } from '../http/errors.js';
import type { Catalog } from '../catalog/catalog.service.js';
import { HourlyDelta } from '../figures/rollup.js';
import { applyRollupDelta } from '../figures/rollup.repository.js';
import { foldDossier, foldFeedback, type StoredEvent } from './fold.js';
import * as repo from './ingest.repository.js';
import { validateEvent, type NormalizedEvent, type RejectionReason } from './validate.js';

export interface IngestDeps {
  db: Kysely<Database>;
  catalog: Catalog;
  timeZone: string;
  now: () => Date;
  /** Told, after commit, which units' figures the batch changed. */
  onCommitted: (unitCodes: Set<string>, eventCount: number) => void;
  /** Told how every batch ended (metrics); `reasons` holds one entry per rejected event. */
  observe?: (batch: IngestObservation) => void;
}

export interface IngestObservation {
  outcome: 'committed' | 'unavailable' | 'failed';
  accepted: number;
  duplicates: number;
  reasons: RejectionReason[];
  seconds: number;
}

export interface IngestOptions {
  allowedUnits: ReadonlySet<string> | null;
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
 * Validates a batch, stores its new events and folds them into the dossier and feedback state, all in one
 * transaction: the answer is given only after the commit, and a database failure stores nothing.
 */
export async function ingestBatch(deps: IngestDeps, raw: readonly unknown[], options: IngestOptions): Promise<IngestResult> {
  const started = performance.now();
  const reasons: RejectionReason[] = [];
  const observe = (outcome: IngestObservation['outcome'], result?: IngestResult) =>
    deps.observe?.({ outcome, accepted: result?.accepted ?? 0, duplicates: result?.duplicates ?? 0, reasons, seconds: (performance.now() - started) / 1000 });
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
        rejectedRows.push({ index, id: validation.id, error: validation.error, body: item });
        reasons.push(validation.reason);
      } else if (seenInBatch.has(validation.event.id)) {
        result.duplicates += 1;
      } else {
        seenInBatch.add(validation.event.id);
        valid.push(validation.event);
      }
    });

    const duplicatesInBatch = result.duplicates;
    const changedUnits = await retryOnDeadlock(() =>
      deps.db.transaction().execute(async (trx) => {
        await repo.insertRejected(trx, rejectedRows);
        const insertedIds = await repo.insertNewEvents(trx, valid);
        const accepted = valid.filter((e) => insertedIds.has(e.id));
        result.accepted = accepted.length;
        result.duplicates = duplicatesInBatch + valid.length - accepted.length;
        return applyToState(trx, accepted, deps.timeZone);
      }),
    );
    observe('committed', result);
    if (result.accepted > 0) deps.onCommitted(changedUnits, result.accepted);
    return result;
  } catch (error) {
    const down = isDatabaseDown(error);
    observe(down ? 'unavailable' : 'failed');
    if (down) throw databaseUnavailable();
    throw error;
  }
}

/** Two batches updating the same rollup rows may deadlock on PostgreSQL; the loser is rolled back and retried. */
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

/** Adds an event of the batch (just inserted, so not loaded back) to its item's history. */
function withBatchEvent(byItem: Map<string, StoredEvent[]>, itemId: string, event: NormalizedEvent): void {
  const list = byItem.get(itemId) ?? [];
  list.push({ id: event.id, at: event.atDate, event });
  byItem.set(itemId, list);
}

async function applyToState(trx: Parameters<typeof repo.insertNewEvents>[0], accepted: NormalizedEvent[], timeZone: string): Promise<Set<string>> {
  const changedUnits = new Set(accepted.map((e) => e.unitCode));
  const delta = new HourlyDelta();
  const dossierIds = new Set<string>();
  const feedbackIds = new Set<string>();
  for (const e of accepted) {
    if (e.type === 'dossier.received' || e.type === 'dossier.due_changed' || e.type === 'dossier.resolved' || e.type === 'dossier.withdrawn') {
      dossierIds.add(e.dossierId);
    } else if (e.type === 'feedback.received' || e.type === 'feedback.resolved') {
      feedbackIds.add(e.feedbackId);
    }
  }
  await repo.lockItems(trx, [...[...dossierIds].map((id) => `d:${id}`), ...[...feedbackIds].map((id) => `f:${id}`)]);
  const acceptedIds = accepted.map((e) => e.id);

  if (dossierIds.size > 0) {
    const ids = [...dossierIds];
    const before = await repo.currentDossiers(trx, ids);
    const eventsByDossier = await repo.loadDossierEvents(trx, ids, acceptedIds);
    for (const e of accepted) if (e.type.startsWith('dossier.') && 'dossierId' in e && e.dossierId) withBatchEvent(eventsByDossier, e.dossierId, e);
    const after = ids.map((id) => foldDossier(id, eventsByDossier.get(id) ?? [], timeZone));
    await repo.upsertDossiers(trx, after);
    for (const state of before) {
      delta.dossier(state, -1);
      if (state.unit_code) changedUnits.add(state.unit_code);
    }
    for (const state of after) {
      delta.dossier(state, 1);
      if (state.unit_code) changedUnits.add(state.unit_code);
    }
  }
  if (feedbackIds.size > 0) {
    const ids = [...feedbackIds];
    const eventsByItem = await repo.loadFeedbackEvents(trx, ids, acceptedIds);
    for (const e of accepted) if ('feedbackId' in e) withBatchEvent(eventsByItem, e.feedbackId, e);
    await repo.upsertFeedback(trx, ids.map((id) => foldFeedback(id, eventsByItem.get(id) ?? [])));
  }
  const ratings = accepted.filter((e) => e.type === 'rating.submitted');
  for (const rating of ratings) delta.rating(rating.unitCode, rating.atDate, rating.score);
  await repo.insertRatings(trx, ratings);
  await applyRollupDelta(trx, delta, timeZone);
  await repo.insertApologies(trx, accepted.filter((e) => e.type === 'dossier.apology_sent'));
  return changedUnits;
}
