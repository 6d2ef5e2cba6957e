import { describe, expect, it } from 'vitest';
import type { IngestEvent } from '../../shared/events.js';
import { continuesFrom, foldDossier, foldFeedback, type StoredEvent } from './fold.js';

const TZ = 'Asia/Ho_Chi_Minh';
const UNIT = 'HN-HK';

function stored(event: IngestEvent): StoredEvent {
  return { id: event.id, at: new Date(event.at), event };
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const received = (id: string, at: string, dueAt: string): IngestEvent => ({
  id, type: 'dossier.received', at, unitCode: UNIT, dossierId: 'D', procedureCode: 'TP-KS', channel: 'online', dueAt, payment: 'online', digitized: true,
});
const dueChanged = (id: string, at: string, dueAt: string): IngestEvent => ({ id, type: 'dossier.due_changed', at, unitCode: UNIT, dossierId: 'D', dueAt });
const resolved = (id: string, at: string): IngestEvent => ({ id, type: 'dossier.resolved', at, unitCode: UNIT, dossierId: 'D', outcome: 'approved' });
const withdrawn = (id: string, at: string): IngestEvent => ({ id, type: 'dossier.withdrawn', at, unitCode: UNIT, dossierId: 'D' });

/** Folds every arrival order and checks they all agree; answers the common state. */
function foldAllOrders(events: IngestEvent[]) {
  const states = permutations(events.map(stored)).map((order) => foldDossier('D', order, TZ));
  for (const state of states) expect(state).toEqual(states[0]);
  return states[0]!;
}

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d);

describe('foldDossier onto a stored state', () => {
  const history = [
    received('e1', '2026-11-20T09:00:00+07:00', '2026-11-21T17:00:00+07:00'),
    dueChanged('e2', '2026-11-21T10:00:00+07:00', '2026-11-25T17:00:00+07:00'),
    resolved('e3', '2026-11-24T10:00:00+07:00'),
    withdrawn('e4', '2026-11-24T10:00:00+07:00'),
    dueChanged('e5', '2026-11-26T10:00:00+07:00', '2026-11-20T17:00:00+07:00'),
  ].map(stored);

  it('continues from the state of any prefix of the history to the state of all of it', () => {
    const whole = foldDossier('D', history, TZ);
    for (let cut = 1; cut < history.length; cut += 1) {
      // Through the database a state comes back with its timestamps as dates or as text: both are taken.
      const prior = foldDossier('D', history.slice(0, cut), TZ);
      const stored = { ...prior, last_event_at: prior.last_event_at?.toISOString() ?? null, received_at: iso(prior.received_at) } as typeof prior;
      expect(continuesFrom(stored, history.slice(cut))).toBe(true);
      expect(foldDossier('D', history.slice(cut), TZ, stored)).toEqual(whole);
    }
  });

  it('does not continue when an event sorts before the last one folded, or the state has no mark', () => {
    const prior = foldDossier('D', history.slice(1), TZ);
    expect(continuesFrom(prior, [history[0]!])).toBe(false);
    // Same instant as the mark (e3 and e4 share it): only a greater id comes after it.
    const upToE3 = foldDossier('D', history.slice(0, 3), TZ);
    expect(continuesFrom(upToE3, [history[3]!])).toBe(true);
    expect(continuesFrom(foldDossier('D', [history[0]!, history[1]!, history[3]!], TZ), [history[2]!])).toBe(false);
    expect(continuesFrom({ ...prior, last_event_at: null, last_event_id: null }, history.slice(4))).toBe(false);
  });
});

