/**
 * The fold: applies stored events to the dossier and feedback state and to the rollups, after ingest has
 * acknowledged them. Ingest commits the raw events and their ids in `fold_queue` (that commit is the `200`);
 * the folder then takes everything queued, in one transaction per pass, so a busy minute folds a few large
 * batches instead of many small ones, and the acknowledgement waits only for the raw insert.
 *
 * - Queued events are split in partitions by the dossier or feedback item they change (FOLD_PARTITIONS). On
 *   PostgreSQL each partition is folded by its own pass, at the same time as the others: the server's JavaScript and
 *   two database backends work at once instead of taking turns. One folder per partition across all nodes (a
 *   transaction-level advisory lock): no per-dossier locks. The passes meet only on the rollup rows, which each
 *   locks in the same order (rollup.repository.ts), so they may wait for each other there but never deadlock. A
 *   node that finds a partition's lock taken tries again shortly; the holder folds every node's queued events.
 * - A crash between acknowledgement and fold loses nothing: the queue is in the database, and every node
 *   polls it (`pollMs`), at start too.
 * - `settled()` gives read-your-writes on this node: it resolves once everything this node acknowledged before
 *   the call is folded (REST figures and new subscriptions wait for it; bounded by a timeout).
 * - Backpressure: when this node's unfolded events exceed `maxBacklog`, ingest waits before storing more, and
 *   after a while answers 503 (`roomFor`).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { LogFunction } from '../observability/logger.js';
import { applyToState } from './fold-pass.js';
import * as repo from './ingest.repository.js';
import type { NormalizedEvent } from './validate.js';

/** Arbitrary, fixed: the first key of the folder's advisory locks, the second is the partition (locks are per database). */
const FOLD_LOCK = 7_660_766;

export interface FolderDeps {
  db: Kysely<Database>;
  timeZone: string;
  /** Told, after each pass's commit, which units' figures changed and how many events were folded. */
  onFolded: (unitCodes: Set<string>, eventCount: number) => void;
  log: LogFunction;
  /** Told how each pass went (metrics). */
  observe?: (pass: FoldObservation) => void;
  /** Events per pass at most (default 20,000). */
  passLimit?: number;
  /** How often the queue is checked for events other nodes (or a crashed process) left (default 1000 ms). */
  pollMs?: number;
  /** Unfolded events of this node beyond which ingest waits (default 50,000). */
  maxBacklog?: number;
  /**
   * Fold the partitions at the same time (PostgreSQL), or all in one pass (PGlite: one connection, so concurrent
   * passes would only take turns, each paying for its own statements). Default true.
   */
  parallel?: boolean;
}

export interface FoldObservation {
  events: number;
  seconds: number;
}

interface Waiter {
  target: number;
  resolve: () => void;
}

export class Folder {
  /** Batches this node has acknowledged. */
  private acknowledged = 0;
  /** Every batch up to this one is folded (by this node or another). */
  private folded = 0;
  /** Events this node acknowledged and has not seen folded: a pass takes them from here, not the database. */
  private readonly held = new Map<string, NormalizedEvent>();
  /** Their ids by batch, to forget them once folded. */
  private readonly pending = new Map<number, string[]>();
  private pendingCount = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private failures = 0;
  /** Wakes the lanes' pauses, for `stop()`. */
  private readonly wakers = new Set<() => void>();
  private stopped = false;
  private readonly waiters: Waiter[] = [];
  private poll: NodeJS.Timeout | null = null;
  private readonly passLimit: number;
  private readonly maxBacklog: number;
  /** The partitions each concurrent pass takes. */
  private readonly lanes: number[][];

  constructor(private readonly deps: FolderDeps) {
    this.passLimit = deps.passLimit ?? 20_000;
    this.maxBacklog = deps.maxBacklog ?? 50_000;
    const partitions = Array.from({ length: repo.FOLD_PARTITIONS }, (_, p) => p);
    this.lanes = deps.parallel === false ? [partitions] : partitions.map((p) => [p]);
  }

  /**
   * Folds what an earlier run left in the queue (reads wait for it, as for a batch of this node's), then keeps
   * polling for other nodes' leftovers.
   */
  start(): void {
    this.acknowledged += 1;
    this.kick();
    this.poll = setInterval(() => this.kick(), this.deps.pollMs ?? 1000);
    this.poll.unref();
  }

  /** Unfolded events this node acknowledged. */
  get backlog(): number {
    return this.pendingCount;
  }

  /** Ingest, once a batch is committed: fold it soon. */
  acknowledgedBatch(events: readonly NormalizedEvent[]): void {
    if (events.length === 0) return;
    this.acknowledged += 1;
    for (const event of events) this.held.set(event.id, event);
    this.pending.set(this.acknowledged, events.map((e) => e.id));
    this.pendingCount += events.length;
    this.kick();
  }

  /** Resolves once every batch this node acknowledged before the call is folded, or after `timeoutMs`. */
  settled(timeoutMs = 10_000): Promise<void> {
    return this.until(this.acknowledged, timeoutMs);
  }

