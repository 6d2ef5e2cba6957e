import { sql, type Kysely, type Transaction } from 'kysely';
import type { IngestEvent, RejectedEvent } from '../../shared/events.js';
import { chunks, eachChunk } from '../db/chunks.js';
import { epochMs, recordsetJson } from '../db/timestamps.js';
import type { Database, DossierRow, NewDossier, NewFeedback } from '../db/database.js';
import type { NormalizedEvent } from './validate.js';
import type { StoredEvent } from './fold.js';

type Trx = Transaction<Database>;

/**
 * The event as stored: the normalized event less `atDate`, its instant in one form (UTC, milliseconds: what the
 * fold reads). Copied key by key: a rest-and-spread copy took twice as long, and serializing the Date more still.
 */
function eventPayload(event: NormalizedEvent): IngestEvent {
  const payload: Record<string, unknown> = {};
  for (const key in event) if (key !== 'atDate') payload[key] = event[key as keyof NormalizedEvent];
  payload.at = event.atDate.toISOString();
  return payload as unknown as IngestEvent;
}

/**
 * Queued events belong to a fold partition by the item they change (dossier, feedback item, else the event
 * itself): passes over different partitions run at once and never fold the same dossier or feedback item.
 * Migration 2026-11-26T0800 computes the same expression for events queued before it; changing the count needs a
 * migration that re-partitions whatever is queued.
 */
export const FOLD_PARTITIONS = 2;

/**
 * A batch's events as the JSON documents `insertNewEvents` stores, one per chunk, each event once: PostgreSQL
 * splits a document and reads the indexed columns from each event in C, where escaping every element of seven text
 * arrays in JavaScript cost the acknowledgement more, and sending the columns beside each event made the document
 * half as large again (docs/BENCHMARKS.md). Built before the transaction begins, so the database does not wait for it.
 */
export function eventDocuments(events: readonly NormalizedEvent[]): string[] {
  return chunks(events).map((part) => JSON.stringify(part.map(eventPayload)));
}

/**
 * Stores a batch at once: its new events (`eventDocuments`), queued for the fold, and its rejected events, for
 * operators; answers the ids that were already stored (a source resending), nearly always none. A batch of one
 * chunk with nothing rejected, as nearly every batch is, is a single statement and so its own transaction: one round
 * trip to the database instead of five (`begin`, a savepoint, the insert, its release, `commit`), each of which waited
 * its turn on a busy server's event loop before the acknowledgement could go.
 */
export async function storeBatch(db: Kysely<Database>, documents: readonly string[], rejected: readonly RejectedRow[]): Promise<Set<string>> {
  if (documents.length === 0 && rejected.length === 0) return new Set();
  const [only] = documents;
  if (documents.length === 1 && rejected.length === 0 && only !== undefined) return new Set(await storeChunk(db, only));
  return db.transaction().execute(async (trx) => {
    await insertRejected(trx, rejected);
    const storedBefore = new Set<string>();
    for (const document of documents) {
      // In a transaction a failed statement fails everything after it: each chunk goes under a savepoint.
      await sql`savepoint new_events`.execute(trx);
      const skipped = await storeChunk(trx, document, () => sql`rollback to savepoint new_events`.execute(trx));
      await sql`release savepoint new_events`.execute(trx);
      for (const id of skipped) storedBefore.add(id);
    }
    return storedBefore;
  });
}

/**
 * Inserts a chunk's events (`eventDocuments`) whose id is new and queues them for the fold; answers the ids that were
 * already stored. Nearly every chunk is new: it is first inserted as such and answers nothing; only a chunk holding an
 * id already stored is inserted again (after `beforeRetry`) skipping those. `on conflict do nothing` looks every id up
 * before inserting it, a fifth of the statement's time, for the rare chunk that needs it.
 */
async function storeChunk(db: Kysely<Database> | Trx, document: string, beforeRetry?: () => Promise<unknown>): Promise<string[]> {
  try {
    await storeEvents(db, document, false);
    return [];
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    await beforeRetry?.();
    return (await storeEvents(db, document, true)).map((row) => row.id);
  }
}

const UNIQUE_VIOLATION = '23505';

