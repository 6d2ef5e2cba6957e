/**
 * Rejected events are kept for operators, the newest first, but not without bound: a source stuck sending a bad
 * field for weeks must not fill the disk. Pruning keeps the newest and never touches accepted events.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RejectedRetention } from '../server/ingest/rejected-retention.js';
import { startTestApp, type TestApp } from './helpers/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const event = (id: string, unitCode: string) => ({
  id, type: 'dossier.received', at: new Date(Date.now() - 3600_000).toISOString(), unitCode, dossierId: `D-${id}`,
  procedureCode: 'TP-KS', channel: 'online', dueAt: new Date(Date.now() + 86_400_000).toISOString(),
});

it('keeps the newest rejected events and deletes the older ones, leaving accepted events alone', async () => {
  for (let batch = 0; batch < 3; batch += 1) {
    const events = Array.from({ length: 10 }, (_, i) => event(`bad-${batch}-${i}`, 'HN-NOWHERE'));
    const res = await app.post([...events, event(`good-${batch}`, 'HN-BD')]);
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(res.body.rejected).toHaveLength(10);
  }
  const retention = new RejectedRetention({ db: app.database.db, log: () => undefined, keep: 12 });
  expect(await retention.run()).toBe(18);
  const kept = (await app.get('/api/v1/events/rejected?limit=1000')).rejected as { id: string }[];
  expect(kept.map((k) => k.id)).toEqual([
    ...Array.from({ length: 10 }, (_, i) => `bad-2-${9 - i}`),
    'bad-1-9', 'bad-1-8',
  ]);
  expect(await retention.run()).toBe(0);

  // The accepted events of every batch are still counted, and each is still a duplicate when sent again.
  const again = await app.post([0, 1, 2].map((batch) => event(`good-${batch}`, 'HN-BD')));
  expect(again.body).toEqual({ accepted: 0, duplicates: 3, rejected: [] });
});