  /**
   * Ingest, before storing a batch: waits (at most `timeoutMs`) while this node's unfolded events exceed the
   * backlog limit; answers whether there is room now.
   */
  async roomFor(count: number, timeoutMs = 10_000): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    const full = () => !this.stopped && this.pendingCount > 0 && this.pendingCount + count > this.maxBacklog;
    while (full() && performance.now() < deadline) {
      await this.until(this.acknowledged, Math.max(1, deadline - performance.now()));
    }
    return !full();
  }

  /** Stops polling; finishes the pass in flight and tries once to fold what this node still holds. */
  async stop(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    this.stopping = true;
    for (const wake of [...this.wakers]) wake();
    await this.running;
    if (this.pendingCount > 0) await this.drain();
    this.stopped = true;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  private until(target: number, timeoutMs: number): Promise<void> {
    if (this.folded >= target || this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const waiter: Waiter = { target, resolve: () => { clearTimeout(timer); resolve(); } };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        resolve();
      }, timeoutMs);
      this.waiters.push(waiter);
      this.kick();
    });
  }

  private kick(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
  }

  /**
   * Every lane passes until its part of the queue is empty; then every batch acknowledged before the drain began is
   * folded. A failed pass is retried with backoff while this node still holds unfolded events (the poll covers the rest).
   */
  private async drain(): Promise<void> {
    do {
      this.again = false;
      const target = this.acknowledged;
      try {
        // Each lane runs to its end even when another fails, so no pass of this node outlives the drain.
        const lanes = await Promise.allSettled(this.lanes.map((lane) => this.drainLane(lane)));
        const failed = lanes.find((lane) => lane.status === 'rejected');
        if (failed) throw failed.reason;
        if (lanes.some((lane) => lane.status === 'fulfilled' && !lane.value)) return;
        if (this.failures > 0) this.deps.log('info', 'fold: the database answers again; queued events folded');
        this.failures = 0;
        this.foldedUpTo(target);
      } catch (error) {
        // The database is down or the pass failed: nothing was lost (the queue rolled back). Events of this
        // node are retried with backoff; the poll retries the rest.
        if (this.failures === 0) this.deps.log('warn', 'fold: pass failed; the events stay queued and are retried', error);
        this.failures += 1;
        if (this.stopping || this.pendingCount === 0) return;
        await this.pause(Math.min(5000, 100 * 2 ** this.failures));
        this.again = true;
      }
    } while (this.again && !this.stopping);
  }

  /** Passes over these partitions until they are empty (true), or gives up to another node folding them (false). */
  private async drainLane(lane: readonly number[]): Promise<boolean> {
    for (;;) {
      const taken = await this.pass(lane);
      if (taken === 'busy') {
        // Another node is folding, queued events of this node included: wait for it only if this node's
        // reads wait on them; otherwise the next poll looks again.
        if (this.pendingCount === 0 || this.stopping) return false;
        await this.pause(20);
        continue;
      }
      if (taken < this.passLimit) return true;
    }
  }

  /** A pause that `stop()` cuts short. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      const wakers = this.wakers;
      function done() {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      }
      wakers.add(done);
    });
  }

  private foldedUpTo(target: number): void {
    if (target <= this.folded) return;
    this.folded = target;
    for (const [batch, ids] of this.pending) {
      if (batch > target) continue;
      for (const id of ids) this.held.delete(id);
      this.pendingCount -= ids.length;
      this.pending.delete(batch);
    }
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      if (waiter.target > target) continue;
      this.waiters.splice(i, 1);
      waiter.resolve();
    }
  }

  /** One transaction: takes up to passLimit queued events of the lane's partitions and folds them; 'busy' if another node is folding them. */
  private async pass(lane: readonly number[]): Promise<number | 'busy'> {
    const started = performance.now();
    const outcome = await this.deps.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ locked: boolean }>`
        select bool_and(pg_try_advisory_xact_lock(${FOLD_LOCK}, p)) as locked from unnest(${lane}::int[]) as p`.execute(trx);
      if (!rows[0]?.locked) return 'busy' as const;
      // The fold is derived data: if PostgreSQL itself crashes before this commit reaches the disk, the pass is
      // lost whole, queue rows included, and folded again. So it need not wait for the flush.
      // Its reads are lookups by key of rows a busy server holds in memory: with the default random_page_cost (4,
      // for spinning disks) PostgreSQL scanned a young dossiers table whole for a pass's few hundred dossiers.
      await sql`select set_config('synchronous_commit', 'off', true), set_config('random_page_cost', '1.1', true)`.execute(trx);
      const ids = await repo.takeFoldQueue(trx, lane, this.passLimit);
      if (ids.length === 0) return { count: 0, units: new Set<string>() };
      const events = await this.eventsOf(trx, ids);
      return { count: ids.length, units: await applyToState(trx, events, this.deps.timeZone) };
    });
    if (outcome === 'busy') return outcome;
    if (outcome.count > 0) {
      this.deps.observe?.({ events: outcome.count, seconds: (performance.now() - started) / 1000 });
      this.deps.onFolded(outcome.units, outcome.count);
    }
    return outcome.count;
  }

  /** The queued events: this node's from memory, the rest (other nodes', a previous run's) from the database. */
  private async eventsOf(trx: Transaction<Database>, ids: readonly string[]): Promise<NormalizedEvent[]> {
    const events: NormalizedEvent[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const event = this.held.get(id);
      if (event) events.push(event);
      else missing.push(id);
    }
    if (missing.length > 0) events.push(...(await repo.loadEventsById(trx, missing)));
    return events;
  }
}
