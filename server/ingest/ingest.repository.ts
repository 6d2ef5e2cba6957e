import { sql, type Transaction } from 'kysely';
import type { IngestEvent } from '../../shared/events.js';
import { chunks } from '../db/chunks.js';
import type { Database, DossierRow, NewDossier, NewFeedback } from '../db/database.js';
import type { NormalizedEvent } from './validate.js';
import type { StoredEvent } from './fold.js';
import { isoOrNull } from '../db/timestamps.js';

type Trx = Transaction<Database>;

function eventPayload(event: NormalizedEvent): IngestEvent {
  const { atDate: _atDate, ...payload } = event;
  return payload;
}

/**
 * Inserts the events whose id is new; answers the ids actually inserted. Rows travel as one array per column
 * (`unnest`): a handful of parameters instead of seven per row, which halves the cost of a 1000-event batch on
 * both sides (docs/BENCHMARKS.md).
 */
export async function insertNewEvents(trx: Trx, events: readonly NormalizedEvent[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const part of chunks(events)) {
    const { rows } = await sql<{ id: string }>`
      insert into events (id, type, at, unit_code, dossier_id, feedback_id, payload)
      select * from unnest(
        ${part.map((e) => e.id)}::text[], ${part.map((e) => e.type)}::text[], ${part.map((e) => e.atDate.toISOString())}::timestamptz[],
        ${part.map((e) => e.unitCode)}::text[],
        ${part.map((e) => (e.type.startsWith('dossier.') && 'dossierId' in e ? (e.dossierId ?? null) : null))}::text[],
        ${part.map((e) => ('feedbackId' in e ? e.feedbackId : null))}::text[],
        ${part.map((e) => JSON.stringify(eventPayload(e)))}::jsonb[])
      on conflict (id) do nothing
      returning id`.execute(trx);
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

/**
 * The stored events of these items, less those of `except` (the batch being applied, which the caller already
 * holds): most items of a batch are new, and their events need not travel back from the database.
 */
async function loadEvents(trx: Trx, column: 'dossier_id' | 'feedback_id', ids: readonly string[], except: readonly string[]): Promise<Map<string, StoredEvent[]>> {
  const byItem = new Map<string, StoredEvent[]>();
  for (const part of chunks(ids)) {
    const rows = await trx
      .selectFrom('events')
      .select(['id', 'at', 'payload', column])
      .where(column, '=', sql<string>`any(${part}::text[])`)
      .where(sql<boolean>`not (id = any(${except}::text[]))`)
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

export const loadDossierEvents = (trx: Trx, ids: readonly string[], except: readonly string[] = []) => loadEvents(trx, 'dossier_id', ids, except);
export const loadFeedbackEvents = (trx: Trx, ids: readonly string[], except: readonly string[] = []) => loadEvents(trx, 'feedback_id', ids, except);

/** The stored state of the given dossiers, before they are re-folded. */
export async function currentDossiers(trx: Trx, ids: readonly string[]): Promise<DossierRow[]> {
  const rows: DossierRow[] = [];
  for (const part of chunks(ids)) {
    rows.push(...(await trx.selectFrom('dossiers').selectAll().where('dossier_id', '=', sql<string>`any(${part}::text[])`).execute()));
  }
  return rows;
}


export async function upsertDossiers(trx: Trx, dossiers: readonly NewDossier[]): Promise<void> {
  for (const part of chunks(dossiers)) {
    const text = (pick: (d: NewDossier) => string | null | undefined) => sql`${part.map((d) => pick(d) ?? null)}::text[]`;
    const time = (pick: (d: NewDossier) => Date | string | null | undefined) => sql`${part.map((d) => isoOrNull(pick(d)))}::timestamptz[]`;
    await sql`
      insert into dossiers (dossier_id, unit_code, procedure_code, channel, payment, digitized, received_at, due_at, resolved_at, outcome, resolution, withdrawn_at)
      select * from unnest(
        ${text((d) => d.dossier_id)}, ${text((d) => d.unit_code)}, ${text((d) => d.procedure_code)}, ${text((d) => d.channel)},
        ${text((d) => d.payment)}, ${part.map((d) => d.digitized ?? null)}::boolean[], ${time((d) => d.received_at)}, ${time((d) => d.due_at)},
        ${time((d) => d.resolved_at)}, ${text((d) => d.outcome)}, ${text((d) => d.resolution)}, ${time((d) => d.withdrawn_at)})
      on conflict (dossier_id) do update set
        unit_code = excluded.unit_code, procedure_code = excluded.procedure_code, channel = excluded.channel,
        payment = excluded.payment, digitized = excluded.digitized, received_at = excluded.received_at,
        due_at = excluded.due_at, resolved_at = excluded.resolved_at, outcome = excluded.outcome,
        resolution = excluded.resolution, withdrawn_at = excluded.withdrawn_at`.execute(trx);
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

/** Text PostgreSQL can store: NUL and unpaired surrogates (which a rejected event may hold) become U+FFFD. */
function storableText(text: string): string {
  return text.replace(/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** JSON PostgreSQL's jsonb accepts: the escapes `\u0000` and of unpaired surrogates (not preceded by an escaping backslash) become `\ufffd`. */
function storableJson(value: unknown): string {
  return JSON.stringify(value).replace(/(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi, '$1\\ufffd');
}

export async function insertRejected(trx: Trx, rejected: readonly RejectedRow[]): Promise<void> {
  for (const part of chunks(rejected)) {
    await trx
      .insertInto('rejected_events')
      .values(part.map((r) => ({ batch_index: r.index, event_id: r.id === null ? null : storableText(r.id), error: storableText(r.error), body: storableJson(r.body ?? null) })))
      .execute();
  }
}
