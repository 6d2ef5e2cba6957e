/** Figures for a screen: the current snapshot (live or REST), the comparison period and the city trend. */
import { useCallback, useMemo } from 'react';
import type { UnitKind } from '../../../shared/catalog.js';
import type { Metrics } from '../../../shared/figures.js';
import type { Snapshot } from '../../../shared/snapshot.js';
import type { Period } from '../../../shared/periods.js';
import { isoInZone } from '../../../shared/periods.js';
import { useApp } from '../context.js';
import { mapLimited } from '../lib/api.js';
import { EARLIER_PERIODS, scoresByUnit } from '../lib/rankings.js';
import { comparisonRange, earlierPeriods, periodRange, rangeParams, rangeUntil, trendBuckets, type BucketStep, type PeriodChoice } from '../lib/periods.js';
import { useAsync } from './useAsync.js';
import { useLiveCity } from './useLive.js';
import { useNow } from './useNow.js';

/** Comparison and trend figures are re-read this often; live updates carry the current figures meanwhile. */
export const SLOW_REFRESH_MS = 5 * 60_000;
/** The earlier periods' scores (the rankings' trend lines) are re-read this often. */
const EARLIER_REFRESH_MS = 30 * 60_000;

export interface CityFigures {
  snapshot: Snapshot | null;
  previous: Snapshot | null;
  previousRange: Period;
  range: Period;
  trend: { step: BucketStep; buckets: { t: string; total: Metrics }[] } | null;
  /** Each unit's score in the `EARLIER_PERIODS` whole periods before this one, oldest first (`withEarlier`). */
  earlier: Map<string, (number | null)[]> | null;
  error: Error | null;
  reload: () => void;
}

/**
 * Query parameters of a period for the REST API: named periods by name, the others by from/to; figures frozen at an
 * instant (the presenter) ask for the period up to it, so a slide read later (another period chosen, a unit added)
 * shows the same instant as the rest.
 */
export function restPeriod(choice: PeriodChoice, range: Period, timeZone: string, frozenAt: Date | null = null): Record<string, string> {
  if (frozenAt) return rangeParams(rangeUntil(range, frozenAt), timeZone);
  return choice.type === 'named' ? { period: choice.period } : rangeParams(range, timeZone);
}

/**
 * `frozenAt` set: nothing live, every figure as of that instant (presenter mode).
 * Otherwise named periods follow the live channel and the rest is re-read slowly.
 */