describe('foldDossier', () => {
  it('gives the same state whatever the arrival order', () => {
    const state = foldAllOrders([
      received('e1', '2026-11-20T09:00:00+07:00', '2026-11-21T17:00:00+07:00'),
      dueChanged('e2', '2026-11-21T10:00:00+07:00', '2026-11-25T17:00:00+07:00'),
      resolved('e3', '2026-11-24T10:00:00+07:00'),
    ]);
    expect({ ...state, received_at: iso(state.received_at), due_at: iso(state.due_at), resolved_at: iso(state.resolved_at) }).toEqual({
      dossier_id: 'D', unit_code: UNIT, procedure_code: 'TP-KS', channel: 'online', payment: 'online', digitized: true,
      received_at: '2026-11-20T02:00:00.000Z',
      due_at: '2026-11-25T10:00:00.000Z',
      resolved_at: '2026-11-24T03:00:00.000Z',
      outcome: 'approved',
      // the extension turned a late dossier (due the 21st) into an early one (due the 25th)
      resolution: 'early',
      withdrawn_at: null,
      last_event_at: new Date('2026-11-24T03:00:00.000Z'),
      last_event_id: 'e3',
    });
  });

  it('takes dueAt from the latest event by at, not the last to arrive', () => {
    // The due_changed happened before the received (a correction re-sent later): the received's dueAt wins.
    const state = foldAllOrders([
      dueChanged('e2', '2026-11-20T08:00:00+07:00', '2026-12-31T17:00:00+07:00'),
      received('e1', '2026-11-20T09:00:00+07:00', '2026-11-21T17:00:00+07:00'),
      resolved('e3', '2026-11-24T10:00:00+07:00'),
    ]);
    expect(iso(state.due_at)).toBe('2026-11-21T10:00:00.000Z');
    expect(state.resolution).toBe('late');
  });

  it('applies a due_changed dated after the resolution', () => {
    const state = foldAllOrders([
      received('e1', '2026-11-20T09:00:00+07:00', '2026-11-21T17:00:00+07:00'),
      resolved('e2', '2026-11-24T10:00:00+07:00'),
      dueChanged('e3', '2026-11-25T08:00:00+07:00', '2026-11-24T10:00:00+07:00'),
    ]);
    expect(iso(state.due_at)).toBe('2026-11-24T03:00:00.000Z');
    expect(state.resolution).toBe('on_time');
  });

  it('breaks ties of at by event id', () => {
    const at = '2026-11-21T10:00:00+07:00';
    const state = foldAllOrders([
      received('a0', '2026-11-20T09:00:00+07:00', '2026-11-21T17:00:00+07:00'),
      dueChanged('b1', at, '2026-11-26T17:00:00+07:00'),
      dueChanged('b2', at, '2026-11-27T17:00:00+07:00'),
    ]);
    expect(iso(state.due_at)).toBe('2026-11-27T10:00:00.000Z');
  });

  it('classifies a resolution dated before the receipt', () => {
    const state = foldAllOrders([
      resolved('e1', '2026-11-19T10:00:00+07:00'),
      received('e2', '2026-11-20T09:00:00+07:00', '2026-11-21T17:00:00+07:00'),
    ]);
    expect(state.resolution).toBe('early');
    expect(iso(state.received_at)).toBe('2026-11-20T02:00:00.000Z');
  });

  it('leaves a dossier without its received event unclassified and unplaced', () => {
    const state = foldAllOrders([resolved('e1', '2026-11-24T10:00:00+07:00'), dueChanged('e2', '2026-11-21T10:00:00+07:00', '2026-11-25T17:00:00+07:00')]);
    expect(state.received_at).toBeNull();
    expect(state.unit_code).toBeNull();
    expect(state.resolution).toBeNull();
    expect(iso(state.resolved_at)).toBe('2026-11-24T03:00:00.000Z');
  });

  it('records a withdrawal', () => {
    const state = foldAllOrders([
      withdrawn('e2', '2026-11-22T10:00:00+07:00'),
      received('e1', '2026-11-20T09:00:00+07:00', '2026-11-21T17:00:00+07:00'),
    ]);
    expect(iso(state.withdrawn_at)).toBe('2026-11-22T03:00:00.000Z');
    expect(state.resolved_at).toBeNull();
    expect(state.resolution).toBeNull();
  });
});

describe('foldFeedback', () => {
  it('gives the same state whatever the arrival order', () => {
    const events: IngestEvent[] = [
      { id: 'f2', type: 'feedback.resolved', at: '2026-11-22T10:00:00+07:00', unitCode: UNIT, feedbackId: 'F' },
      { id: 'f1', type: 'feedback.received', at: '2026-11-20T09:00:00+07:00', unitCode: UNIT, feedbackId: 'F', channel: 'zalo', topic: 'rác' },
    ];
    const states = permutations(events.map(stored)).map((order) => foldFeedback('F', order));
    expect(states[0]).toEqual(states[1]);
    expect(states[0]).toMatchObject({ feedback_id: 'F', unit_code: UNIT, channel: 'zalo', topic: 'rác', due_at: null });
    expect(iso(states[0]!.received_at)).toBe('2026-11-20T02:00:00.000Z');
    expect(iso(states[0]!.resolved_at)).toBe('2026-11-22T03:00:00.000Z');
  });

  it('keeps a resolution that arrived alone without a unit', () => {
    const state = foldFeedback('F', [stored({ id: 'f2', type: 'feedback.resolved', at: '2026-11-22T10:00:00+07:00', unitCode: UNIT, feedbackId: 'F' })]);
    expect(state.received_at).toBeNull();
    expect(state.unit_code).toBeNull();
  });
});
