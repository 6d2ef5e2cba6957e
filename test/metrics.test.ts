/** Operations: /metrics (Prometheus), request ids, readiness and graceful shutdown, through the real app. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, startTestApp, TEST_ADMIN_TOKEN, type TestApp } from './helpers/app.js';

const received = (id: string, unitCode = 'HN-HK') => ({
  id, type: 'dossier.received', at: '2026-11-20T09:00:00+07:00', unitCode, dossierId: `D-${id}`,
  procedureCode: 'TP-KS', channel: 'online', dueAt: '2026-11-27T17:00:00+07:00',
});

/** The value of one sample line of a Prometheus text body, e.g. `name{label="x"}`. */
function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe(`operations on ${engine}`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('counts ingested events by outcome and rejections by reason', async () => {
    const posted = await app.post([
      received('m1'), received('m2'), received('m1'),
      received('m3', 'NOWHERE'),
      { ...received('m4'), at: '2999-01-01T00:00:00Z' },
      { id: 'm5', type: 'dossier.received' },
      { ...received('m6'), digitised: true },
    ]);
    expect(posted.status).toBe(200);
    expect(posted.body.accepted).toBe(3);
    await app.folder.settled();
    const res = await fetch(`${app.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const body = await res.text();
    expect(sample(body, 'motcua_ingest_events_total{outcome="accepted"}')).toBe(3);
    expect(sample(body, 'motcua_ingest_events_with_ignored_fields_total')).toBe(1);
    expect(sample(body, 'motcua_ingest_events_total{outcome="duplicate"}')).toBe(1);
    expect(sample(body, 'motcua_ingest_events_total{outcome="rejected"}')).toBe(3);
    expect(sample(body, 'motcua_ingest_rejected_events_total{reason="unknown_unit"}')).toBe(1);
    expect(sample(body, 'motcua_ingest_rejected_events_total{reason="future"}')).toBe(1);
    expect(sample(body, 'motcua_ingest_rejected_events_total{reason="schema"}')).toBe(1);
    expect(sample(body, 'motcua_ingest_batch_duration_seconds_count{outcome="committed"}')).toBe(1);
    // folded into the figures after the acknowledgement, and nothing left behind
    expect(sample(body, 'motcua_fold_events_total')).toBe(3);
    expect(sample(body, 'motcua_fold_pass_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'motcua_fold_backlog_events')).toBe(0);
    expect(body).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(body).toMatch(/^process_resident_memory_bytes /m);
    if (engine === 'postgres') expect(sample(body, 'motcua_db_pool_connections')).toBeGreaterThan(0);
  });

  it('serves /metrics to a forwarded request only with the admin token', async () => {
    const forwarded = { 'x-forwarded-for': '203.0.113.9' };
    expect((await fetch(`${app.url}/metrics`, { headers: forwarded })).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { ...forwarded, authorization: 'Bearer wrong-token-000000000' } })).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { ...forwarded, authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).status).toBe(200);
  });

  it('echoes a caller request id and makes one otherwise', async () => {
    const given = await app.api('/api/v1/health', { headers: { 'x-request-id': 'lb-1234.abc' } });
    expect(given.headers.get('x-request-id')).toBe('lb-1234.abc');
    const made = await app.api('/api/v1/health', { headers: { 'x-request-id': 'not an id\u00e9' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is ready while the database answers, without a token', async () => {
    const res = await app.api('/api/v1/ready', { token: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', database: engine });
  });
});

describe(`graceful shutdown on ${engine}`, () => {
  it('finishes a batch in flight, answers it, and refuses new requests', async () => {
    const app = await startTestApp();
    try {
      const batch = Array.from({ length: 2000 }, (_, i) => received(`g${i}`));
      const inFlight = app.post(batch);
      // Wait until the server holds the request, then stop it.
      for (;;) {
        const text = await app.metrics.registry.getSingleMetricAsString('motcua_http_requests_in_flight');
        if (/ [1-9]\d*$/m.test(text)) break;
        await new Promise((r) => setTimeout(r, 1));
      }
      const stopping = app.stop();
      const answered = await inFlight;
      expect(answered.status).toBe(200);
      expect(answered.body.accepted).toBe(2000);
      await stopping;
      await expect(fetch(`${app.url}/api/v1/health`)).rejects.toThrow();
    } finally {
      await app.close();
    }
  });
});