export function useCityFigures(choice: PeriodChoice, kind: UnitKind, options: { frozenAt?: Date | null; withTrend?: boolean; withEarlier?: boolean } = {}): CityFigures {
  const { api, config } = useApp();
  const tz = config.timeZone;
  const clock = useNow(60_000);
  const frozenAt = options.frozenAt ?? null;
  // Ranges are recomputed per 5-minute slot, so keys (and fetches) change slowly, not every second.
  const slot = frozenAt ? frozenAt.getTime() : Math.floor(clock.getTime() / SLOW_REFRESH_MS) * SLOW_REFRESH_MS;
  const choiceKey = JSON.stringify(choice);
  // choiceKey stands for choice: a new but equal object must not recompute
  const slotRange = useMemo(() => periodRange(choice, new Date(slot), tz), [choiceKey, slot, tz]);

  const live = frozenAt === null && choice.type === 'named';
  const liveSnapshot = useLiveCity(choice.type === 'named' ? choice.period : 'today', kind, live);
  const params = restPeriod(choice, slotRange, tz, frozenAt);
  // Read over REST as well when live: it paints at once, and keeps the screen useful if the socket cannot connect.
  // Frozen figures taken again ("Làm mới") stay on the slide until the new ones are in, rather than a loading notice.
  const rest = useAsync(`${JSON.stringify(params)}|${kind}|${live ? 'live' : slot}`, (signal) => api.snapshot(params, kind, signal),
    undefined, 0, frozenAt ? `${choiceKey}|${kind}|${slotRange.from.getTime()}` : undefined);
  const snapshot = live ? (liveSnapshot ?? rest.data) : rest.data;

  // The period on screen is the live figures' own: at midnight (or a month's first minute) they move to the new
  // period before this clock's next tick, and the comparison must move with them.
  const liveFrom = live && snapshot ? Date.parse(snapshot.from) : null;
  const liveTo = live && snapshot ? Date.parse(snapshot.to) : null;
  const { range, previousRange } = useMemo(() => {
    const r = liveFrom !== null && liveTo !== null ? { from: new Date(liveFrom), to: new Date(liveTo) } : slotRange;
    return { range: r, previousRange: comparisonRange(choice, r, new Date(slot), tz) };
  }, [slotRange, liveFrom, liveTo, choiceKey, slot, tz]);

  // The comparison and the trend move on with the clock (a longer window, a new hour) under the same period and kind:
  // what they showed stays on screen while they are read again (it flashed "chưa có" and "Đang tải" every 5 minutes).
  const series = `${choiceKey}|${kind}|${range.from.getTime()}`;
  const previous = useAsync(`${previousRange.from.getTime()}|${previousRange.to.getTime()}|${kind}`, (signal) =>
    api.snapshot(rangeParams(previousRange, tz), kind, signal),
  undefined, SLOW_REFRESH_MS, series);
  // One request per bucket (up to 24 for today), so asked once the current figures are there: asked together, the
  // current snapshot queued behind them on the server, and the first figures on screen waited for it.
  const withTrend = (options.withTrend ?? false) && snapshot !== null;
  // Read again every 5 minutes (the slot) and as a new bucket begins (the next hour of today): until then the live
  // figures' tail went into the last bucket read, the hour before.
  const bucketCount = trendBuckets(range, frozenAt ?? clock, tz).buckets.length;
  const trend = useAsync(withTrend ? `${range.from.getTime()}|${range.to.getTime()}|${kind}|${slot}|${bucketCount}` : null, async (signal) => {
    const { step, buckets } = trendBuckets(range, frozenAt ?? new Date(), tz);
    const totals = await mapLimited(buckets, 4, async (bucket) => {
      const s = await api.snapshot(rangeParams(frozenAt ? rangeUntil(bucket, frozenAt) : bucket, tz), kind, signal);
      return { t: isoInZone(bucket.from, tz), total: s.total };
    });
    return { step, buckets: totals };
  }, undefined, 0, series);

  // The rankings' trend lines: finished periods, which change only as late events arrive, so read seldom and kept
  // across the wall's rotations (and on screen while a new day's are read); like the trend, once the current figures
  // are there.
  const withEarlier = (options.withEarlier ?? false) && snapshot !== null;
  const earlier = useAsync(withEarlier ? `earlier|${choiceKey}|${range.from.getTime()}|${kind}` : null, async (signal) => {
    const periods = earlierPeriods(choice, range, EARLIER_PERIODS, tz);
    return scoresByUnit(await mapLimited(periods, 3, (period) => api.snapshot(rangeParams(period, tz), kind, signal)));
  }, EARLIER_REFRESH_MS, EARLIER_REFRESH_MS, `${choiceKey}|${kind}`);

  const { reload: reloadRest } = rest;
  const { reload: reloadPrevious } = previous;
  const { reload: reloadTrend } = trend;
  const { reload: reloadEarlier } = earlier;
  const reload = useCallback(() => {
    reloadRest();
    reloadPrevious();
    reloadTrend();
    reloadEarlier();
  }, [reloadRest, reloadPrevious, reloadTrend, reloadEarlier]);

  return {
    snapshot,
    previous: previous.data,
    previousRange,
    range,
    trend: trend.data,
    earlier: earlier.data,
    error: (live && liveSnapshot ? null : rest.error) ?? previous.error ?? trend.error ?? earlier.error,
    reload,
  };
}
