/**
 * The node's live views: one per room (view key), whatever its number of sockets. One timer per node ticks every
 * `liveIntervalMs`; a tick recomputes the views that are dirty (an ingest, a dueAt passing, midnight), once each,
 * diffs them against what their room was last told and emits the difference to the room with the room's next seq.
 *
 * Why seq per room works: every socket of a room gets every message of the room. A socket that joins gets the
 * room's current state as its `snapshot`, stamped with the room's current seq, and joins in the same synchronous
 * step, so the room's next message is exactly its seq + 1. That state is the room's, not a query of its own:
 * joining an existing view costs no database work.
 */
import type { Kysely } from 'kysely';
import type { Server } from 'socket.io';
import type { UnitKind } from '../../shared/catalog.js';
import { localDate, type Metrics } from '../../shared/figures.js';
import type { ClientToServerEvents, InterServerEvents, LiveSnapshot, LiveUnitSnapshot, LiveUpdate, ServerToClientEvents, SocketData } from '../../shared/live.js';
import type { NamedPeriod, Snapshot, UnitSnapshot } from '../../shared/snapshot.js';
import type { Catalog } from '../catalog/catalog.service.js';
import type { Database } from '../db/database.js';
import type { FiguresService } from '../figures/figures.service.js';
import { notFound } from '../http/errors.js';
import type { LogFunction } from '../observability/logger.js';
import type { LiveCounters } from './live.stats.js';
import { TimeWatch } from './time-watch.js';
import { diffCity, sameFields, viewKey, type ViewSpec } from './views.js';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** A room that heard nothing for this long gets an empty update (fresh asOf): "no news", not "connection lost". */
export const HEARTBEAT_MS = 30_000;

interface ViewBase {
  key: string;
  /** seq of the last message emitted to the room. */
  seq: number;
  dirty: boolean;
  /** Commit time (ms since the epoch) of the earliest batch not yet emitted; null when only time moved. */
  dirtySince: number | null;
  lastEmitAt: number;
  /** A refresh or first computation in flight: the tick leaves the view alone meanwhile. */
  busy: Promise<void> | null;
  /** Sockets waiting for the view to be ready; the view is not dropped under them. */
  joining: number;
}

interface CityView extends ViewBase {
  type: 'city';
  spec: Extract<ViewSpec, { view: 'city' }>;
  state: Snapshot | null;
}

interface UnitView extends ViewBase {
  type: 'unit';
  spec: Extract<ViewSpec, { view: 'unit' }>;
  /** `snapshot.unit` is what the room was told; the rest (procedures, dossiers, series) may lag, see detailFresh. */
  state: { snapshot: UnitSnapshot; total: Metrics } | null;
  /** Whether procedures, overdue dossiers and series were computed after the unit's figures last changed. */
  detailFresh: boolean;
  /** Bumped when the unit's figures change: a detail computed across a bump is not fresh. */
  version: number;
  detail: Promise<void> | null;
  /** The local day moved: the room gets a whole new snapshot (days overdue, the period itself). */
  needsSnapshot: boolean;
}

export type View = CityView | UnitView;

export interface ViewHubDeps {
  io: LiveServer;
  db: Kysely<Database>;
  catalog: Catalog;
  figures: FiguresService;
  now: () => Date;
  timeZone: string;
  intervalMs: number;
  log: LogFunction;
  counters: LiveCounters;
}

const monotonic = () => performance.now();

export class ViewHub {
  private readonly views = new Map<string, View>();
  private readonly time: TimeWatch;
  private lastDate: string | null = null;
  private lastErrorLogAt = -Infinity;

  constructor(private readonly deps: ViewHubDeps) {
    this.time = new TimeWatch(deps.db, (error) => this.logError('live: could not read the next due instant', error));
  }

  /** Units changed (here or on another node): every view recomputes at its next turn. */
  markChanged(committedAt: number | null): void {
    if (this.views.size > 0) this.time.allRecomputing(this.deps.now());
    for (const view of this.views.values()) this.markDirty(view, committedAt);
  }

  /** Subscriber counts per view key, for the stats. */
  subscriptions(): Record<string, number> {
    const rooms = this.deps.io.of('/').adapter.rooms;
    return Object.fromEntries([...this.views.keys()].map((key) => [key, rooms.get(key)?.size ?? 0]));
  }

  /**
   * The view for a subscription, ready to hand out its state: computed now if it is new (one computation
   * shared by every socket asking at once), its unit detail refreshed if stale. Throws what the figures throw.
   */
  async prepare(spec: ViewSpec): Promise<View> {
    const key = viewKey(spec);
    let view = this.views.get(key);
    if (!view) {
      view = this.create(spec, key);
      this.views.set(key, view);
    }
    view.joining += 1;
    try {
      while (view.state === null) {
        view.busy ??= this.first(view).finally(() => {
          if (view) view.busy = null;
        });
        await view.busy;
      }
      if (view.type === 'unit') await this.freshDetail(view);
      return view;
    } finally {
      view.joining -= 1;
    }
  }

