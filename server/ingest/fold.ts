/**
 * Folds all events of one dossier (or feedback item), in any arrival order, into its current state.
 * The order is (at, id): the latest event by `at` carries the value, ties broken by id so the result
 * never depends on the order events arrived in. The state remembers its last event in that order, so events
 * after it can be folded onto the stored state without reading the dossier's history again.
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

const asDate = (value: Date | string | null): Date | null => (value === null || value instanceof Date ? value : new Date(value));

/**
 * Whether `events` all come after the last event folded into `state`, so that folding them onto the state gives
 * what folding the whole history would. False when the state has no mark (folded before marks were kept).
 */
export function continuesFrom(state: DossierRow, events: readonly StoredEvent[]): boolean {
  const markAt = asDate(state.last_event_at);
  const markId = state.last_event_id;
  if (markAt === null || markId === null) return false;
  return events.every((e) => e.at.getTime() > markAt.getTime() || (e.at.getTime() === markAt.getTime() && e.id > markId));
}

/**
 * The dossier's state after `events`: from nothing (`events` is then its whole history), or from `from`, a stored
 * state that every one of `events` comes after (see `continuesFrom`).
 */
export function foldDossier(dossierId: string, events: readonly StoredEvent[], timeZone: string, from?: DossierRow): DossierRow {
  const state: DossierRow = from
    ? { ...from, received_at: asDate(from.received_at), withdrawn_at: asDate(from.withdrawn_at), last_event_at: asDate(from.last_event_at) }
    : {
        dossier_id: dossierId,
        unit_code: null, procedure_code: null, channel: null, payment: null, digitized: null,
        received_at: null, due_at: null, resolved_at: null, outcome: null, resolution: null, withdrawn_at: null,
        last_event_at: null, last_event_id: null,
      };
  let dueAt = from ? asDate(from.due_at) : null;
  let resolvedAt = from ? asDate(from.resolved_at) : null;
  for (const { id, at, event } of [...events].sort(byTime)) {
    state.last_event_at = at;
    state.last_event_id = id;
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
  state.resolution = resolvedAt && dueAt && state.received_at ? classifyResolution(resolvedAt, dueAt, timeZone) : null;
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
