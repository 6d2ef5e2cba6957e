import { z } from 'zod';
import { MAX_FUTURE_SKEW_MS } from '../../shared/limits.js';
import { EVENT_TYPES, eventSchema, type IngestEvent } from '../../shared/events.js';
import type { Catalog } from '../catalog/catalog.service.js';

/** An accepted event, normalized: defaults applied and, for a received dossier, `dueAt` always set. */
export type NormalizedEvent = IngestEvent & { atDate: Date };

/** Why an event was rejected, as a short stable class (metrics label; the `error` text says the details). */
export type RejectionReason = 'unparsable' | 'nul' | 'encoding' | 'schema' | 'future' | 'unknown_unit' | 'forbidden_unit' | 'unknown_procedure';

export type Validation =
  /** `ignored`: the event's fields its type does not have (absent when none). */
  | { ok: true; event: NormalizedEvent; ignored?: string[] }
  | { ok: false; id: string | null; error: string; reason: RejectionReason };

export interface ValidationContext {
  catalog: Catalog;
  now: Date;
  timeZone: string;
  /** Units an ingest key may write; null = every unit. */
  allowedUnits: ReadonlySet<string> | null;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.join('.') : 'event';
  if (issue.code === 'invalid_union' && issue.path.join('.') === 'type') {
    return `type: must be one of ${EVENT_TYPES.join(', ')}`;
  }
  return `${where}: ${issue.message}`;
}

function idOf(raw: unknown): string | null {
  if (typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string') return raw.id.slice(0, 128);
  return null;
}

/** A line of an NDJSON batch that is not JSON: it stays in the batch, to be rejected on its own. */
export class UnparsableLine {
  constructor(readonly text: string) {}
}

/** NUL, or half of a UTF-16 surrogate pair: strings holding neither (nearly all) need no closer look. */
const SUSPECT = /[\u0000\ud800-\udfff]/;
/** A UTF-16 surrogate without its pair: JSON may carry it (`"\ud800"`), PostgreSQL text and jsonb cannot. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What PostgreSQL text cannot hold, in any string or key of a parsed JSON value: NUL, or an unpaired surrogate. */
function unstorableText(value: unknown): 'nul' | 'encoding' | null {
  if (typeof value === 'string') {
    if (!SUSPECT.test(value)) return null;
    if (value.includes('\u0000')) return 'nul';
    return LONE_SURROGATE.test(value) ? 'encoding' : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  let found: 'nul' | 'encoding' | null = null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = unstorableText(item);
      if (problem === 'nul') return problem;
      found ??= problem;
    }
    return found;
  }
  for (const key in value) {
    const inKey = unstorableText(key);
    const inValue = unstorableText((value as Record<string, unknown>)[key]);
    if (inKey === 'nul' || inValue === 'nul') return 'nul';
    found ??= inKey ?? inValue;
  }
  return found;
}

const YEAR_1000 = Date.UTC(1000, 0, 1);
const YEAR_10000 = Date.UTC(10000, 0, 1);

/** The ISO format check lets through instants no database column holds (year 0, 31 February…). */
function storableInstant(iso: string): boolean {
  const t = Date.parse(iso);
  return Number.isFinite(t) && t >= YEAR_1000 && t < YEAR_10000;
}

/** Each type's fields, as the contract names them. */
const FIELDS = new Map<string, ReadonlySet<string>>(eventSchema.options.map((o) => [o.shape.type.value, new Set(Object.keys(o.shape))]));

/** The fields of an event that its type does not have; undefined when there are none (nearly always). */
function unknownFields(raw: object, type: string): string[] | undefined {
  const known = FIELDS.get(type);
  let unknown: string[] | undefined;
  for (const key in raw) if (!known?.has(key)) (unknown ??= []).push(key);
  return unknown;
}

function rejected(id: string, reason: RejectionReason, error: string): Validation {
  return { ok: false, id, error, reason };
}

/** An offset in ISO 8601's basic form (`+0700`, what Java's `Z` and strftime's `%z` write), to be read as `+07:00`. */
const BASIC_OFFSET = /([+-]\d{2})(\d{2})$/;

/** The event with `at` and `dueAt` offsets in the extended form the schema checks; the event itself when they are. */
function withExtendedOffsets(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const { at, dueAt } = raw as { at?: unknown; dueAt?: unknown };
  const basic = (value: unknown): value is string => typeof value === 'string' && BASIC_OFFSET.test(value);
  if (!basic(at) && !basic(dueAt)) return raw;
  const copy: Record<string, unknown> = { ...raw };
  if (basic(at)) copy.at = at.replace(BASIC_OFFSET, '$1:$2');
  if (basic(dueAt)) copy.dueAt = dueAt.replace(BASIC_OFFSET, '$1:$2');
  return copy;
}

/** Checks one event against the contract and the catalog; a rejection says precisely why. */
export function validateEvent(raw: unknown, ctx: ValidationContext): Validation {
  if (raw instanceof UnparsableLine) return { ok: false, id: null, error: 'event: this line is not valid JSON', reason: 'unparsable' };
  // PostgreSQL text cannot hold NUL or half a surrogate pair; refuse them here rather than fail the whole batch later.
  const unstorable = unstorableText(raw);
  if (unstorable === 'nul') {
    return { ok: false, id: null, error: 'event: strings may not contain NUL (\\u0000) characters', reason: 'nul' };
  }
  if (unstorable === 'encoding') {
    return { ok: false, id: null, error: 'event: strings must be valid Unicode (an unpaired UTF-16 surrogate was found)', reason: 'encoding' };
  }
  const parsed = eventSchema.safeParse(withExtendedOffsets(raw));
  if (!parsed.success) {
    return { ok: false, id: idOf(raw), error: parsed.error.issues.map(describeIssue).join('; '), reason: 'schema' };
  }
  const event = parsed.data;
  const reject = (reason: RejectionReason, error: string): Validation => rejected(event.id, reason, error);
  const dueAt = 'dueAt' in event ? event.dueAt : undefined;
  if (!storableInstant(event.at)) return reject('schema', `at: ${event.at} is not a date between the years 1000 and 9999`);
  if (dueAt !== undefined && !storableInstant(dueAt)) return reject('schema', `dueAt: ${dueAt} is not a date between the years 1000 and 9999`);
  const atDate = new Date(event.at);
  if (atDate.getTime() > ctx.now.getTime() + MAX_FUTURE_SKEW_MS) {
    return reject('future', `at: ${event.at} is more than 5 minutes in the future`);
  }
  if (!ctx.catalog.unit(event.unitCode)) return reject('unknown_unit', `unitCode: '${event.unitCode}' is not in the unit catalog`);
  if (ctx.allowedUnits && !ctx.allowedUnits.has(event.unitCode)) {
    return reject('forbidden_unit', `unitCode: this ingest key may not write events for '${event.unitCode}'`);
  }
  if (event.type === 'dossier.received' && event.dueAt === undefined) {
    const procedure = ctx.catalog.procedure(event.procedureCode);
    if (!procedure) {
      return reject('unknown_procedure', `dueAt: missing, and procedure '${event.procedureCode}' is not in the catalog to compute it from`);
    }
    const computed = new Date(ctx.catalog.calendar(ctx.timeZone).dueAt(atDate.getTime(), procedure.processingDays));
    return accepted({ ...event, dueAt: computed.toISOString(), atDate }, raw as object);
  }
  return accepted({ ...event, atDate }, raw as object);
}

function accepted(event: NormalizedEvent, raw: object): Validation {
  const ignored = unknownFields(raw, event.type);
  return ignored ? { ok: true, event, ignored } : { ok: true, event };
}
