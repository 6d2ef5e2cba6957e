import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

it('ingests a dossier and counts it', async () => {
  const posted = await app.post([
    { id: 's1', type: 'dossier.received', at: '2026-11-20T09:00:00+07:00', unitCode: 'HN-HK', dossierId: 'D1', procedureCode: 'TP-KS', channel: 'counter', dueAt: '2026-11-21T17:00:00+07:00' },
  ]);
  expect(posted).toEqual({ status: 200, body: { accepted: 1, duplicates: 0, rejected: [] } });
  const snapshot = await app.get('/api/v1/snapshot?from=2026-11-20T00:00:00%2B07:00&to=2026-11-21T00:00:00%2B07:00');
  expect(snapshot.total.received).toBe(1);
  expect(snapshot.units.find((u: { code: string }) => u.code === 'HN-HK').received).toBe(1);
});
