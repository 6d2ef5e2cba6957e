/**
 * The Prometheus metrics of one running app (its own registry, so several apps in one process, as in tests,
 * never share counters). Gauges whose value lives elsewhere (database pool, live channel) read it lazily at
 * scrape time through the `sources` callbacks.
 */
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FoldObservation } from '../ingest/folder.js';
import type { IngestObservation } from '../ingest/ingest.service.js';

export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** What the live channel reports about itself (`app.live.stats()`); every field optional so either side can grow. */
export interface LiveStats {
  sockets?: number;
  subscriptions?: Record<string, number>;
  updatesSent?: number;
  snapshotsSent?: number;
  /** Delay from a batch's commit to the emit of the update it caused, in milliseconds (recent samples). */
  emitDelayMs?: { p50?: number; p99?: number; max?: number };
}

export interface MetricSources {
  pool?: () => PoolStats | undefined;
  live?: () => LiveStats | undefined;
  inFlight?: () => number;
  /** Events this node acknowledged and has not yet seen folded into the figures. */
  foldBacklog?: () => number;
}

const BATCH_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class AppMetrics {
  readonly registry = new Registry();
  private readonly ingestEvents: Counter<'outcome'>;
  private readonly rejected: Counter<'reason'>;
  private readonly ignoredFields: Counter;
  private readonly batches: Counter<'outcome'>;
  private readonly batchSeconds: Histogram<'outcome'>;
  private readonly httpSeconds: Histogram<'method' | 'route' | 'status'>;
  private readonly foldedEvents: Counter;
  private readonly foldSeconds: Histogram;

  constructor(sources: MetricSources = {}) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.ingestEvents = new Counter({
      name: 'motcua_ingest_events_total',
      help: 'Events received on POST /api/v1/events, by outcome: accepted (new, stored), duplicate, rejected',
      labelNames: ['outcome'],
      registers,
    });
    this.rejected = new Counter({
      name: 'motcua_ingest_rejected_events_total',
      help: 'Rejected events by reason: schema, unparsable, nul, future, unknown_unit, forbidden_unit, unknown_procedure',
      labelNames: ['reason'],
      registers,
    });
    this.ignoredFields = new Counter({
      name: 'motcua_ingest_events_with_ignored_fields_total',
      help: 'Valid events that carried fields their type does not have (ignored; the answer to the batch names them): often a misspelled optional field',
      registers,
    });
    this.batches = new Counter({
      name: 'motcua_ingest_batches_total',
      help: 'Ingest batches by outcome: committed, unavailable (database down, 503), failed (500)',
      labelNames: ['outcome'],
      registers,
    });
    this.batchSeconds = new Histogram({
      name: 'motcua_ingest_batch_duration_seconds',
      help: 'Time to validate, store and commit one ingest batch (the acknowledgement latency less HTTP)',
      labelNames: ['outcome'],
      buckets: BATCH_BUCKETS,
      registers,
    });
    this.httpSeconds = new Histogram({
      name: 'motcua_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: BATCH_BUCKETS,
      registers,
    });
    this.foldedEvents = new Counter({
      name: 'motcua_fold_events_total',
      help: 'Acknowledged events folded into the dossier state and rollups by this node',
      registers,
    });
    this.foldSeconds = new Histogram({
      name: 'motcua_fold_pass_duration_seconds',
      help: 'Time of one fold pass (all queued events, up to the pass limit, in one transaction)',
      buckets: BATCH_BUCKETS,
      registers,
    });
    for (const outcome of ['accepted', 'duplicate', 'rejected']) this.ingestEvents.inc({ outcome }, 0);
    if (sources.foldBacklog) {
      const backlog = sources.foldBacklog;
      new Gauge({ name: 'motcua_fold_backlog_events', help: 'Events this node acknowledged that are not yet in the figures', registers, collect() { this.set(backlog()); } });
    }

    if (sources.inFlight) {
      const inFlight = sources.inFlight;
      new Gauge({ name: 'motcua_http_requests_in_flight', help: 'HTTP requests being handled', registers, collect() { this.set(inFlight()); } });
    }
    if (sources.pool) {
      const pool = sources.pool;
      const poolGauge = (name: string, help: string, pick: (s: PoolStats) => number) =>
        new Gauge({ name, help, registers, collect() { const s = pool(); if (s) this.set(pick(s)); } });
      poolGauge('motcua_db_pool_connections', 'PostgreSQL pool: open connections', (s) => s.totalCount);
      poolGauge('motcua_db_pool_idle_connections', 'PostgreSQL pool: idle connections', (s) => s.idleCount);
      poolGauge('motcua_db_pool_waiting_requests', 'PostgreSQL pool: queries waiting for a connection', (s) => s.waitingCount);
    }
    if (sources.live) this.registerLive(sources.live);
  }

  private registerLive(stats: () => LiveStats | undefined): void {
    const registers = [this.registry];
    new Gauge({ name: 'motcua_live_sockets', help: 'Socket.IO clients connected to this node', registers, collect() { const s = stats(); if (s?.sockets !== undefined) this.set(s.sockets); } });
    new Gauge({
      name: 'motcua_live_subscriptions',
      help: 'Live subscriptions on this node, by view',
      labelNames: ['view'],
      registers,
      collect() {
        this.reset();
        for (const [view, count] of Object.entries(stats()?.subscriptions ?? {})) this.set({ view }, count);
      },
    });
    // Counters owned by the live channel: re-exposed by adding what grew since the last scrape.
    const mirror = (name: string, help: string, pick: (s: LiveStats) => number | undefined) => {
      let seen = 0;
      new Counter({
        name, help, registers,
        collect() {
          const s = stats();
          const value = s ? pick(s) : undefined;
          if (value !== undefined && value > seen) {
            this.inc(value - seen);
            seen = value;
          }
        },
      });
    };
    mirror('motcua_live_updates_sent_total', 'Live `update` messages emitted by this node', (s) => s.updatesSent);
    mirror('motcua_live_snapshots_sent_total', 'Live `snapshot` messages emitted by this node', (s) => s.snapshotsSent);
    new Gauge({
      name: 'motcua_live_emit_delay_seconds',
      help: 'Delay from a committed batch to the emit of its update (recent samples), by quantile',
      labelNames: ['quantile'],
      registers,
      collect() {
        const delay = stats()?.emitDelayMs;
        for (const [quantile, value] of [['0.5', delay?.p50], ['0.99', delay?.p99], ['1', delay?.max]] as const) {
          if (value !== undefined) this.set({ quantile }, value / 1000);
        }
      },
    });
  }

  observeIngest(batch: IngestObservation): void {
    this.batches.inc({ outcome: batch.outcome });
    this.batchSeconds.observe({ outcome: batch.outcome }, batch.seconds);
    if (batch.accepted) this.ingestEvents.inc({ outcome: 'accepted' }, batch.accepted);
    if (batch.duplicates) this.ingestEvents.inc({ outcome: 'duplicate' }, batch.duplicates);
    if (batch.withIgnoredFields) this.ignoredFields.inc(batch.withIgnoredFields);
    if (batch.reasons.length) {
      this.ingestEvents.inc({ outcome: 'rejected' }, batch.reasons.length);
      const byReason = new Map<string, number>();
      for (const reason of batch.reasons) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
      for (const [reason, count] of byReason) this.rejected.inc({ reason }, count);
    }
  }

  observeFold(pass: FoldObservation): void {
    this.foldedEvents.inc(pass.events);
    this.foldSeconds.observe(pass.seconds);
  }

  /** Times every HTTP request; the route label is the matched pattern, so unit codes do not explode cardinality. */
  httpTimer(): RequestHandler {
    return (req, res, next) => {
      const end = this.httpSeconds.startTimer();
      res.once('finish', () => {
        const pattern = (req.route as { path?: unknown } | undefined)?.path;
        const prefix = req.originalUrl.startsWith('/api/v1/') ? '/api/v1' : '';
        const route = typeof pattern === 'string' ? prefix + pattern : req.originalUrl.startsWith('/api/') ? 'unmatched' : 'static';
        end({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    };
  }
}