/** Stores a chunk's events and queues them; with `skipStored`, answers the ids it skipped as stored before. */
async function storeEvents(db: Kysely<Database> | Trx, document: string, skipStored: boolean): Promise<{ id: string }[]> {
  const { rows } = await sql<{ id: string }>`
    with elements as (
      select r.id, r.type, r.at, r."unitCode", r."dossierId", r."feedbackId", e
      from json_array_elements(${document}::json) as e,
        json_to_record(e) as r(id text, type text, at timestamptz, "unitCode" text, "dossierId" text, "feedbackId" text)),
    stored as (
      insert into events (id, type, at, unit_code, dossier_id, feedback_id, payload)
      select id, type, at, "unitCode", case when type like 'dossier.%' then "dossierId" end, "feedbackId", e from elements
      ${skipStored ? sql`on conflict (id) do nothing` : sql``}
      returning id, dossier_id, feedback_id),
    queued as (
      insert into fold_queue (part, event_ids)
      select part, array_agg(id) from (
        select id, mod(hashtext(coalesce(dossier_id, feedback_id, id)) & 2147483647, ${FOLD_PARTITIONS}) as part from stored) as s
      group by part)
    ${skipStored ? sql`select id from elements where not exists (select from stored where stored.id = elements.id)` : sql`select null::text as id where false`}`.execute(db);
  return rows;
}

/**
 * Takes (deletes) the queued events of these partitions, oldest batches first, up to about `limit` (whole batches:
 * at least one, and stopping before the batch that would pass the limit); the caller holds their fold locks.
 */
export async function takeFoldQueue(trx: Trx, parts: readonly number[], limit: number): Promise<string[]> {
  const taken: string[] = [];
  for (const part of parts) {
    if (taken.length >= limit) break;
    // As JSON: parsing thousands of ids from PostgreSQL's array text was a few per cent of the server's thread.
    const { rows } = await sql<{ event_ids: string[] }>`
      delete from fold_queue where part = ${part} and seq in (
        select seq from (
          select seq, sum(cardinality(event_ids)) over (order by seq) - cardinality(event_ids) as before
          from fold_queue where part = ${part}) as queued
        where before < ${limit - taken.length})
      returning array_to_json(event_ids) as event_ids`.execute(trx);
    for (const row of rows) taken.push(...row.event_ids);
  }
  return taken;
}

/** Stored events by id, as ingest normalized them (the payload is the normalized event less `atDate`). */
export async function loadEventsById(trx: Trx, ids: readonly string[]): Promise<NormalizedEvent[]> {
  const events: NormalizedEvent[] = [];
  for (const part of chunks(ids)) {
    const rows = await trx.selectFrom('events').select(['at', 'payload']).where('id', '=', sql<string>`any(${part}::text[])`).execute();
    for (const row of rows) events.push({ ...(row.payload as IngestEvent), atDate: new Date(row.at) } as NormalizedEvent);
  }
  return events;
}

/**
 * The stored events of these items, less those the caller already holds (`held`: the events being folded).
 * Callers ask only for items folded before: an item seen for the first time has no other stored events to
 * fetch (any still queued are folded, and the item re-folded, by a later pass).
 */
async function loadEvents(trx: Trx, column: 'dossier_id' | 'feedback_id', ids: readonly string[], held: ReadonlySet<string>): Promise<Map<string, StoredEvent[]>> {
  const byItem = new Map<string, StoredEvent[]>();
  for (const part of chunks(ids)) {
    const rows = await trx.selectFrom('events').select(['id', 'at', 'payload', column]).where(column, '=', sql<string>`any(${part}::text[])`).execute();
    for (const row of rows) {
      const key = row[column];
      if (key === null || held.has(row.id)) continue;
      const list = byItem.get(key) ?? [];
      list.push({ id: row.id, at: new Date(row.at), event: row.payload as IngestEvent });
      byItem.set(key, list);
    }
  }
  return byItem;
}

export const loadDossierEvents = (trx: Trx, ids: readonly string[], held: ReadonlySet<string>) => loadEvents(trx, 'dossier_id', ids, held);
export const loadFeedbackEvents = (trx: Trx, ids: readonly string[], held: ReadonlySet<string>) => loadEvents(trx, 'feedback_id', ids, held);

/** Which of these feedback items have a stored state (were folded before). */
export async function existingFeedback(trx: Trx, ids: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const part of chunks(ids)) {
    const rows = await trx.selectFrom('feedback').select('feedback_id').where('feedback_id', '=', sql<string>`any(${part}::text[])`).execute();
    found.push(...rows.map((r) => r.feedback_id));
  }
  return found;
}

/** The stored state of the given dossiers, before they are re-folded. */
export async function currentDossiers(trx: Trx, ids: readonly string[]): Promise<DossierRow[]> {
  const rows: DossierRow[] = [];
  for (const part of chunks(ids)) {
    rows.push(...(await trx.selectFrom('dossiers').selectAll().where('dossier_id', '=', sql<string>`any(${part}::text[])`).execute()));
  }
  return rows;
}


