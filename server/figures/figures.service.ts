import { TZDate } from '@date-fns/tz';
import { addDays, addHours, differenceInCalendarDays, format } from 'date-fns';
import type { Kysely } from 'kysely';
import type { Unit, UnitKind } from '../../shared/catalog.js';
import {
  addCounts,
  compareForRank,
  DEFAULT_SCORING,
  emptyCounts,
  grade,
  metricsFromCounts,
  score,
  type MetricCounts,
  type Metrics,
  type ScoringConfig,
} from '../../shared/figures.js';
import { isoInZone, resolveNamedPeriod, type Period } from '../../shared/periods.js';
import type {
  NamedPeriod, ProcedureFigures, ProcedureSnapshot, ProcedureUnitFigures, ProcedureUnitsSnapshot, SeriesPoint, Snapshot, UnitFigures, UnitSnapshot,
} from '../../shared/snapshot.js';
import type { Database } from '../db/database.js';
import type { Catalog } from '../catalog/catalog.service.js';
import { notFound } from '../http/errors.js';
import * as repo from './figures.repository.js';

/** The most late and overdue first, then the most received. */
const byLateness = (a: Metrics, b: Metrics) => b.overdue + b.resolvedLate - (a.overdue + a.resolvedLate) || b.received - a.received;

/** What a figure request asks for: a named period (relative to now) or an explicit [from, to). */
export type PeriodRequest = { period: NamedPeriod } | { from: Date; to: Date };

export interface FiguresDeps {
  db: Kysely<Database>;
  catalog: Catalog;
  timeZone: string;
  now: () => Date;
  scoring?: ScoringConfig;
}

const OVERDUE_LIST_LIMIT = 500;

/** asOf at most this long ago reads the open-dossier counters (what they need subtracted grows with the gap). */
const OPEN_COUNTERS_WITHIN_MS = 3_600_000;

/** How long a cached city snapshot of a named period may be served while nothing changes (asOf says its age). */
const CACHE_MAX_AGE_MS = 1000;

export class FiguresService {
  /** Bumped by every change of the figures (a fold on any node, a catalog change): cached figures are dropped. */
  private version = 0;
  private readonly cache = new Map<string, { version: number; computedAt: number; figures: Promise<unknown> }>();

  constructor(private readonly deps: FiguresDeps) {}

  /** The figures changed: cached figures are no longer served. */
  invalidate(): void {
    this.version += 1;
    this.cache.clear();
  }

  /**
   * The city snapshot of a named period, shared by every request while the figures have not changed, for at
   * most CACHE_MAX_AGE_MS (pending and overdue move with the clock): a wall of displays and outside tools asking
   * for the same period cost one computation. Explicit periods are computed every time.
   */
  cachedSnapshot(request: PeriodRequest, kind: UnitKind): Promise<Snapshot> {
    if (!('period' in request)) return this.snapshot(request, kind);
    return this.shared(`city:${request.period}:${kind}`, () => this.snapshot(request, kind));
  }

  /** The city's figures by procedure, shared as cachedSnapshot's. */
  cachedProcedureSnapshot(request: PeriodRequest): Promise<ProcedureSnapshot> {
    if (!('period' in request)) return this.procedureSnapshot(request);
    return this.shared(`procedures:${request.period}`, () => this.procedureSnapshot(request));
  }