  /** The room's current state as a snapshot message, stamped with the room's seq. Synchronous on purpose. */
  snapshotOf(view: View): LiveSnapshot | LiveUnitSnapshot {
    if (view.state === null) throw new Error(`view ${view.key} has no state yet`);
    if (view.type === 'city') return { ...view.state, seq: view.seq, view: 'city' };
    return { ...view.state.snapshot, seq: view.seq, view: 'unit' };
  }

  /** One turn of the node's timer. Starts work, never waits for it: a slow view only delays itself. */
  tick(): void {
    const now = this.deps.now();
    const today = localDate(now, this.deps.timeZone);
    if (this.lastDate !== null && today !== this.lastDate) {
      for (const view of this.views.values()) {
        this.markDirty(view, null);
        if (view.type === 'unit') view.needsSnapshot = true;
      }
    }
    this.lastDate = today;
    if (this.time.passed(now)) {
      for (const view of this.views.values()) this.markDirty(view, null);
    }
    for (const view of this.views.values()) {
      // The period of the figures the room holds is over (a first computation that straddled midnight).
      const to = view.type === 'city' ? view.state?.to : view.state?.snapshot.to;
      if (to !== undefined && Date.parse(to) <= now.getTime()) {
        this.markDirty(view, null);
        if (view.type === 'unit') view.needsSnapshot = true;
      }
    }
    this.dropEmptyViews();
    if (this.views.size === 0) {
      this.time.reset();
      return;
    }

    const started = monotonic();
    const shared = new Map<string, Promise<Snapshot>>();
    for (const view of this.views.values()) {
      if (view.busy !== null || view.state === null) continue;
      const sinceEmit = started - view.lastEmitAt;
      // A little slack for timer jitter; the strict spacing is enforced just before emitting.
      if (sinceEmit < this.deps.intervalMs * 0.8) continue;
      const heartbeat = sinceEmit >= HEARTBEAT_MS;
      const wanted = view.dirty || heartbeat || (view.type === 'unit' && view.needsSnapshot);
      if (!wanted) continue;
      view.busy = this.refresh(view, shared, heartbeat).finally(() => {
        view.busy = null;
      });
    }
  }

  private create(spec: ViewSpec, key: string): View {
    const base: ViewBase = { key, seq: 0, dirty: false, dirtySince: null, lastEmitAt: -Infinity, busy: null, joining: 0 };
    if (spec.view === 'city') return { ...base, type: 'city', spec, state: null };
    return { ...base, type: 'unit', spec, state: null, detailFresh: false, version: 0, detail: null, needsSnapshot: false };
  }

  private markDirty(view: View, committedAt: number | null): void {
    view.dirty = true;
    if (committedAt !== null) view.dirtySince = Math.min(view.dirtySince ?? committedAt, committedAt);
  }

  private dropEmptyViews(): void {
    const rooms = this.deps.io.of('/').adapter.rooms;
    for (const [key, view] of this.views) {
      const idle = view.joining === 0 && view.busy === null && (view.type === 'city' || view.detail === null);
      if (idle && (rooms.get(key)?.size ?? 0) === 0) this.views.delete(key);
    }
  }

  private unitKind(unitCode: string): UnitKind {
    const unit = this.deps.catalog.unit(unitCode);
    if (!unit) throw notFound(`unit '${unitCode}'`);
    return unit.kind;
  }

  /** The city snapshot of a period and kind, computed once per tick for every view that needs it. */
  private city(shared: Map<string, Promise<Snapshot>>, period: NamedPeriod, kind: UnitKind): Promise<Snapshot> {
    const key = `${period}:${kind}`;
    let snapshot = shared.get(key);
    if (!snapshot) {
      snapshot = this.deps.figures.snapshot({ period }, kind);
      shared.set(key, snapshot);
    }
    return snapshot;
  }

  /** The first state of a new view: whatever changes meanwhile leaves it dirty for the next tick. */
  private async first(view: View): Promise<void> {
    view.dirty = false;
    view.dirtySince = null;
    const asOf = this.deps.now();
    if (view.type === 'city') {
      view.state = await this.deps.figures.snapshot({ period: view.spec.period }, view.spec.kind);
    } else {
      const { period, unitCode } = view.spec;
      const [city, unit] = await Promise.all([
        this.deps.figures.snapshot({ period }, this.unitKind(unitCode)),
        this.deps.figures.unitSnapshot(unitCode, { period }),
      ]);
      view.state = { snapshot: unit, total: city.total };
      view.detailFresh = true;
    }
    this.time.computedAt(asOf);
    // Its first subscriber gets the state itself; the room's first heartbeat is due a full period later.
    view.lastEmitAt = monotonic();
  }

  /** Brings a unit view's procedures, dossiers and series up to date, once for all who ask meanwhile. */
  private async freshDetail(view: UnitView): Promise<void> {
    if (view.detailFresh) return;
    view.detail ??= (async () => {
      const version = view.version;
      const detail = await this.deps.figures.unitSnapshot(view.spec.unitCode, { period: view.spec.period });
      const state = view.state;
      if (state === null) return;
      // The unit's own figures stay those the room was told, so the diffs that follow stay right.
      state.snapshot = { ...detail, asOf: state.snapshot.asOf, unit: state.snapshot.unit, peers: state.snapshot.peers };
      view.detailFresh = view.version === version;
    })().finally(() => {
      view.detail = null;
    });
    await view.detail;
  }

