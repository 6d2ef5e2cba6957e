/**
 * The live event simulator (DOMAIN.md, "What the simulator should look like"): a client of the public
 * API that reads the catalogs, backfills the last days so the first screen is full, then keeps emitting
 * events as their time comes. Every dossier's life is planned when it is received; the plan's events
 * wait in a queue and go out once they are in the past, so nothing is ever dated in the future.
 */
import { z } from 'zod';
import { holidaySchema, procedureSchema, unitSchema } from '../../shared/catalog.js';
import type { SimulatorBackfill } from '../../shared/api.js';
import type { IngestResult } from '../../shared/events.js';
import { MAX_EVENTS_PER_BATCH } from '../../shared/limits.js';
import { addDays, Calendar } from '../catalog/calendar.js';
import { buildCity } from './city.js';
import { DayGenerator, type GeneratedItem } from './day.js';
import type { TimedEvent } from './lifecycle.js';
import { progressReporter } from './progress.js';
import { ApiClient, nextBatch, pause, SimulatorError, Stopped } from './sender.js';

export interface SimulatorOptions {
  /** Base URL of the server, e.g. http://localhost:3000. */
  url: string;
  /** A bearer token that may read the catalogs and post events (an admin token). */
  token: string;
  /** City-wide volume relative to a real city (1 ≈ 3000 dossiers a working day). */
  rate: number;
  /** Days to backfill, today included; 0 starts live right away. */
  backfillDays: number;
  /** The same seed yields the same events with the same ids (default 1, so a restart only adds duplicates). */
  seed?: number;
  now?: () => Date;
  log?: (message: string) => void;
  /** Show a progress bar (default: when stderr is a terminal); otherwise plain log lines. */
  progress?: boolean;
  /** Keep emitting events after the backfill (default true). */
  live?: boolean;
  /** Told the server's answer to every batch. */
  onBatch?: (result: IngestResult) => void;
}

export interface Simulator {
  /** Resolves when the backfill has been sent (or the simulator was stopped first); rejects when it cannot go on. */
  done: Promise<void>;
  /** How far the back-fill is (days planned and sent, newest first); null once the simulator has stopped or failed. */
  backfill(): SimulatorBackfill | null;
  stop(): Promise<void>;
}

export const DEFAULT_SEED = 1;
/** The live loop sleeps until the next planned event, but wakes at least this often to notice a new day. */
const MAX_TICK_MS = 1000;
const MIN_TICK_MS = 200;
const LIVE_SUMMARY_MS = 60_000;
/**
 * Batches are sized so the server answers each in about this time: an embedded database runs on the
 * server's own thread, and a huge batch would hold up every dashboard request behind it.
 */
const TARGET_BATCH_MS = 400;
const MIN_BATCH = 100;
/** Rejections logged one by one before they are only counted. */
const REJECTIONS_LOGGED = 5;

const optionsSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'url must be an http(s) URL' }),
  token: z.string().min(1, 'a token is required'),
  rate: z.number().positive().max(1000),
  backfillDays: z.int().min(0).max(400),
  seed: z.int().min(0).optional(),
});

const configSchema = z.object({ timeZone: z.string() });

/** Events in time order; each local day's plans are added when the day begins. */
class EventQueue {
  private events: TimedEvent[] = [];
  private head = 0;

  add(events: readonly TimedEvent[]): void {
    this.events = this.events.slice(this.head).concat(events).sort((a, b) => a.atMs - b.atMs);
    this.head = 0;
  }
  takeUntil(ms: number): TimedEvent[] {
    const start = this.head;
    while (this.head < this.events.length && (this.events[this.head]?.atMs ?? Infinity) <= ms) this.head += 1;
    return this.events.slice(start, this.head);
  }
  nextAt(): number | null {
    return this.events[this.head]?.atMs ?? null;
  }
  get size(): number {
    return this.events.length - this.head;
  }
}

const tally = () => ({ accepted: 0, duplicates: 0, rejected: 0 });
const yieldToServer = () => new Promise<void>((resolve) => setImmediate(resolve));

