/**
 * POST /api/v1/events with bad input: each refusal has its status and a clear reason, a bad event never
 * costs the valid ones of its batch, and every rejected event is kept for operators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../server/auth/tokens.js';
import type { RejectedEvent } from '../shared/events.js';
import { startTestApp, type TestApp } from './helpers/app.js';

const NOW = new Date('2026-11-24T10:15:00+07:00');
// Each test uses its own day, so their figures never mix.
const dd = (day: number) => String(day).padStart(2, '0');
const period = (day: number) =>
  `from=${encodeURIComponent(`2026-11-${dd(day)}T00:00:00+07:00`)}&to=${encodeURIComponent(`2026-11-${dd(day + 1)}T00:00:00+07:00`)}`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ now: () => NOW });
});
afterAll(() => app?.close());

const receivedOn = (day: number, id: string, extra: Record<string, unknown> = {}) => ({
  id, type: 'dossier.received', at: `2026-11-${dd(day)}T09:00:00+07:00`, unitCode: 'HN-BD', dossierId: `D-${id}`,
  procedureCode: 'TP-KS', channel: 'online', dueAt: `2026-11-${dd(day)}T17:00:00+07:00`, ...extra,
});

async function postRaw(body: string, contentType = 'application/json') {
  const res = await app.api('/api/v1/events', { method: 'POST', body, headers: { 'content-type': contentType } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

async function totalOn(day: number) {
  return (await app.get(`/api/v1/snapshot?${period(day)}`)).total;
}

async function unitOn(day: number, code: string) {
  return (await app.get(`/api/v1/snapshot?${period(day)}`)).units.find((u: { code: string }) => u.code === code);
}

describe('a body that is not a batch', () => {
  it.each([
    ['not JSON', '[{"id": "x",', 400, 'invalid_json'],
    ['not an array', '{"id": "x"}', 400, 'not_an_array'],
    ['an empty array', '[]', 400, 'empty_batch'],
    ['empty', '', 400, 'empty_body'],
  ] as const)('%s', async (_name, body, status, code) => {
    const res = await postRaw(body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.length).toBeGreaterThan(10);
  });

  it('more than 5000 events → 413, nothing stored', async () => {
    const events = Array.from({ length: 5001 }, (_, i) => receivedOn(2, `big-${i}`));
    const res = await app.post(events);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_many_events');
    expect(res.body.error.message).toContain('5000');
    expect((await totalOn(2)).received).toBe(0);
  });

  it('exactly 5000 events are accepted', async () => {
    const events = Array.from({ length: 5000 }, (_, i) => receivedOn(3, `max-${i}`));
    expect(await app.post(events)).toEqual({ status: 200, body: { accepted: 5000, duplicates: 0, rejected: [] } });
    expect((await totalOn(3)).received).toBe(5000);
  });

  it('more than 5 MiB → 413, nothing stored', async () => {
    const event = receivedOn(4, 'huge', { padding: 'x'.repeat(5 * 1024 * 1024) });
    const res = await postRaw(JSON.stringify([event]));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect((await totalOn(4)).received).toBe(0);
  });

  it('more than 5000 NDJSON lines → 413', async () => {
    const lines = Array.from({ length: 5001 }, (_, i) => JSON.stringify(receivedOn(2, `nd-big-${i}`))).join('\n');
    const res = await postRaw(lines, 'application/x-ndjson');
    expect(res.status).toBe(413);
    expect((await totalOn(2)).received).toBe(0);
  });
});

describe('NDJSON', () => {
  it('stores the valid lines and rejects the bad one', async () => {
    const body = [
      JSON.stringify(receivedOn(5, 'nd-1')),
      '{"id": "nd-broken", "type": ',
      '',
      JSON.stringify(receivedOn(5, 'nd-2', { channel: 'counter' })),
    ].join('\n');
    const res = await postRaw(body + '\n', 'application/x-ndjson');
    expect(res.status).toBe(200);
    // blank lines are skipped, so the bad line is the second event
    expect(res.body).toEqual({ accepted: 2, duplicates: 0, rejected: [{ index: 1, id: null, error: expect.stringContaining('not valid JSON') }] });
    const total = await totalOn(5);
    expect(total.received).toBe(2);
    expect(total.onlineShare).toBe(0.5);
  });
});

describe('what exporters write', () => {
  it('a byte order mark before a JSON array or the first NDJSON line', async () => {
    const json = await postRaw('\ufeff' + JSON.stringify([receivedOn(10, 'bom-1')]));
    expect(json.status).toBe(200);
    expect(json.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const ndjson = await postRaw(`\ufeff${JSON.stringify(receivedOn(10, 'bom-2'))}\n${JSON.stringify(receivedOn(10, 'bom-3'))}\n`, 'application/x-ndjson');
    expect(ndjson.body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect((await totalOn(10)).received).toBe(3);
  });

  it('offsets in the basic form (+0700) and a long feedback topic', async () => {
    const res = await postRaw(JSON.stringify([
      receivedOn(11, 'basic-1', { unitCode: 'HN-CG', at: '2026-11-11T09:00:00+0700', dueAt: '2026-11-11T08:00:00-0200' }),
      { id: 'topic-1', type: 'feedback.received', at: '2026-11-11T09:30:00+07:00', unitCode: 'HN-BD', feedbackId: 'F-topic-1', channel: 'portal', topic: 'Đề nghị '.repeat(500) },
    ]));
    expect(res.body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const total = await totalOn(11);
    expect(total.received).toBe(1);
    expect(total.feedbackReceived).toBe(1);
    // 08:00 at −02:00 is 17:00 in Vietnam: the dossier is overdue by the test's clock (the 24th), due then.
    const unit = await app.get(`/api/v1/units/HN-CG/snapshot?${period(11)}`);
    const dossier = unit.overdueDossiers.find((d: { dossierId: string }) => d.dossierId === 'D-basic-1');
    expect(new Date(dossier.dueAt).toISOString()).toBe('2026-11-11T10:00:00.000Z');
  });

  it('fields the contract does not have: stored without them, and named in the answer with how many events had each', async () => {
    const events = [
      receivedOn(12, 'extra-1', { digitised: true, source: 'igate' }),
      receivedOn(12, 'extra-2', { source: 'igate' }),
      receivedOn(12, 'extra-3', { digitized: true }),
      receivedOn(12, 'extra-4', { unitCode: 'HN-NOWHERE', digitised: true }),
    ];
    // A field may have any name, `__proto__` too (JSON.stringify would not write it from an object literal).
    const res = await postRaw(JSON.stringify(events).replace('{"id":"extra-2"', '{"__proto__":1,"id":"extra-2"'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 3, duplicates: 0, rejected: [{ index: 3, id: 'extra-4' }] });
    expect(Object.entries(res.body.ignoredFields).sort()).toEqual([['__proto__', 1], ['digitised', 1], ['source', 2]]);
    // The misspelled field left its default: one dossier of three digitized.
    expect((await unitOn(12, 'HN-BD')).digitizedShare).toBeCloseTo(1 / 3);
    // A batch with none has no such key.
    expect((await postRaw(JSON.stringify([receivedOn(12, 'extra-5')]))).body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });
});

describe('invalid events in a batch with valid ones', () => {
  // at NOW + 6 min is refused, NOW + 4 min accepted (today, the 24th)
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['unknown type', { id: 'bad-type', type: 'dossier.lost', at: '2026-11-06T09:00:00+07:00', unitCode: 'HN-BD', dossierId: 'X1' }, /^type: must be one of dossier\.received, .*rating\.submitted/],
    ['missing field', { ...receivedOn(6, 'bad-missing'), dossierId: undefined }, /dossierId/],
    ['wrong type', receivedOn(6, 'bad-wrong-type', { digitized: 'yes' }), /digitized/],
    ['bad date', receivedOn(6, 'bad-date', { at: '2026-11-31T09:00:00+07:00' }), /^at: must be an ISO-8601 date-time with an offset/],
    ['not a date', receivedOn(6, 'bad-date-2', { at: 'yesterday' }), /^at: /],
    ['date without offset', receivedOn(6, 'bad-no-offset', { at: '2026-11-06T09:00:00' }), /^at: must be an ISO-8601 date-time with an offset/],
    ['dueAt without offset', receivedOn(6, 'bad-due-no-offset', { dueAt: '2026-11-06T17:00:00' }), /^dueAt: /],
    ['at more than 5 minutes ahead', receivedOn(24, 'bad-future', { at: '2026-11-24T10:21:00+07:00' }), /^at: .* more than 5 minutes in the future/],
    ['unknown unit', receivedOn(6, 'bad-unit', { unitCode: 'HN-NOWHERE' }), /^unitCode: 'HN-NOWHERE' is not in the unit catalog/],
    ['malformed unit code', receivedOn(6, 'bad-unit-2', { unitCode: 'HN HK' }), /^unitCode: /],
    ['unknown procedure without dueAt', receivedOn(6, 'bad-procedure', { procedureCode: 'NO-SUCH', dueAt: undefined }), /^dueAt: missing, and procedure 'NO-SUCH' is not in the catalog/],
    ['score above 5', { id: 'bad-score-6', type: 'rating.submitted', at: '2026-11-06T09:00:00+07:00', unitCode: 'HN-BD', score: 6 }, /^score: /],
    ['score below 1', { id: 'bad-score-0', type: 'rating.submitted', at: '2026-11-06T09:00:00+07:00', unitCode: 'HN-BD', score: 0 }, /^score: /],
    ['score not an integer', { id: 'bad-score-frac', type: 'rating.submitted', at: '2026-11-06T09:00:00+07:00', unitCode: 'HN-BD', score: 4.5 }, /^score: /],
    ['NUL in a string', receivedOn(6, 'bad-nul', { dossierId: 'D-\u0000-nul' }), /NUL/],
    ['not an object', 42 as unknown as Record<string, unknown>, /event/],
    ['id too long', receivedOn(6, 'x'.repeat(129)), /^id: /],
  ];
  const valid = [
    receivedOn(6, 'ok-1'),
    receivedOn(6, 'ok-2', { procedureCode: 'NO-SUCH' }), // an unknown procedure is fine with a dueAt
    receivedOn(24, 'ok-future', { at: '2026-11-24T10:19:00+07:00', dueAt: '2026-11-24T17:00:00+07:00' }),
    { id: 'ok-rating', type: 'rating.submitted', at: '2026-11-06T09:00:00+07:00', unitCode: 'HN-BD', score: 5 },
    // a backslash followed by the text u0000 is not a NUL character
    { id: 'ok-backslash', type: 'feedback.received', at: '2026-11-06T09:00:00+07:00', unitCode: 'HN-BD', feedbackId: 'F-bs', channel: 'app', topic: 'C:\\u0000\\tệp' },
  ];
  let response: { status: number; body: any };
  beforeAll(async () => {
    response = await app.post([valid[0], ...cases.map(([, event]) => event), ...valid.slice(1)]);
  });

  it('answers 200 with the valid events accepted', () => {
    expect(response.status).toBe(200);
    expect(response.body.accepted).toBe(valid.length);
    expect(response.body.duplicates).toBe(0);
    expect(response.body.rejected).toHaveLength(cases.length);
  });

  it.each(cases.map(([name, event, reason], i) => [name, i + 1, event, reason] as const))('rejects %s with its reason', (_name, index, event, reason) => {
    const rejection = response.body.rejected.find((r: { index: number }) => r.index === index);
    expect(rejection, `index ${index}`).toBeDefined();
    expect(rejection.error).toMatch(reason);
    const id = typeof event === 'object' && event !== null && typeof event.id === 'string' && !event.id.includes('\u0000') ? event.id : null;
    if (id !== null && !/NUL/.test(String(reason))) expect(rejection.id).toBe(id.slice(0, 128));
  });

  it('stores the valid events', async () => {
    const total = await totalOn(6);
    expect(total.received).toBe(2);
    expect(total.ratings).toBe(1);
    expect(total.feedbackReceived).toBe(1);
    expect((await totalOn(24)).received).toBe(1);
  });

  it('keeps every rejected event for operators', async () => {
    const res = await app.get('/api/v1/events/rejected?limit=1000');
    const kept = res.rejected as { id: string | null; error: string; index: number; event: unknown; receivedAt: string }[];
    for (const rejection of response.body.rejected as { index: number; id: string | null; error: string }[]) {
      const found = kept.find((k) => k.index === rejection.index && k.error === rejection.error);
      expect(found, rejection.error).toBeDefined();
      expect(Number.isNaN(Date.parse(found!.receivedAt))).toBe(false);
    }
    const unknownUnit = kept.find((k) => k.id === 'bad-unit');
    expect(unknownUnit?.event).toMatchObject({ unitCode: 'HN-NOWHERE', dossierId: 'D-bad-unit' });
    expect((unknownUnit as RejectedEvent | undefined)?.source).toBe('ADMIN_TOKEN');
  });

  it('names the source that sent each rejected event, and pages back through them, newest first', async () => {
    const { token } = await issueToken(app.database.db, { name: 'Một cửa quận Tây Hồ', role: 'ingest' });
    const nowhere = (n: number) => receivedOn(12, `source-bad-${n}`, { unitCode: 'HN-NOWHERE' });
    expect((await app.post([nowhere(1), nowhere(2), nowhere(3)], token)).body).toMatchObject({ accepted: 0, rejected: [{ index: 0 }, { index: 1 }, { index: 2 }] });
    const newest = (await app.get('/api/v1/events/rejected?limit=2')).rejected as RejectedEvent[];
    expect(newest.map((r) => [r.id, r.source, r.index])).toEqual([['source-bad-3', 'Một cửa quận Tây Hồ', 2], ['source-bad-2', 'Một cửa quận Tây Hồ', 1]]);
    const older = (await app.get(`/api/v1/events/rejected?limit=2&before=${newest[1]!.seq}`)).rejected as RejectedEvent[];
    expect(older[0]).toMatchObject({ id: 'source-bad-1', source: 'Một cửa quận Tây Hồ', error: expect.stringContaining('HN-NOWHERE') });
    expect(older[1]!.seq).toBeLessThan(older[0]!.seq);
    for (const query of ['limit=0', 'limit=1001', 'limit=many', 'before=0', 'before=last']) {
      const res = await app.api(`/api/v1/events/rejected?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_query');
    }
  });

  it('re-posting a rejected event with the same id is rejected again, not a duplicate', async () => {
    const res = await app.post([cases[8]![1]]);
    expect(res.body).toMatchObject({ accepted: 0, duplicates: 0, rejected: [{ index: 0, id: 'bad-unit' }] });
  });
});

describe('out-of-order dossiers', () => {
  it('counts a dossier only once its received event has arrived', async () => {
    const resolvedFirst = { id: 'ooo-res', type: 'dossier.resolved', at: '2026-11-07T11:00:00+07:00', unitCode: 'HN-TX', dossierId: 'OOO', outcome: 'approved' };
    const apology = { id: 'ooo-apo', type: 'dossier.apology_sent', at: '2026-11-07T10:00:00+07:00', unitCode: 'HN-TX', dossierId: 'OOO' };
    expect((await app.post([resolvedFirst, apology])).body.accepted).toBe(2);
    // HN-TX has no other dossier in this file
    let unit = await unitOn(7, 'HN-TX');
    expect({ received: unit.received, resolved: unit.resolved, pending: unit.pending, apologies: unit.apologies }).toEqual({ received: 0, resolved: 0, pending: 0, apologies: 0 });

    // the receipt arrives later, dated after the resolution; due at 10:30 → resolved at 11:00 is late
    const receivedLate = { id: 'ooo-rcv', type: 'dossier.received', at: '2026-11-07T11:30:00+07:00', unitCode: 'HN-TX', dossierId: 'OOO', procedureCode: 'TP-KS', channel: 'counter', dueAt: '2026-11-07T10:30:00+07:00' };
    expect((await app.post([receivedLate])).body.accepted).toBe(1);
    unit = await unitOn(7, 'HN-TX');
    expect({ received: unit.received, resolved: unit.resolved, resolvedLate: unit.resolvedLate, pending: unit.pending, apologies: unit.apologies })
      .toEqual({ received: 1, resolved: 1, resolvedLate: 1, pending: 0, apologies: 1 });
  });

  it('counts feedback only once its received event has arrived', async () => {
    const resolvedFirst = { id: 'fb-ooo-res', type: 'feedback.resolved', at: '2026-11-08T11:00:00+07:00', unitCode: 'HN-TX', feedbackId: 'FOOO' };
    await app.post([resolvedFirst]);
    expect((await totalOn(8)).feedbackReceived).toBe(0);
    await app.post([{ id: 'fb-ooo-rcv', type: 'feedback.received', at: '2026-11-08T09:00:00+07:00', unitCode: 'HN-TX', feedbackId: 'FOOO', channel: 'zalo' }]);
    const total = await totalOn(8);
    expect({ feedbackReceived: total.feedbackReceived, feedbackResolved: total.feedbackResolved }).toEqual({ feedbackReceived: 1, feedbackResolved: 1 });
  });
});

describe('duplicates', () => {
  it('counts repeats inside one batch and across batches, leaving the figures unchanged', async () => {
    const event = receivedOn(9, 'dup-1');
    expect((await app.post([event, event, receivedOn(9, 'dup-2')])).body).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    const before = await totalOn(9);
    // the same id with different content is still a duplicate: the first one stored wins
    expect((await app.post([{ ...event, channel: 'counter' }, receivedOn(9, 'dup-2')])).body).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    expect(await totalOn(9)).toEqual(before);
    expect(before.received).toBe(2);
    expect(before.onlineShare).toBe(1);
    // a resent event beside a new one: only the new one is stored and counted
    expect((await app.post([event, receivedOn(9, 'dup-3')])).body).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
    expect((await totalOn(9)).received).toBe(3);
    // the same beside a rejected event: the batch is stored in a transaction, the resent chunk under a savepoint
    const resent = await app.post([event, receivedOn(9, 'dup-4'), { id: 'dup-bad', type: 'nope' }]);
    expect({ accepted: resent.body.accepted, duplicates: resent.body.duplicates, rejected: resent.body.rejected.length }).toEqual({ accepted: 1, duplicates: 1, rejected: 1 });
    expect((await totalOn(9)).received).toBe(4);
  });
});
