/**
 * The simulator against the real app, through the public API only: a few days of backfill must look
 * like a city, re-running it must change nothing, and live mode must only send what already happened.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Health, SimulatorBackfill } from '../shared/api.js';
import type { IngestResult } from '../shared/events.js';
import type { Snapshot } from '../shared/snapshot.js';
import { holidayCalendarSchema, procedureCatalogSchema, unitCatalogSchema } from '../shared/catalog.js';
import { BUNDLED_HOLIDAYS, BUNDLED_PROCEDURES, BUNDLED_UNIT_CATALOG, readCatalogFile } from '../server/catalog/catalog.service.js';
import { dueDateFromWorkingDays } from '../server/catalog/working-days.js';
import { addDays, Calendar, weekday } from '../server/catalog/calendar.js';
import { buildCity } from '../server/simulator/city.js';
import { DayGenerator } from '../server/simulator/day.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../server/simulator/simulator.js';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from './helpers/app.js';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const SEED = 7;
const RATE = 0.5;
const HOUR = 3_600_000;

/**
 * The simulated "now": the latest Wednesday, Thursday or Friday at 16:00 at least two hours ago, so the
 * three backfilled days are working days whatever day the test runs on, and live mode can move an hour on.
 */
function anchor(): Date {
  const cal = new Calendar(TIME_ZONE, new Set());
  for (let back = 0; ; back++) {
    const day = cal.dayOf(Date.now() - back * 24 * HOUR);
    const at = cal.at(day, 16 * 60);
    if ([3, 4, 5].includes(weekday(day)) && at + 2 * HOUR <= Date.now()) return new Date(at);
  }
}

let app: TestApp;
const simulatedNow = anchor();

async function backfill(overrides: Partial<SimulatorOptions> = {}): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  const simulator = startSimulator({
    url: app.url,
    token: TEST_ADMIN_TOKEN,
    rate: RATE,
    backfillDays: 3,
    seed: SEED,
    now: () => simulatedNow,
    log: () => undefined,
    progress: false,
    live: false,
    onBatch: (result) => results.push(result),
    ...overrides,
  });
  await simulator.done;
  await simulator.stop();
  return results;
}