  /** One computation of `key`'s figures for every request while they have not changed, for at most CACHE_MAX_AGE_MS. */
  private shared<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.deps.now().getTime();
    const entry = this.cache.get(key);
    if (entry && entry.version === this.version && now >= entry.computedAt && now - entry.computedAt < CACHE_MAX_AGE_MS) return entry.figures as Promise<T>;
    const figures = compute();
    const fresh = { version: this.version, computedAt: now, figures };
    this.cache.set(key, fresh);
    // A failed computation is not kept for the others.
    figures.catch(() => {
      if (this.cache.get(key) === fresh) this.cache.delete(key);
    });
    return figures;
  }

  get scoring(): ScoringConfig {
    return this.deps.scoring ?? DEFAULT_SCORING;
  }

  resolvePeriod(request: PeriodRequest): Period & { asOf: Date } {
    const now = this.deps.now();
    const period = 'period' in request ? resolveNamedPeriod(request.period, now, this.deps.timeZone) : request;
    return { ...period, asOf: new Date(Math.min(now.getTime(), period.to.getTime())) };
  }

  /** The city snapshot: the total over every unit, and the units of one kind by rank. */
  async snapshot(request: PeriodRequest, kind: UnitKind): Promise<Snapshot> {
    const window = this.resolvePeriod(request);
    // Open dossiers come from the fold's counters when asOf is recent (always, for periods that include now).
    const openCounters = this.deps.now().getTime() - window.asOf.getTime() <= OPEN_COUNTERS_WITHIN_MS;
    const counts = await repo.countsBy(this.deps.db, { ...window, timeZone: this.deps.timeZone, openCounters }, 'unit');
    const total = emptyCounts();
    for (const c of counts.values()) addCounts(total, c);
    return {
      ...this.stamp(window),
      kind,
      total: metricsFromCounts(total),
      units: this.rank(this.deps.catalog.allUnits().filter((u) => u.kind === kind), counts),
    };
  }

  /** Ranks units of one kind from their counters (units without data have zero counts). */
  rank(units: readonly Unit[], counts: ReadonlyMap<string, MetricCounts>): UnitFigures[] {
    return units
      .map((unit) => {
        const metrics = metricsFromCounts(counts.get(unit.code) ?? emptyCounts());
        const value = score(metrics, this.scoring);
        return { code: unit.code, name: unit.name, kind: unit.kind, parentCode: unit.parentCode, rank: 0, score: value, grade: grade(value, this.scoring), ...metrics };
      })
      .sort(compareForRank)
      .map((unit, index) => ({ ...unit, rank: index + 1 }));
  }

  async unitSnapshot(unitCode: string, request: PeriodRequest): Promise<UnitSnapshot> {
    const unit = this.deps.catalog.unit(unitCode);
    if (!unit) throw notFound(`unit '${unitCode}'`);
    const window = this.resolvePeriod(request);
    const city = await this.snapshot(request, unit.kind);
    const figures = city.units.find((u) => u.code === unitCode);
    if (!figures) throw notFound(`unit '${unitCode}'`);
    const [byProcedure, overdue, series] = await Promise.all([
      repo.countsBy(this.deps.db, { ...window, unitCode }, 'procedure'),
      repo.overdueDossiers(this.deps.db, unitCode, window.asOf, OVERDUE_LIST_LIMIT),
      this.series(request, unitCode),
    ]);
    const tz = this.deps.timeZone;
    return {
      ...this.stamp(window),
      unit: figures,
      peers: city.units.length,
      procedures: this.byProcedure(byProcedure),
      overdueDossiers: overdue.map((d) => ({
        dossierId: d.dossier_id,
        procedureCode: d.procedure_code ?? '',
        procedureName: (d.procedure_code && this.deps.catalog.procedure(d.procedure_code)?.name) || null,
        receivedAt: isoInZone(new Date(d.received_at), tz),
        dueAt: isoInZone(new Date(d.due_at), tz),
        daysOverdue: differenceInCalendarDays(new TZDate(window.asOf.getTime(), tz), new TZDate(new Date(d.due_at).getTime(), tz)),
      })),
      series,
    };
  }

  /** The city's figures by procedure (every unit's dossiers): whole local days read the fold's procedure_daily. */
  async procedureSnapshot(request: PeriodRequest): Promise<ProcedureSnapshot> {
    const window = this.resolvePeriod(request);
    const counts = await repo.countsBy(this.deps.db, { ...window, timeZone: this.deps.timeZone }, 'procedure');
    return { ...this.stamp(window), procedures: this.byProcedure(counts) };
  }

  /**
   * One procedure across the city: its total and the units that handle it (counted from the dossier state, which
   * keeps the procedure of each dossier; the rollups keep procedures city-wide only).
   */
  async procedureUnits(procedureCode: string, request: PeriodRequest): Promise<ProcedureUnitsSnapshot> {
    const procedure = this.deps.catalog.procedure(procedureCode);
    if (!procedure) throw notFound(`procedure '${procedureCode}'`);
    const window = this.resolvePeriod(request);
    const counts = await repo.countsBy(this.deps.db, { ...window, procedureCode }, 'unit');
    const total = emptyCounts();
    const units: ProcedureUnitFigures[] = [];
    for (const [code, c] of counts) {
      addCounts(total, c);
      const unit = this.deps.catalog.unit(code);
      if (unit) units.push({ code, name: unit.name, kind: unit.kind, ...metricsFromCounts(c) });
    }
    return {
      ...this.stamp(window),
      procedure: { procedureCode, name: procedure.name, field: procedure.field, ...metricsFromCounts(total) },
      units: units.sort((a, b) => byLateness(a, b) || a.code.localeCompare(b.code)),
    };
  }

  /** Procedures with their catalog names, the most late and overdue first. */
  private byProcedure(counts: ReadonlyMap<string, MetricCounts>): ProcedureFigures[] {
    return [...counts.entries()]
      .map(([procedureCode, c]) => {
        const procedure = this.deps.catalog.procedure(procedureCode);
        return { procedureCode, name: procedure?.name ?? null, field: procedure?.field ?? null, ...metricsFromCounts(c) };
      })
      .sort((a, b) => byLateness(a, b) || a.procedureCode.localeCompare(b.procedureCode));
  }

  /** Received and resolved over the period: hourly for today, daily otherwise; empty buckets filled with zeros. */
  async series(request: PeriodRequest, unitCode?: string): Promise<UnitSnapshot['series']> {
    // An unknown unit is a mistake to name, not a unit with nothing received (as for its snapshot).
    if (unitCode !== undefined && !this.deps.catalog.unit(unitCode)) throw notFound(`unit '${unitCode}'`);
    const window = this.resolvePeriod(request);
    const step = 'period' in request && request.period === 'today' ? 'hour' : 'day';
    const tz = this.deps.timeZone;
    const rows = await repo.seriesCounts(this.deps.db, { ...window, ...(unitCode ? { unitCode } : {}) }, step, tz);
    const byBucket = new Map(rows.map((r) => [r.bucket, r]));
    const points: SeriesPoint[] = [];
    const next = step === 'hour' ? addHours : addDays;
    const label = (t: Date) => format(t, 'yyyy-MM-dd HH:mm:ss');
    const startOfStep = (t: TZDate) => new TZDate(step === 'hour' ? t.setMinutes(0, 0, 0) : t.setHours(0, 0, 0, 0), tz);
    for (let t: Date = startOfStep(new TZDate(window.from.getTime(), tz)); t.getTime() < window.asOf.getTime() || points.length === 0; t = next(t, 1)) {
      const row = byBucket.get(label(t));
      const resolved = row?.resolved ?? 0;
      const onTime = row?.resolved_on_time ?? 0;
      points.push({
        t: isoInZone(t, tz),
        received: row?.received ?? 0,
        resolved,
        resolvedOnTime: onTime,
        resolvedLate: row?.resolved_late ?? 0,
        onTimeRate: resolved === 0 ? null : onTime / resolved,
      });
    }
    return { step, points };
  }

  private stamp(window: Period & { asOf: Date }) {
    const tz = this.deps.timeZone;
    return { asOf: isoInZone(window.asOf, tz), from: isoInZone(window.from, tz), to: isoInZone(window.to, tz) };
  }
}
