/**
 * Property-based fuzz of POST /api/v1/events (fast-check): random JSON, mutated valid events, raw strings and
 * bytes, huge numbers, prototype-pollution keys, NUL characters, odd dates. Whatever comes in: no 5xx, no
 * internal error text in the answer, and only whole valid events stored (the events table holds exactly the
 * accepted ones, each one valid under the contract's schema).
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventSchema } from '../shared/events.js';
import { engine, startTestApp, type TestApp } from './helpers/app.js';

/** Text that would betray the implementation: stack frames, SQL, driver or runtime error messages. */
const INTERNAL = /\bat \S+ \(|\.(ts|js):\d+|node_modules|syntax error|relation "|duplicate key|violates|out of range|invalid input syntax|pglite|kysely|\bpg\b|TypeError|RangeError|ReferenceError|Cannot read prop|undefined is not/i;

/** Codes of the catalog, and two that are not in it. */
const UNITS = ['HN-HK', 'HN-BD', 'HN-STP', 'NOT-A-UNIT', ''];
const TYPES = ['dossier.received', 'dossier.due_changed', 'dossier.resolved', 'dossier.withdrawn', 'dossier.apology_sent', 'feedback.received', 'feedback.resolved', 'rating.submitted'];
const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '\u0000', ''];

const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '\uffff', '💥'.repeat(50), 'x'.repeat(129), "'; drop table events; --", '{{7*7}}', '%s%n', 'NaN'),
);
const hugeNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 5.000000000000001, 2 ** 53, 1e-320),
  fc.integer(),
);
/** Date-time strings, valid or not quite: year 0, month 13, 31 February, leap seconds, huge offsets. */
const dateTime = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2026-11-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.constantFrom('Z', '+07:00', '+23:59', '-12:00', '+99:99'))
    .map(([y, mo, d, h, mi, off]) => `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:00${off}`),
  nastyString,
);
const anyValue = fc.oneof(fc.jsonValue(), nastyString, hugeNumber, dateTime);

const validEvent = fc.record({
  id: fc.string({ minLength: 1, maxLength: 20 }).map((s) => `fz-${s}`),
  type: fc.constantFrom(...TYPES),
  at: fc.date({ min: new Date('2025-01-01'), max: new Date('2026-11-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  unitCode: fc.constantFrom(...UNITS),
  dossierId: fc.string({ minLength: 1, maxLength: 10 }),
  feedbackId: fc.string({ minLength: 1, maxLength: 10 }),
  procedureCode: fc.constantFrom('TP-KS', 'TP-KH', 'NO-SUCH-PROC'),
  channel: fc.constantFrom('online', 'counter', 'postal', 'zalo'),
  dueAt: dateTime,
  outcome: fc.constantFrom('approved', 'rejected'),
  score: fc.integer({ min: 0, max: 6 }),
  payment: fc.constantFrom('online', 'offline', 'none'),
  digitized: fc.boolean(),
}, { requiredKeys: ['id', 'type', 'at', 'unitCode'] });

/** A valid-looking event with one field replaced, deleted or added (under a nasty key, too). */
const mutatedEvent = fc.tuple(validEvent, fc.constantFrom(...['id', 'type', 'at', 'unitCode', 'dueAt', 'score', 'dossierId', ...NASTY_KEYS]), fc.oneof(anyValue, fc.constant(undefined)))
  .map(([event, key, value]) => {
    const copy: Record<string, unknown> = { ...event };
    if (value === undefined) delete copy[key];
    else Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
    return copy;
  });

const body = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(validEvent, mutatedEvent, mutatedEvent, anyValue), { minLength: 1, maxLength: 12 }).map((a) => JSON.stringify(a)) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')) },
  { weight: 1, arbitrary: fc.array(hugeNumber, { minLength: 1, maxLength: 5 }).map((a) => `[${a.map((n) => (Number.isFinite(n) ? String(n) : '1e999')).join(',')}]`) },
  { weight: 1, arbitrary: fc.array(fc.oneof(validEvent, mutatedEvent).map((e) => JSON.stringify(e)), { minLength: 1, maxLength: 5 }).map((lines) => ({ ndjson: lines.join('\n') })) },
);

describe(`fuzzing POST /api/v1/events on ${engine}`, () => {
  let app: TestApp;
  let accepted = 0;
  beforeAll(async () => {
    app = await startTestApp({ now: () => new Date('2026-11-24T10:15:00+07:00') });
  });
  afterAll(() => app.close());

  it('never answers 5xx or leaks internals, whatever the body', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const ndjson = typeof input === 'object';
        const res = await app.api('/api/v1/events', {
          method: 'POST',
          body: ndjson ? input.ndjson : input,
          headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
        });
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        expect([200, 400, 413]).toContain(res.status);
        const answer = JSON.parse(text) as { accepted?: number; rejected?: { error: string }[]; error?: { message: string } };
        if (res.status === 200) {
          accepted += answer.accepted ?? 0;
          for (const r of answer.rejected ?? []) expect(r.error).not.toMatch(INTERNAL);
        } else {
          expect(answer.error?.message).not.toMatch(INTERNAL);
        }
      }),
      { numRuns: engine === 'postgres' ? 400 : 250, seed: Number(process.env.FUZZ_SEED) || undefined },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('stored exactly the accepted events, each one whole and valid', async () => {
    const { db } = app.database;
    const stored = await db.selectFrom('events').select(['id', 'type', 'unit_code', 'payload']).execute();
    expect(stored.length).toBe(accepted);
    for (const row of stored) {
      const parsed = eventSchema.safeParse(row.payload);
      expect(parsed.success, JSON.stringify(row.payload)).toBe(true);
      expect(parsed.data?.id).toBe(row.id);
      expect(parsed.data?.type).toBe(row.type);
      expect(parsed.data?.unitCode).toBe(row.unit_code);
    }
    // The dossier state is folded after the acknowledgement: wait for it, then count it.
    await app.folder.settled();
    const counted = await sql<{ n: number }>`select count(*)::int as n from dossiers where received_at is not null`.execute(db);
    const received = stored.filter((r) => r.type === 'dossier.received').map((r) => (r.payload as { dossierId: string }).dossierId);
    expect(counted.rows[0]?.n).toBe(new Set(received).size);
  });
});
