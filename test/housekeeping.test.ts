/**
 * What the database would keep for as long as the server runs is pruned: rejected events beyond the newest (a
 * source stuck sending a bad field for weeks must not fill the disk), and sessions a day after they expired.
 * Accepted events and live sessions are never touched.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS } from '../server/auth/sessions.js';
import { Housekeeping } from '../server/db/housekeeping.js';
import { startTestApp, type TestApp } from './helpers/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const DAY = 86_400_000;
const housekeeping = (options: { keepRejected?: number; now?: Date } = {}) =>
  new Housekeeping({ db: app.database.db, log: () => undefined, now: () => options.now ?? new Date(), keepRejected: options.keepRejected });

const event = (id: string, unitCode: string) => ({
  id, type: 'dossier.received', at: new Date(Date.now() - 3600_000).toISOString(), unitCode, dossierId: `D-${id}`,
  procedureCode: 'TP-KS', channel: 'online', dueAt: new Date(Date.now() + DAY).toISOString(),
});

it('keeps the newest rejected events and deletes the older ones, leaving accepted events alone', async () => {
  for (let batch = 0; batch < 3; batch += 1) {
    const events = Array.from({ length: 10 }, (_, i) => event(`bad-${batch}-${i}`, 'HN-NOWHERE'));
    const res = await app.post([...events, event(`good-${batch}`, 'HN-BD')]);
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(res.body.rejected).toHaveLength(10);
  }
  expect(await housekeeping({ keepRejected: 12 }).run()).toEqual({ rejected: 18, sessions: 0 });
  const kept = (await app.get('/api/v1/events/rejected?limit=1000')).rejected as { id: string }[];
  expect(kept.map((k) => k.id)).toEqual([
    ...Array.from({ length: 10 }, (_, i) => `bad-2-${9 - i}`),
    'bad-1-9', 'bad-1-8',
  ]);
  expect((await housekeeping({ keepRejected: 12 }).run()).rejected).toBe(0);

  // The accepted events of every batch are still counted, and each is still a duplicate when sent again.
  const again = await app.post([0, 1, 2].map((batch) => event(`good-${batch}`, 'HN-BD')));
  expect(again.body).toEqual({ accepted: 0, duplicates: 3, rejected: [] });
});

it('deletes a session a day after it expired, not before', async () => {
  const created = await app.api('/api/v1/admin/users', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'housekeeping', password: 'a long enough passphrase', role: 'leader' }),
  });
  expect(created.status).toBe(201);
  const login = await app.api('/api/v1/auth/login', {
    method: 'POST', token: null, headers: { 'content-type': 'application/json', 'x-requested-with': 'motcua' },
    body: JSON.stringify({ username: 'housekeeping', password: 'a long enough passphrase' }),
  });
  expect(login.status).toBe(200);
  const sessions = () => app.database.db.selectFrom('sessions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  expect(Number((await sessions()).n)).toBe(1);

  const expired = Date.now() + SESSION_ABSOLUTE_MS;
  expect((await housekeeping({ now: new Date(expired + DAY - 60_000) }).run()).sessions).toBe(0);
  expect((await housekeeping({ now: new Date(expired + DAY + 60_000) }).run()).sessions).toBe(1);
  expect(Number((await sessions()).n)).toBe(0);
});