const sum = (results: IngestResult[], key: 'accepted' | 'duplicates') => results.reduce((total, r) => total + r[key], 0);
const rejections = (results: IngestResult[]) => results.flatMap((r) => r.rejected);
const between = (from: number, to: number) =>
  `from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(to).toISOString())}`;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('simulator', () => {
  let first: IngestResult[] = [];

  it('backfills days that look like a city', async () => {
    first = await backfill();
    expect(rejections(first)).toEqual([]);
    expect(sum(first, 'accepted')).toBeGreaterThan(5000);
    expect((await app.get('/api/v1/events/rejected')).rejected).toEqual([]);

    const snapshot: Snapshot = await app.get('/api/v1/snapshot?period=7d&kind=district');
    const { total } = snapshot;
    expect(total.received).toBeGreaterThan(1000);
    expect(total.onTimeRate).toBeGreaterThan(0.9);
    expect(total.onlineShare).toBeGreaterThan(0.25);
    expect(total.onlineShare).toBeLessThan(0.65);
    expect(total.satisfaction).toBeGreaterThan(0.75);
    expect(total.satisfaction).toBeLessThan(0.97);
    expect(total.pending).toBeGreaterThan(0);
    expect(total.onlinePaymentShare).toBeGreaterThan(0.1);
    expect(total.digitizedShare).toBeGreaterThan(0.3);

    const scores = snapshot.units.map((u) => u.score).filter((s): s is number => s !== null);
    expect(scores.length).toBe(30);
    expect(new Set(scores.map((s) => s.toFixed(1))).size).toBeGreaterThan(20);
    expect(Math.max(...scores) - Math.min(...scores)).toBeGreaterThan(5);
    // Urban and rural districts differ in size.
    const received = snapshot.units.map((u) => u.received);
    expect(Math.max(...received)).toBeGreaterThan(1.5 * Math.min(...received));

    // Departments and communes get their own levels' procedures, so they have figures too.
    for (const kind of ['department', 'commune'] as const) {
      const figures: Snapshot = await app.get(`/api/v1/snapshot?period=7d&kind=${kind}`);
      expect(figures.units.filter((u) => u.received > 0).length).toBe(figures.units.length);
    }
    // Nothing after the simulated now was sent.
    const after: Snapshot = await app.get(`/api/v1/snapshot?${between(simulatedNow.getTime() + 1000, simulatedNow.getTime() + 2 * HOUR)}`);
    expect(after.total.received + after.total.resolved + after.total.ratings).toBe(0);
  });

  it('re-running the same backfill yields only duplicates', async () => {
    const before: Snapshot = await app.get('/api/v1/snapshot?period=7d');
    const again = await backfill();
    expect(sum(again, 'accepted')).toBe(0);
    expect(sum(again, 'duplicates')).toBe(sum(first, 'accepted'));
    expect(rejections(again)).toEqual([]);
    const after: Snapshot = await app.get('/api/v1/snapshot?period=7d');
    // pending and overdue move with the real clock between the two snapshots; what was received does not.
    const settled = ({ received, resolved, resolvedOnTime, apologies, ratings, satisfaction, feedbackReceived }: Snapshot['total']) =>
      ({ received, resolved, resolvedOnTime, apologies, ratings, satisfaction, feedbackReceived });
    expect(settled(after.total)).toEqual(settled(before.total));
  });

  it('tells /api/v1/health how far its back-fill is, and whether it still adds history the database lacked', async () => {
    let simulator: Simulator | null = null;
    const reporting = await startTestApp({ simulatorBackfill: () => simulator?.backfill() ?? null });
    try {
      const start = (seen: (SimulatorBackfill | null)[]) =>
        startSimulator({
          url: reporting.url, token: TEST_ADMIN_TOKEN, rate: RATE, backfillDays: 3, seed: SEED, now: () => simulatedNow,
          log: () => undefined, progress: false, onBatch: () => seen.push(simulator?.backfill() ?? null),
        });
      const health = async () => ((await reporting.get('/api/v1/health')) as Health).simulator?.backfill;
      const fresh: (SimulatorBackfill | null)[] = [];
      simulator = start(fresh);
      await simulator.done;
      // Going live now: the back-fill is done, and says when.
      expect(await health()).toEqual({ days: 3, daysDone: 3, addingHistory: true, doneAt: expect.any(String) });
      expect(new Set(fresh.map((b) => b?.daysDone))).toEqual(new Set([0, 1, 2]));
      expect(fresh.every((b) => b?.doneAt === null && b.addingHistory)).toBe(true);
      await simulator.stop();
      expect(await health()).toBeUndefined();

      // Restarted over the same database: after its first day, it says it only re-sends what is stored.
      const replay: (SimulatorBackfill | null)[] = [];
      simulator = start(replay);
      await simulator.done;
      await simulator.stop();
      const afterFirstDay = replay.filter((b) => b !== null && b.daysDone >= 1);
      expect(afterFirstDay.length).toBeGreaterThan(0);
      expect(afterFirstDay.every((b) => b?.addingHistory === false)).toBe(true);
    } finally {
      await simulator?.stop();
      await reporting.close();
    }
  });

  it('sends each backfilled day before it plans the one before (the backfill is never held in memory whole)', async () => {
    const planned: string[] = [];
    const plannedAtBatch: number[] = [];
    const generate = DayGenerator.prototype.generate;
    const spy = vi.spyOn(DayGenerator.prototype, 'generate').mockImplementation(function (this: DayGenerator, day: string) {
      planned.push(day);
      return generate.call(this, day);
    });
    try {
      await backfill({ onBatch: () => plannedAtBatch.push(planned.length) });
    } finally {
      spy.mockRestore();
    }
    expect(planned).toHaveLength(3);
    expect(planned).toEqual([...planned].sort().reverse());
    // Today's events went out while only today was planned, and every day's before the next was planned.
    expect(plannedAtBatch[0]).toBe(1);
    expect(new Set(plannedAtBatch)).toEqual(new Set([1, 2, 3]));
  });

  it('goes live: sends events as the clock moves, never ahead of it', async () => {
    let clock = simulatedNow.getTime();
    const results: IngestResult[] = [];
    const simulator = startSimulator({
      url: app.url, token: TEST_ADMIN_TOKEN, rate: RATE, backfillDays: 0, seed: SEED,
      now: () => new Date(clock), log: () => undefined, progress: false, onBatch: (r) => results.push(r),
    });
    await simulator.done;
    clock += HOUR;
    const deadline = Date.now() + 8000;
    while (sum(results, 'accepted') === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await simulator.stop();
    expect(sum(results, 'accepted')).toBeGreaterThan(0);
    expect(rejections(results)).toEqual([]);
    const ahead: Snapshot = await app.get(`/api/v1/snapshot?${between(clock + 1000, clock + 2 * HOUR)}`);
    expect(ahead.total.received + ahead.total.resolved + ahead.total.ratings).toBe(0);
  });

  it('computes due dates exactly as the server does', () => {
    const holidays = new Set(['2026-09-02', '2026-09-03', '2027-01-01', '2027-02-05', '2027-02-08']);
    const cal = new Calendar(TIME_ZONE, holidays);
    const start = Date.parse('2026-08-28T06:00:00+07:00');
    for (let i = 0; i < 150; i++) {
      const received = start + i * 37 * 3_600_000 + (i % 7) * 600_000;
      const days = i % 31;
      expect(cal.dueAt(received, days)).toBe(dueDateFromWorkingDays(new Date(received), days, holidays, TIME_ZONE).getTime());
    }
  });
});

describe('the day generator', () => {
  async function generate(seed: number, days: string[]) {
    const [units, procedures, holidays] = await Promise.all([
      readCatalogFile(BUNDLED_UNIT_CATALOG, unitCatalogSchema),
      readCatalogFile(BUNDLED_PROCEDURES, procedureCatalogSchema),
      readCatalogFile(BUNDLED_HOLIDAYS, holidayCalendarSchema),
    ]);
    const cal = new Calendar(TIME_ZONE, new Set(holidays.map((h) => h.date)));
    const generator = new DayGenerator(buildCity(units, procedures, seed), cal, seed, 0.3);
    return { cal, events: days.flatMap((day) => generator.generate(day).flatMap((item) => item.events)) };
  }
  // A week with a holiday (2 September) and a weekend.
  const week = Array.from({ length: 7 }, (_, i) => addDays('2026-08-31', i));

  it('is reproducible, and every event id is unique', async () => {
    const a = await generate(3, week);
    const b = await generate(3, week);
    expect(b.events).toEqual(a.events);
    expect(new Set(a.events.map((e) => e.event.id)).size).toBe(a.events.length);
    const other = await generate(4, week);
    expect(other.events.map((e) => e.event.id)).not.toContain(a.events[0]?.event.id);
  });

  it('keeps counters to office hours and dossiers to a sensible order', async () => {
    const { cal, events } = await generate(3, week);
    const receivedAt = new Map<string, number>();
    for (const { atMs, event } of events) {
      expect(event.at).toBe(cal.iso(atMs));
      if (event.type === 'dossier.received') receivedAt.set(event.dossierId, atMs);
    }
    for (const { atMs, event } of events) {
      const day = cal.dayOf(atMs);
      const minutes = cal.minutesOf(atMs);
      if (event.type === 'dossier.received' && event.channel === 'counter') {
        expect(cal.isWorkingDay(day) || weekday(day) === 6).toBe(true);
        expect(minutes >= 8 * 60 && minutes <= 17 * 60 && (minutes <= 11.5 * 60 || minutes >= 13.5 * 60)).toBe(true);
      }
      if (event.type === 'dossier.resolved' || event.type === 'dossier.due_changed' || event.type === 'dossier.apology_sent') {
        expect(atMs).toBeGreaterThanOrEqual(receivedAt.get(event.dossierId) ?? Infinity);
      }
      if (event.type === 'dossier.resolved' && minutes <= 17 * 60) expect(cal.isWorkingDay(day)).toBe(true);
    }
    expect(events.some((e) => e.event.type === 'dossier.received' && e.event.channel === 'online' && cal.dayOf(e.atMs) === '2026-09-06')).toBe(true);
    expect(events.some((e) => e.event.type === 'dossier.received' && e.event.channel === 'counter' && cal.dayOf(e.atMs) === '2026-09-02')).toBe(false);
  });
});
