/**
 * What one fold pass does to the state and the rollups (the folder, server/ingest/folder.ts, decides when and over
 * which events, and holds the partition's lock meanwhile).
 */
import type { Transaction } from 'kysely';
import { eachChunk, whileRunning } from '../db/chunks.js';
import type { Database, DossierRow, NewFeedback } from '../db/database.js';
import { HourlyDelta } from '../figures/rollup.js';
import { applyRollupDelta } from '../figures/rollup.repository.js';
import { continuesFrom, foldDossier, foldFeedback, type StoredEvent } from './fold.js';
import * as repo from './ingest.repository.js';
import type { NormalizedEvent } from './validate.js';

/** Adds an event of the pass (held in memory, so not loaded back) to its item's history. */
function withPassEvent(byItem: Map<string, StoredEvent[]>, itemId: string, event: NormalizedEvent): void {
  const list = byItem.get(itemId) ?? [];
  list.push({ id: event.id, at: event.atDate, event });
  byItem.set(itemId, list);
}

/**
 * Re-folds every dossier and feedback item the events touch (from all their stored events) and adds the
 * difference to the rollups; ratings and apology letters are counted once each, here.
 */
export async function applyToState(trx: Transaction<Database>, events: NormalizedEvent[], timeZone: string): Promise<Set<string>> {
  const changedUnits = new Set(events.map((e) => e.unitCode));
  const delta = new HourlyDelta(timeZone);
  const dossierIds = new Set<string>();
  const feedbackIds = new Set<string>();
  for (const e of events) {
    if (e.type === 'dossier.received' || e.type === 'dossier.due_changed' || e.type === 'dossier.resolved' || e.type === 'dossier.withdrawn') {
      dossierIds.add(e.dossierId);
    } else if (e.type === 'feedback.received' || e.type === 'feedback.resolved') {
      feedbackIds.add(e.feedbackId);
    }
  }
  const held = new Set(events.map((e) => e.id));

  if (dossierIds.size > 0) {
    const ids = [...dossierIds];
    const before = await repo.currentDossiers(trx, ids);
    const passEvents = new Map<string, StoredEvent[]>();
    for (const e of events) if (e.type.startsWith('dossier.') && 'dossierId' in e && e.dossierId) withPassEvent(passEvents, e.dossierId, e);
    // A dossier folded before whose new events all come after its last folded one continues from its stored
    // state; any other (an event from the past, a state without a mark) is folded again from its whole history.
    const continuing = new Map<string, DossierRow>();
    const refold: string[] = [];
    for (const state of before) {
      if (continuesFrom(state, passEvents.get(state.dossier_id) ?? [])) continuing.set(state.dossier_id, state);
      else refold.push(state.dossier_id);
    }
    const history = await repo.loadDossierEvents(trx, refold, held);
    const stored = new Map(before.map((state) => [state.dossier_id, state]));
    // Folded and written a chunk at a time: a chunk is folded, and its part of the rollups' difference worked out,
    // while the chunk before it is written.
    await eachChunk(ids, async (part) => {
      const after = part.map((id) => {
        const pass = passEvents.get(id) ?? [];
        const prior = continuing.get(id);
        return prior ? foldDossier(id, pass, timeZone, prior) : foldDossier(id, [...(history.get(id) ?? []), ...pass], timeZone);
      });
      await whileRunning(repo.writeDossiers(trx, after, stored), () => {
        for (const id of part) {
          const prior = stored.get(id);
          delta.dossier(prior, -1);
          if (prior?.unit_code) changedUnits.add(prior.unit_code);
        }
        for (const state of after) {
          delta.dossier(state, 1);
          if (state.unit_code) changedUnits.add(state.unit_code);
        }
      });
    });
  }
  let feedback: NewFeedback[] = [];
  if (feedbackIds.size > 0) {
    const ids = [...feedbackIds];
    const eventsByItem = await repo.loadFeedbackEvents(trx, await repo.existingFeedback(trx, ids), held);
    for (const e of events) if ('feedbackId' in e) withPassEvent(eventsByItem, e.feedbackId, e);
    feedback = ids.map((id) => foldFeedback(id, eventsByItem.get(id) ?? []));
  }
  const ratings = events.filter((e) => e.type === 'rating.submitted');
  for (const rating of ratings) delta.rating(rating.unitCode, rating.atDate, rating.score);
  const recorded = (async () => {
    await repo.upsertFeedback(trx, feedback);
    await repo.insertRatings(trx, ratings);
    await repo.insertApologies(trx, events.filter((e) => e.type === 'dossier.apology_sent'));
  })();
  // Last, so the rollup rows (which the other partition's pass may be waiting for) are held only until the commit;
  // their first rows are worked out while the statements above run.
  await applyRollupDelta(trx, delta, recorded);
  return changedUnits;
}