  private async refresh(view: View, shared: Map<string, Promise<Snapshot>>, heartbeat: boolean): Promise<void> {
    const since = view.dirtySince;
    view.dirty = false;
    view.dirtySince = null;
    const wholeSnapshot = view.type === 'unit' && view.needsSnapshot;
    if (view.type === 'unit') view.needsSnapshot = false;
    this.deps.counters.refreshes += 1;
    try {
      if (view.type === 'city') await this.refreshCity(view, shared, since, heartbeat);
      else await this.refreshUnit(view, shared, since, heartbeat, wholeSnapshot);
    } catch (error) {
      // Nothing was emitted: the view stays dirty and the next tick tries again.
      view.dirty = true;
      if (since !== null) view.dirtySince = Math.min(view.dirtySince ?? since, since);
      if (view.type === 'unit' && wholeSnapshot) view.needsSnapshot = true;
      this.deps.counters.refreshErrors += 1;
      this.logError(`live: could not refresh ${view.key}`, error);
    }
  }

  private async refreshCity(view: CityView, shared: Map<string, Promise<Snapshot>>, since: number | null, heartbeat: boolean): Promise<void> {
    const fresh = await this.city(shared, view.spec.period, view.spec.kind);
    await this.spacing(view);
    const before = view.state;
    view.state = fresh;
    if (before === null) return;
    const diff = diffCity(before, fresh);
    if (diff.kind === 'snapshot') this.emitSnapshot(view, (seq) => ({ ...fresh, seq, view: 'city' }), since);
    else if (diff.units.length > 0 || diff.totalChanged || heartbeat) {
      this.emitUpdate(view, { asOf: fresh.asOf, total: fresh.total, units: diff.units }, diff.units.length > 0 || diff.totalChanged ? since : null);
    }
  }

  private async refreshUnit(view: UnitView, shared: Map<string, Promise<Snapshot>>, since: number | null, heartbeat: boolean, wholeSnapshot: boolean): Promise<void> {
    const { period, unitCode } = view.spec;
    const city = await this.city(shared, period, this.unitKind(unitCode));
    if (wholeSnapshot) {
      const unit = await this.deps.figures.unitSnapshot(unitCode, { period });
      await this.spacing(view);
      view.state = { snapshot: unit, total: city.total };
      view.version += 1;
      view.detailFresh = true;
      this.emitSnapshot(view, (seq) => ({ ...unit, seq, view: 'unit' }), since);
      return;
    }
    const figures = city.units.find((u) => u.code === unitCode);
    if (!figures) throw notFound(`unit '${unitCode}' among the ${city.kind} units`);
    await this.spacing(view);
    const state = view.state;
    if (state === null) return;
    const changed = !sameFields(state.snapshot.unit, figures);
    state.snapshot = { ...state.snapshot, asOf: city.asOf, unit: figures, peers: city.units.length };
    state.total = city.total;
    if (changed) {
      view.version += 1;
      view.detailFresh = false;
    }
    if (changed || heartbeat) this.emitUpdate(view, { asOf: city.asOf, total: city.total, units: changed ? [figures] : [] }, changed ? since : null);
  }

  /** Waits, if need be, so that two messages of a room are at least `intervalMs` apart. */
  private async spacing(view: View): Promise<void> {
    const wait = view.lastEmitAt + this.deps.intervalMs - monotonic();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  private emitSnapshot(view: View, stamp: (seq: number) => LiveSnapshot | LiveUnitSnapshot, since: number | null): void {
    const message = stamp(this.nextSeq(view));
    // Local: each node computes and numbers the rooms of its own sockets; the adapter must not fan this out.
    this.deps.io.local.to(view.key).emit('snapshot', message);
    this.sent(view, 'snapshot', since);
  }

  private emitUpdate(view: View, body: Omit<LiveUpdate, 'seq'>, since: number | null): void {
    this.deps.io.local.to(view.key).emit('update', { seq: this.nextSeq(view), ...body });
    this.sent(view, 'update', since);
  }

  private nextSeq(view: View): number {
    view.seq += 1;
    view.lastEmitAt = monotonic();
    return view.seq;
  }

  private sent(view: View, kind: 'snapshot' | 'update', since: number | null): void {
    const recipients = this.deps.io.of('/').adapter.rooms.get(view.key)?.size ?? 0;
    if (kind === 'snapshot') this.deps.counters.snapshotsSent += recipients;
    else this.deps.counters.updatesSent += recipients;
    if (since !== null && recipients > 0) this.deps.counters.recordDelay(Math.max(0, Date.now() - since));
  }

  private logError(message: string, error: unknown): void {
    // A database outage fails every view every tick: say it once in a while, not four times a second.
    const at = monotonic();
    if (at - this.lastErrorLogAt < 10_000) return;
    this.lastErrorLogAt = at;
    this.deps.log('warn', message, error);
  }
}