export function startSimulator(options: SimulatorOptions): Simulator {
  const checked = optionsSchema.safeParse(options);
  if (!checked.success) throw new SimulatorError(`invalid simulator options: ${z.prettifyError(checked.error)}`);
  const { rate, backfillDays } = checked.data;
  const seed = checked.data.seed ?? DEFAULT_SEED;
  const log = options.log ?? ((message: string) => process.stdout.write(`[simulator] ${message}\n`));
  const clock = options.now ?? (() => new Date());
  const now = () => clock().getTime();
  const controller = new AbortController();
  const { signal } = controller;
  const client = new ApiClient({ url: options.url, token: options.token, signal, log });
  let rejectionsLogged = 0;

  let batchSize = 1000;
  const backfill: SimulatorBackfill = { days: backfillDays, daysDone: 0, addingHistory: true, doneAt: null };

  async function send(events: readonly TimedEvent[], counts: ReturnType<typeof tally>) {
    const bodies = events.map((e) => e.event);
    for (let sent = 0; sent < bodies.length; ) {
      const { body, count } = nextBatch(bodies, sent, batchSize);
      const began = Date.now();
      const result = await client.postBatch(body, count);
      const took = Date.now() - began;
      if (took > 2 * TARGET_BATCH_MS) batchSize = Math.max(MIN_BATCH, Math.floor(batchSize / 2));
      else if (took < TARGET_BATCH_MS / 2 && count === batchSize) batchSize = Math.min(MAX_EVENTS_PER_BATCH, batchSize * 2);
      if (result) {
        counts.accepted += result.accepted;
        counts.duplicates += result.duplicates;
        counts.rejected += result.rejected.length;
        for (const r of result.rejected) {
          if (rejectionsLogged++ < REJECTIONS_LOGGED) log(`event ${r.id ?? `#${r.index}`} was rejected: ${r.error}`);
        }
        options.onBatch?.(result);
      }
      sent += count;
    }
  }

  async function run(backfillSent: () => void): Promise<void> {
    // One request first: while the server is unreachable, one line per retry is enough.
    const config = await client.get('/config', configSchema);
    const [units, procedures, holidays] = await Promise.all([
      client.get('/units', z.array(unitSchema)),
      client.get('/procedures', z.array(procedureSchema)),
      client.get('/holidays', z.array(z.unknown())),
    ]);
    const dates = holidays.flatMap((h) => {
      const parsed = holidaySchema.safeParse(h);
      return parsed.success ? [parsed.data.date] : [];
    });
    // Unreadable entries are skipped rather than fatal: a wrong holiday only shifts a few due dates.
    if (dates.length < holidays.length) log(`${holidays.length - dates.length} of ${holidays.length} holidays have no yyyy-MM-dd date and were ignored`);
    const cal = new Calendar(config.timeZone, new Set(dates));
    const city = buildCity(units, procedures, seed);
    if (city.units.length === 0) throw new SimulatorError('no unit of the catalog handles any procedure: nothing to simulate');
    const generator = new DayGenerator(city, cal, seed, rate);

    // Each day of the window is planned in turn, newest first so that today's and this week's figures fill in
    // first: what already happened is sent before the next day is planned (a day at a time, so a large rate or a
    // long window never holds the whole backfill in memory), the rest waits in the queue.
    const startMs = now();
    const today = cal.dayOf(startMs);
    const firstDay = backfillDays > 0 ? addDays(today, 1 - backfillDays) : today;
    const windowStart = backfillDays > 0 ? cal.startOf(firstDay) : startMs;
    const queue = new EventQueue();
    log(`seed ${seed}, rate ${rate}: ${city.units.length} units, ${procedures.length} procedures; backfilling ${backfillDays} days, then live`);
    const began = Date.now();
    const counts = tally();
    const progress = backfillDays > 0 ? progressReporter(backfillDays, options.progress ?? process.stderr.isTTY === true, log) : null;
    let sent = 0;
    try {
      for (let day = today; day >= firstDay; day = addDays(day, -1)) {
        const past: TimedEvent[] = [];
        const future: TimedEvent[] = [];
        for (const item of generator.generate(day)) {
          if (item.receivedMs < windowStart) continue;
          for (const e of item.events) (e.atMs <= startMs ? past : future).push(e);
        }
        queue.add(future);
        const acceptedBefore = counts.accepted;
        await send(past.sort((a, b) => a.atMs - b.atMs), counts);
        sent += past.length;
        backfill.daysDone += 1;
        if (past.length > 0) backfill.addingHistory = counts.accepted > acceptedBefore;
        progress?.advance(1, `dossiers of ${day}, ${sent} events sent`);
        await yieldToServer();
        if (signal.aborted) return;
      }
    } finally {
      progress?.finish();
    }
    if (sent > 0) {
      log(`backfill done in ${Math.round((Date.now() - began) / 1000)} s: ${sent} events, ${counts.accepted} accepted, ${counts.duplicates} duplicates, ${counts.rejected} rejected`);
    }
    backfill.doneAt = clock().toISOString();
    backfillSent();
    if (options.live === false) return;
    await live(generator, cal, queue, today);
  }

  async function live(generator: DayGenerator, cal: Calendar, queue: EventQueue, generatedThrough: string): Promise<void> {
    let lastDay = generatedThrough;
    let counts = tally();
    let sent = 0;
    let summaryAt = Date.now();
    log(`live: ${queue.size} planned events wait for their time`);
    while (!signal.aborted) {
      const nowMs = now();
      const today = cal.dayOf(nowMs);
      while (lastDay < today) {
        lastDay = addDays(lastDay, 1);
        const items: GeneratedItem[] = generator.generate(lastDay);
        queue.add(items.flatMap((item) => item.events));
      }
      const due = queue.takeUntil(nowMs);
      if (due.length > 0) {
        await send(due, counts);
        sent += due.length;
      }
      if (Date.now() - summaryAt >= LIVE_SUMMARY_MS) {
        const next = queue.nextAt();
        log(`live: ${sent} events in the last ${Math.round((Date.now() - summaryAt) / 1000)} s (${counts.accepted} accepted, ${counts.duplicates} duplicates, ${counts.rejected} rejected); next at ${next === null ? '—' : cal.iso(next)}`);
        counts = tally();
        sent = 0;
        summaryAt = Date.now();
      }
      const next = queue.nextAt() ?? Infinity;
      await pause(Math.min(MAX_TICK_MS, Math.max(MIN_TICK_MS, next - now())), signal);
    }
  }

  let markDone: () => void = () => undefined;
  let failDone: (error: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    markDone = resolve;
    failDone = reject;
  });
  // The failure is logged below; a caller that never awaits `done` must not crash on it.
  done.catch(() => undefined);
  let ended = false;
  const running = run(() => markDone()).then(
    () => {
      ended = true;
      markDone();
    },
    (error: unknown) => {
      ended = true;
      if (error instanceof Stopped || signal.aborted) return markDone();
      log(`simulator stopped: ${error instanceof Error ? error.message : String(error)}`);
      failDone(error);
    },
  );

  return {
    done,
    backfill: () => (ended || signal.aborted ? null : { ...backfill }),
    async stop() {
      controller.abort();
      await running;
    },
  };
}