const DOSSIER_COLUMNS = [
  'unit_code', 'procedure_code', 'channel', 'payment', 'digitized', 'received_at', 'due_at', 'resolved_at', 'outcome', 'resolution',
  'withdrawn_at', 'last_event_at', 'last_event_id',
] as const;
const INSTANT_COLUMNS = new Set<string>(['received_at', 'due_at', 'resolved_at', 'withdrawn_at', 'last_event_at']);
const dossierValue = (column: string) => (INSTANT_COLUMNS.has(column) ? epochMs(`r.${column}`) : sql.ref(`r.${column}`));
const dossierRecord = (part: readonly NewDossier[]) => sql`json_to_recordset(${recordsetJson(part)}::json) as r(dossier_id text, unit_code text,
  procedure_code text, channel text, payment text, digitized boolean, received_at float8, due_at float8, resolved_at float8,
  outcome text, resolution text, withdrawn_at float8, last_event_at float8, last_event_id text)`;

/**
 * Folded dossier states (instants are Dates: epoch milliseconds in the document, see recordsetJson): inserted
 * when new, updated when `stored` says the dossier has a row. The caller read those rows under its partition's
 * fold lock, so no other pass adds or changes them meanwhile; `on conflict do update` would look each one up
 * again before writing it.
 */
export async function writeDossiers(trx: Trx, dossiers: readonly NewDossier[], stored: { has(dossierId: string): boolean }): Promise<void> {
  await eachChunk(dossiers.filter((d) => !stored.has(d.dossier_id)), (part) => sql`
    insert into dossiers (dossier_id, ${sql.join(DOSSIER_COLUMNS.map((c) => sql.ref(c)))})
    select r.dossier_id, ${sql.join(DOSSIER_COLUMNS.map(dossierValue))} from ${dossierRecord(part)}`.execute(trx));
  await eachChunk(dossiers.filter((d) => stored.has(d.dossier_id)), (part) => sql`
    update dossiers set ${sql.join(DOSSIER_COLUMNS.map((c) => sql`${sql.ref(c)} = ${dossierValue(c)}`))}
    from ${dossierRecord(part)} where dossiers.dossier_id = r.dossier_id`.execute(trx));
}

export async function upsertFeedback(trx: Trx, items: readonly NewFeedback[]): Promise<void> {
  await eachChunk(items, (part) =>
    trx
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
      .execute(),
  );
}

export async function insertRatings(trx: Trx, events: readonly Extract<NormalizedEvent, { type: 'rating.submitted' }>[]): Promise<void> {
  await eachChunk(events, (part) =>
    trx
      .insertInto('ratings')
      .values(part.map((e) => ({ event_id: e.id, unit_code: e.unitCode, at: e.atDate, score: e.score, dossier_id: e.dossierId ?? null })))
      .execute(),
  );
}

export async function insertApologies(trx: Trx, events: readonly Extract<NormalizedEvent, { type: 'dossier.apology_sent' }>[]): Promise<void> {
  await eachChunk(events, (part) =>
    trx.insertInto('apologies').values(part.map((e) => ({ event_id: e.id, unit_code: e.unitCode, dossier_id: e.dossierId, at: e.atDate }))).execute(),
  );
}

export interface RejectedRow {
  /** Who sent the batch (the principal's name). */
  source: string;
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

/** Rejected events, newest first, `limit` of them older than `before` (a seq) when given. */
export async function listRejected(db: Kysely<Database>, query: { limit: number; before?: number | undefined }): Promise<RejectedEvent[]> {
  let q = db.selectFrom('rejected_events').selectAll().orderBy('seq', 'desc').limit(query.limit);
  if (query.before !== undefined) q = q.where('seq', '<', String(query.before));
  const rows = await q.execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    receivedAt: new Date(r.received_at).toISOString(),
    source: r.source,
    index: r.batch_index,
    id: r.event_id,
    error: r.error,
    event: r.body,
  }));
}

export async function insertRejected(trx: Trx, rejected: readonly RejectedRow[]): Promise<void> {
  for (const part of chunks(rejected)) {
    await trx
      .insertInto('rejected_events')
      .values(part.map((r) => ({
        batch_index: r.index, event_id: r.id === null ? null : storableText(r.id), error: storableText(r.error), body: storableJson(r.body ?? null), source: storableText(r.source),
      })))
      .execute();
  }
}
