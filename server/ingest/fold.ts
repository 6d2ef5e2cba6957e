/**
 * Folds all events of one dossier (or feedback item), in any arrival order, into its current state.
 * The order is (at, id): the latest event by `at` carries the value, ties broken by id so the result
 * never depends on the order events arrived in.
 */
import { classifyResolution } from '../../shared/figures.js';
import type { IngestEvent } from '../../shared/events.js';
import type { DossierRow, NewFeedback } from '../db/database.js';

export interface StoredEvent {
  id: string;
  at: Date;
  event: IngestEvent;
}

function byTime(a: StoredEvent, b: StoredEvent): number {
  return a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function foldDossier(dossierId: string, events: readonly StoredEvent[], timeZone: string): DossierRow {
  const state: DossierRow = {
    dossier_id: dossierId,
    unit_code: null, procedure_code: null, channel: null, payment: null, digitized: null,
    received_at: null, due_at: null, resolved_at: null, outcome: null, resolution: null, withdrawn_at: null,
  };
  let dueAt: Date | null = null;
  let resolvedAt: Date | null = null;
  for (const { at, event } of [...events].sort(byTime)) {
    switch (event.type) {
      case 'dossier.received':
        Object.assign(state, {
          unit_code: event.unitCode,
          procedure_code: event.procedureCode,
          channel: event.channel,
          payment: event.payment,
          digitized: event.digitized,
          received_at: at,
        });
        if (event.dueAt !== undefined) dueAt = new Date(event.dueAt);
        break;
      case 'dossier.due_changed':
        dueAt = new Date(event.dueAt);
        break;
      case 'dossier.resolved':
        resolvedAt = at;
        state.outcome = event.outcome;
        break;
      case 'dossier.withdrawn':
        state.withdrawn_at = at;
        break;
      default:
        break;
    }
  }
  state.due_at = dueAt;
  state.resolved_at = resolvedAt;
  if (resolvedAt && dueAt && state.received_at) state.resolution = classifyResolution(resolvedAt, dueAt, timeZone);
  return state;
}

export function foldFeedback(feedbackId: string, events: readonly StoredEvent[]): NewFeedback {
  const state: NewFeedback = {
    feedback_id: feedbackId, unit_code: null, channel: null, topic: null, received_at: null, due_at: null, resolved_at: null,
  };
  for (const { at, event } of [...events].sort(byTime)) {
    if (event.type === 'feedback.received') {
      Object.assign(state, {
        unit_code: event.unitCode,
        channel: event.channel,
        topic: event.topic ?? null,
        received_at: at,
        due_at: event.dueAt ? new Date(event.dueAt) : null,
      });
    } else if (event.type === 'feedback.resolved') {
      state.resolved_at = at;
    }
  }
  return state;
}
