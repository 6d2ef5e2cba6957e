/**
 * The live channel through real Socket.IO clients against the real app (PGlite, or PostgreSQL when
 * TEST_DATABASE_URL is set): subscribe, snapshot, coalesced updates with continuous seq, unit views, refusals,
 * the clock moving figures (overdue, midnight), revocation, and a client riding through a server restart.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../server/app.js';
import { issueToken } from '../server/auth/tokens.js';
import type { LiveUnitSnapshot } from '../shared/live.js';
import { createTestDatabase, engine, startTestApp, TEST_ADMIN_TOKEN, testAppOptions, testConfig, type TestApp } from './helpers/app.js';
import { continuousSince, figuresOf, LiveClient } from './live.client.js';

const clients: LiveClient[] = [];
function connect(app: { url: string }, options: ConstructorParameters<typeof LiveClient>[1] = {}): LiveClient {
  const client = new LiveClient(app.url, { token: TEST_ADMIN_TOKEN, ...options });
  clients.push(client);
  return client;
}
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

const iso = (d: Date) => d.toISOString();
let counter = 0;
function received(unitCode: string, at: Date, extra: Record<string, unknown> = {}) {
  counter += 1;
  return {
    id: `live-${counter}`, type: 'dossier.received', at: iso(at), unitCode, dossierId: `LD-${counter}`,
    procedureCode: 'TP-KS', channel: 'online', dueAt: iso(new Date(at.getTime() + 3 * 86_400_000)), ...extra,
  };
}

describe(`live channel (${engine})`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('sends a snapshot, then coalesced updates with the right figures and continuous seq', async () => {
    const client = connect(app);
    await client.until(() => client.connects > 0, 'connect');
    const ack = await client.subscribe({ view: 'city', period: 'today' });
    expect(ack).toEqual({ ok: true });
    const first = await client.until(() => client.snapshots()[0], 'snapshot');
    expect(first.view).toBe('city');
    if (first.view !== 'city') return;
    expect(first.kind).toBe('district');
    expect(first.units.every((u) => u.kind === 'district')).toBe(true);
    const before = first.total.received;

    const now = new Date();
    expect((await app.post([received('HN-HK', now), received('HN-BD', now)])).body.accepted).toBe(2);
    await client.until(() => client.city?.total.received === before + 2, 'two more received');
    expect((await app.post([received('HN-HK', now)])).body.accepted).toBe(1);
    await client.until(() => client.city?.total.received === before + 3, 'three more received');

    const updates = client.updates();
    expect(updates.length).toBeGreaterThan(0);
    expect(continuousSince(client.messages)).toBe(true);
    expect(client.gaps).toBe(0);
    // Only changed units travel: the last update is about HN-HK (and whoever's rank moved), never all 30.
    const last = updates.at(-1)!;
    expect(last.units.some((u) => u.code === 'HN-HK')).toBe(true);
    expect(last.units.length).toBeLessThan(first.units.length);
    // The merged state is what the REST API says.
    const rest = await app.get('/api/v1/snapshot?period=today');
    expect(figuresOf(client.city!)).toEqual(figuresOf(rest));
  });

  it('shares one view between sockets: a late joiner gets the room state and the next seq', async () => {
    const a = connect(app);
    await a.until(() => a.connects > 0, 'connect');
    await a.subscribe({ view: 'city', period: '7d', kind: 'department' });
    await a.until(() => a.city, 'snapshot a');
    await app.post([received('HN-STP', new Date())]);
    await a.until(() => a.updates().length > 0, 'an update on a');

    const b = connect(app);
    await b.until(() => b.connects > 0, 'connect');
    await b.subscribe({ view: 'city', period: '7d', kind: 'department' });
    const snapshotB = await b.until(() => b.snapshots()[0], 'snapshot b');
    expect(snapshotB.seq).toBe(a.seq);
    expect(app.live.stats().subscriptions['city:7d:department']).toBe(2);

    await app.post([received('HN-SXD', new Date())]);
    await b.until(() => b.updates().length > 0, 'an update on b');
    await a.until(() => a.seq === b.seq, 'a and b on the same seq');
    expect(b.updates()[0]!.seq).toBe(snapshotB.seq + 1);
    expect(figuresOf(a.city!)).toEqual(figuresOf(b.city!));
    const stats = app.live.stats();
    expect(stats.updatesSent).toBeGreaterThan(0);
    expect(stats.emitDelayMs.samples).toBeGreaterThan(0);
    expect(stats.sockets).toBeGreaterThanOrEqual(2);
  });

  it('serves a unit view: its snapshot, updates carrying the unit, resync for the details', async () => {
    const client = connect(app);
    await client.until(() => client.connects > 0, 'connect');
    expect(await client.subscribe({ view: 'unit', unitCode: 'HN-TH', period: 'today' })).toEqual({ ok: true });
    const first = (await client.until(() => client.snapshots()[0], 'unit snapshot')) as LiveUnitSnapshot;
    expect(first.view).toBe('unit');
    expect(first.unit.code).toBe('HN-TH');
    const before = first.unit.received;

    await app.post([received('HN-TH', new Date())]);
    const update = await client.until(() => client.updates().find((u) => u.units.length > 0), 'unit update');
    expect(update.units.map((u) => u.code)).toEqual(['HN-TH']);
    expect(update.units[0]!.received).toBe(before + 1);
    expect(update.seq).toBe(first.seq + 1);

    // The update does not carry procedures; a resync brings them.
    const count = client.snapshots().length;
    expect(await client.socket.emitWithAck('resync')).toEqual({ ok: true });
    const fresh = (await client.until(() => client.snapshots()[count], 'resync snapshot')) as LiveUnitSnapshot;
    expect(fresh.seq).toBe(client.seq);
    expect(fresh.unit.received).toBe(before + 1);
    expect(fresh.procedures.find((p) => p.procedureCode === 'TP-KS')?.received).toBeGreaterThanOrEqual(1);
    const rest = await app.get('/api/v1/units/HN-TH/snapshot?period=today');
    expect(fresh.unit).toEqual(rest.unit);
  });

  it('refuses unknown tokens at the handshake', async () => {
    const client = connect(app, { token: 'not-a-token' });
    const error = await client.until(() => client.connectErrors[0], 'connect_error');
    expect(error.message).toBe('unauthorized');
    expect(client.socket.connected).toBe(false);
    const none = connect(app, { token: undefined });
    expect((await none.until(() => none.connectErrors[0], 'connect_error')).message).toBe('unauthorized');
  });

  it('answers invalid, forbidden and unknown subscriptions with an error acknowledgement', async () => {
    const client = connect(app);
    await client.until(() => client.connects > 0, 'connect');
    const invalid = await client.subscribe({ view: 'city', period: 'decade' } as never);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_subscription' } });
    const noUnit = await client.subscribe({ view: 'unit', period: 'today' } as never);
    expect(noUnit).toMatchObject({ ok: false, error: { code: 'invalid_subscription' } });
    expect(await client.subscribe({ view: 'unit', unitCode: 'NO-SUCH', period: 'today' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await client.socket.emitWithAck('resync')).toMatchObject({ ok: false, error: { code: 'not_subscribed' } });

    const head = await issueToken(app.database.db, { name: 'head of Hoàn Kiếm', role: 'unit_head', units: ['HN-HK'] });
    const headClient = connect(app, { token: head.token });
    await headClient.until(() => headClient.connects > 0, 'connect');
    expect(await headClient.subscribe({ view: 'unit', unitCode: 'HN-BD', period: 'today' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await headClient.subscribe({ view: 'unit', unitCode: 'HN-HK', period: 'today' })).toEqual({ ok: true });
    expect(await headClient.subscribe({ view: 'city', period: 'month' })).toEqual({ ok: true });

    const ingest = await issueToken(app.database.db, { name: 'một cửa', role: 'ingest' });
    const ingestClient = connect(app, { token: ingest.token });
    await ingestClient.until(() => ingestClient.connects > 0, 'connect');
    expect(await ingestClient.subscribe({ view: 'city', period: 'today' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('disconnects a principal whose credentials were revoked', async () => {
    const display = await issueToken(app.database.db, { name: 'wall', role: 'display' });
    const client = connect(app, { token: display.token, subscription: { view: 'city', period: 'today' } });
    await client.until(() => client.city, 'snapshot');
    app.live.disconnectPrincipal(display.id);
    await client.until(() => client.unauthorized[0], 'unauthorized');
    await client.until(() => client.disconnects[0], 'disconnect');
    expect(client.disconnects[0]).toBe('io server disconnect');
  });
});

describe(`live channel and the clock (${engine})`, () => {
  let clock = new Date('2026-11-24T10:00:00+07:00');
  let app: TestApp;
  beforeAll(async () => {
    // A slow tick, so that the clock usually moves before the node's first look at a new view (a case that once
    // lost the transition: the due instant was looked up only from the first tick on).
    app = await startTestApp({ now: () => clock, config: { liveIntervalMs: 500 } });
  });
  afterAll(() => app.close());

  it('shows a pending dossier turning overdue when its dueAt passes, without any event', async () => {
    clock = new Date('2026-11-24T10:00:00+07:00');
    await app.post([received('HN-LB', new Date('2026-11-24T09:00:00+07:00'), { dueAt: '2026-11-24T10:00:01+07:00' })]);
    const client = connect(app, { subscription: { view: 'city', period: 'today' } });
    await client.until(() => client.city, 'snapshot');
    const unit = () => client.city!.units.find((u) => u.code === 'HN-LB')!;
    expect(unit().pending).toBe(1);
    expect(unit().overdue).toBe(0);
    const overdueBefore = client.city!.total.overdue;

    clock = new Date('2026-11-24T10:00:02+07:00');
    // No event is posted and the heartbeat is 30 s away: only the node's due-instant watch can send this. It takes
    // one tick and one recomputation (well under the 2 s promised); the wait allows for a loaded CI machine.
    await client.until(() => client.city!.total.overdue === overdueBefore + 1, 'the dossier to turn overdue', 10_000);
    expect(unit().overdue).toBe(1);
    expect(continuousSince(client.messages)).toBe(true);
  });

  it('rolls the named periods over at local midnight with a fresh snapshot', async () => {
    clock = new Date('2026-11-24T23:59:59.500+07:00');
    await app.post([received('HN-CG', new Date('2026-11-24T23:59:00+07:00'))]);
    const city = connect(app, { subscription: { view: 'city', period: 'today' } });
    const unit = connect(app, { subscription: { view: 'unit', unitCode: 'HN-CG', period: 'today' } });
    // The city view may still be the previous test's room, whose state predates the post: an update follows.
    await city.until(() => city.city?.units.find((u) => u.code === 'HN-CG')?.received === 1, 'the dossier in the city view');
    await unit.until(() => unit.unit?.unit.received === 1, 'the dossier in the unit view');
    expect(city.city!.from).toBe('2026-11-24T00:00:00+07:00');
    const citySeq = city.seq!;
    const unitSeq = unit.seq!;

    clock = new Date('2026-11-25T00:00:01+07:00');
    const next = await city.until(() => city.snapshots().find((s) => s.seq > citySeq), 'the next day\'s snapshot', 10_000);
    expect(next.seq).toBe(citySeq + 1);
    if (next.view !== 'city') throw new Error('a city snapshot was expected');
    expect(next.from).toBe('2026-11-25T00:00:00+07:00');
    expect(next.units.find((u) => u.code === 'HN-CG')!.received).toBe(0);
    const nextUnit = await unit.until(() => unit.snapshots().find((s) => s.seq > unitSeq), 'the unit\'s next day', 10_000);
    expect(nextUnit.from).toBe('2026-11-25T00:00:00+07:00');
    expect((nextUnit as LiveUnitSnapshot).unit.received).toBe(0);
  });
});

describe(`live clients across a server restart (${engine})`, () => {
  let database: { url: string; drop(): Promise<void> } | null = null;
  let running: RunningApp | null = null;

  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it('comes back on the right figures by itself', async () => {
    // PostgreSQL: the new server opens the same database. PGlite (in memory): the new one is given the same data.
    if (engine === 'postgres') database = await createTestDatabase();
    const config = (port: number) => testConfig({ port, databaseUrl: database?.url, liveIntervalMs: 50 });
    const quiet = () => undefined;
    running = await startApp({ ...(await testAppOptions()), config: config(0), log: quiet });
    const { port, url } = running;
    const history: unknown[] = [];
    const post = async (events: unknown[]) => {
      const res = await fetch(`${url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(events) });
      expect(res.status).toBe(200);
      history.push(...events);
    };
    const client = connect({ url }, { subscription: { view: 'city', period: 'today' } });
    await client.until(() => client.city, 'snapshot');
    await post([received('HN-HM', new Date())]);
    await client.until(() => client.city!.units.find((u) => u.code === 'HN-HM')!.received === 1, 'the first dossier');

    await running.stop();
    await client.until(() => client.disconnects.length > 0, 'the disconnect');
    running = await startApp({ ...(await testAppOptions()), config: config(port), log: quiet });
    if (engine === 'pglite') await post(history.splice(0));
    await post([received('HN-HM', new Date()), received('HN-HM', new Date())]);
    await client.until(() => client.connects >= 2, 'the reconnect', 10_000);
    await client.until(() => client.city!.units.find((u) => u.code === 'HN-HM')!.received === 3, 'all three dossiers');
    const rest = await (await fetch(`${url}/api/v1/snapshot?period=today`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).json();
    expect(figuresOf(client.city!)).toEqual(figuresOf(rest));
  }, 60_000);
});
