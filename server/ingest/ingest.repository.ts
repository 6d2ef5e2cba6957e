import { sql, type Transaction } from 'kysely';
import type { IngestEvent } from '../../shared/events.js';
import type { Database, DossierRow, NewDossier, NewFeedback, UnitHourlyTable } from '../db/database.js';
import type { HourlyDelta } from '../figures/rollup.js';
import type { NormalizedEvent } from './validate.js';
import type { StoredEvent } from './fold.js';

type Trx = Transaction<Database>;

type HourlyColumn = Exclude<keyof UnitHourlyTable, 'unit_code' | 'hour'>;
const HOURLY_COLUMNS: HourlyColumn[] = [
  'received', 'received_online', 'received_payable', 'received_paid_online', 'received_digitized',
  'resolved', 'resolved_early', 'resolved_on_time', 'resolved_late', 'ratings', 'ratings_satisfied',
];

/** Rows per INSERT, well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function eventPayload(event: NormalizedEvent): IngestEvent {
  const { atDate: _atDate, ...payload } = event;
  return payload;
}

/** Inserts the events whose id is new; answers the ids actually inserted. */
export async function insertNewEvents(trx: Trx, events: readonly NormalizedEvent[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const part of chunks(events)) {
    const rows = await trx
      .insertInto('events')
      .values(
        part.map((e) => ({
          id: e.id,
          type: e.type,
          at: e.atDate,
          unit_code: e.unitCode,
          dossier_id: e.type.startsWith('dossier.') && 'dossierId' in e ? (e.dossierId ?? null) : null,
          feedback_id: 'feedbackId' in e ? e.feedbackId : null,
          payload: JSON.stringify(eventPayload(e)),
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    for (const row of rows) inserted.add(row.id);
  }
  return inserted;
}

/**
 * Serializes concurrent batches that touch the same dossiers or feedback items (on PostgreSQL; PGlite has
 * one connection). Locks are taken in a fixed order so two batches never deadlock.
 */
export async function lockItems(trx: Trx, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await sql`select pg_advisory_xact_lock(h) from (select hashtextextended(k, 0) as h from unnest(${[...keys].sort()}::text[]) as k order by 1) as s`.execute(trx);
}

async function loadEvents(trx: Trx, column: 'dossier_id' | 'feedback_id', ids: readonly string[]): Promise<Map<string, StoredEvent[]>> {
  const byItem = new Map<string, StoredEvent[]>();
  for (const part of chunks(ids)) {
    const rows = await trx
      .selectFrom('events')
      .select(['id', 'at', 'payload', column])
      .where(column, 'in', part)
      .execute();
    for (const row of rows) {
      const key = row[column];
      if (key === null) continue;
      const list = byItem.get(key) ?? [];
      list.push({ id: row.id, at: new Date(row.at), event: row.payload as IngestEvent });
      byItem.set(key, list);
    }
  }
  return byItem;
}

export const loadDossierEvents = (trx: Trx, ids: readonly string[]) => loadEvents(trx, 'dossier_id', ids);
export const loadFeedbackEvents = (trx: Trx, ids: readonly string[]) => loadEvents(trx, 'feedback_id', ids);

/** The stored state of the given dossiers, before they are re-folded. */
export async function currentDossiers(trx: Trx, ids: readonly string[]): Promise<DossierRow[]> {
  const rows: DossierRow[] = [];
  for (const part of chunks(ids)) {
    rows.push(...(await trx.selectFrom('dossiers').selectAll().where('dossier_id', 'in', part).execute()));
  }
  return rows;
}

/** Adds the delta to the hourly rollup (counters may go down when a dossier's state changes). */
export async function applyHourlyDelta(trx: Trx, delta: HourlyDelta): Promise<void> {
  for (const part of chunks(delta.nonZero())) {
    await trx
      .insertInto('unit_hourly')
      .values(
        part.map(({ unitCode, hour, counts }) => ({
          unit_code: unitCode,
          hour: new Date(hour),
          received: counts.received,
          received_online: counts.receivedOnline,
          received_payable: counts.receivedPayable,
          received_paid_online: counts.receivedPaidOnline,
          received_digitized: counts.receivedDigitized,
          resolved: counts.resolved,
          resolved_early: counts.resolvedEarly,
          resolved_on_time: counts.resolvedOnTime,
          resolved_late: counts.resolvedLate,
          ratings: counts.ratings,
          ratings_satisfied: counts.ratingsSatisfied,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['unit_code', 'hour']).doUpdateSet((eb) => {
          const plus = (column: HourlyColumn) => eb(eb.ref(`unit_hourly.${column}`), '+', eb.ref(`excluded.${column}`));
          return Object.fromEntries(HOURLY_COLUMNS.map((column) => [column, plus(column)]));
        }),
      )
      .execute();
  }
}

export async function upsertDossiers(trx: Trx, dossiers: readonly NewDossier[]): Promise<void> {
  for (const part of chunks(dossiers)) {
    await trx
      .insertInto('dossiers')
      .values(part)
      .onConflict((oc) =>
        oc.column('dossier_id').doUpdateSet((eb) => ({
          unit_code: eb.ref('excluded.unit_code'),
          procedure_code: eb.ref('excluded.procedure_code'),
          channel: eb.ref('excluded.channel'),
          payment: eb.ref('excluded.payment'),
          digitized: eb.ref('excluded.digitized'),
          received_at: eb.ref('excluded.received_at'),
          due_at: eb.ref('excluded.due_at'),
          resolved_at: eb.ref('excluded.resolved_at'),
          outcome: eb.ref('excluded.outcome'),
          resolution: eb.ref('excluded.resolution'),
          withdrawn_at: eb.ref('excluded.withdrawn_at'),
        })),
      )
      .execute();
  }
}

export async function upsertFeedback(trx: Trx, items: readonly NewFeedback[]): Promise<void> {
  for (const part of chunks(items)) {
    await trx
      .insertInto('feedback')
      .values(part)
      .onConflict((oc) =>
        oc.column('feedback_id').doUpdateSet((eb) => ({
          unit_code: eb.ref('excluded.unit_code'),
          channel: eb.ref('excluded.channel'),
          topic: eb.ref('excluded.topic'),
          received_at: eb.ref('excluded.received_at'),
          due_at: eb.ref('excluded.due_at'),
          resolved_at: eb.ref('excluded.resolved_at'),
        })),
      )
      .execute();
  }
}

export async function insertRatings(trx: Trx, events: readonly Extract<NormalizedEvent, { type: 'rating.submitted' }>[]): Promise<void> {
  for (const part of chunks(events)) {
    await trx
      .insertInto('ratings')
      .values(part.map((e) => ({ event_id: e.id, unit_code: e.unitCode, at: e.atDate, score: e.score, dossier_id: e.dossierId ?? null })))
      .execute();
  }
}

export async function insertApologies(trx: Trx, events: readonly Extract<NormalizedEvent, { type: 'dossier.apology_sent' }>[]): Promise<void> {
  for (const part of chunks(events)) {
    await trx
      .insertInto('apologies')
      .values(part.map((e) => ({ event_id: e.id, unit_code: e.unitCode, dossier_id: e.dossierId, at: e.atDate })))
      .execute();
  }
}

export interface RejectedRow {
  index: number;
  id: string | null;
  error: string;
  body: unknown;
}

export async function insertRejected(trx: Trx, rejected: readonly RejectedRow[]): Promise<void> {
  for (const part of chunks(rejected)) {
    await trx
      .insertInto('rejected_events')
      .values(part.map((r) => ({ batch_index: r.index, event_id: r.id?.replaceAll('\u0000', '\ufffd') ?? null, error: r.error, body: JSON.stringify(r.body ?? null).replaceAll('\\u0000', '\\ufffd') })))
      .execute();
  }
}
