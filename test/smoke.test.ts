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

it('computes a due date in working days, skipping the holiday calendar', async () => {
  // Received Friday 2026-04-24; Monday 27/4 (Hùng Kings, observed), Thursday 30/4 and Friday 1/5 are holidays.
  // Three working days: Tue 28, Wed 29, Mon 4/5 → due 2026-05-04 17:00 +07:00.
  await app.post([
    { id: 'h1', type: 'dossier.received', at: '2026-04-24T09:00:00+07:00', unitCode: 'HN-HK', dossierId: 'H1', procedureCode: 'DN-DKDN', channel: 'counter' },
  ]);
  const holidays = await app.get('/api/v1/holidays');
  expect(holidays).toContainEqual({ date: '2026-04-27', name: expect.any(String) });
  const unit = await app.get('/api/v1/units/HN-HK/snapshot?from=2026-05-05T00:00:00%2B07:00&to=2026-05-06T00:00:00%2B07:00');
  const overdue = unit.overdueDossiers.find((d: { dossierId: string }) => d.dossierId === 'H1');
  expect(overdue.dueAt).toBe('2026-05-04T17:00:00+07:00');
});
