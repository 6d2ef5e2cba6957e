/**
 * Counters of the live channel on this node, read by `live.stats()` (the Prometheus exporter maps them) and
 * summarized in one log line a minute. Plain numbers: counting must never cost more than what it counts.
 */
import type { LiveStats } from '../observability/metrics.js';

/** Recent commit-to-emit delays kept for the quantiles: enough for a stable p99, small enough to sort. */
const DELAY_SAMPLES = 1024;

export interface LiveStatsSnapshot extends Required<Omit<LiveStats, 'emitDelayMs'>> {
  /** Delay from the commit of the batch that dirtied a view to the emit of the message it caused (recent samples). */
  emitDelayMs: { p50?: number; p99?: number; max?: number; samples: number };
  /** Views computed on this node (one per room, whatever its number of sockets). */
  views: number;
  /** Recomputations of views, and those that failed (database down…). */
  refreshes: number;
  refreshErrors: number;
}

function quantile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export class LiveCounters {
  updatesSent = 0;
  snapshotsSent = 0;
  refreshes = 0;
  refreshErrors = 0;
  private readonly delays: number[] = [];
  private nextDelay = 0;

  recordDelay(ms: number): void {
    if (this.delays.length < DELAY_SAMPLES) this.delays.push(ms);
    else this.delays[this.nextDelay] = ms;
    this.nextDelay = (this.nextDelay + 1) % DELAY_SAMPLES;
  }

  snapshot(sockets: number, subscriptions: Record<string, number>): LiveStatsSnapshot {
    const sorted = [...this.delays].sort((a, b) => a - b);
    return {
      sockets,
      subscriptions,
      views: Object.keys(subscriptions).length,
      updatesSent: this.updatesSent,
      snapshotsSent: this.snapshotsSent,
      refreshes: this.refreshes,
      refreshErrors: this.refreshErrors,
      emitDelayMs: { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1), samples: sorted.length },
    };
  }
}

/** The one-line summary logged every minute. */
export function summary(s: LiveStatsSnapshot, previous: { updatesSent: number; snapshotsSent: number }): string {
  const delay = s.emitDelayMs.samples === 0 ? 'no delay samples' : `emit delay p50 ${s.emitDelayMs.p50} ms, p99 ${s.emitDelayMs.p99} ms, max ${s.emitDelayMs.max} ms`;
  const subscriptions = Object.values(s.subscriptions).reduce((sum, n) => sum + n, 0);
  return (
    `live: ${s.sockets} sockets, ${subscriptions} subscriptions on ${s.views} views, ` +
    `${s.updatesSent - previous.updatesSent} updates and ${s.snapshotsSent - previous.snapshotsSent} snapshots sent in the last minute, ` +
    `${delay}, ${s.refreshErrors} refresh errors so far`
  );
}
