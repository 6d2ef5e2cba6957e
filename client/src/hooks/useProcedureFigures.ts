/** One procedure across the units for a period, and its city totals over the period compared with. */
import { useCallback, useMemo } from 'react';
import type { Period } from '../../../shared/periods.js';
import type { ProcedureFigures, ProcedureUnitsSnapshot } from '../../../shared/snapshot.js';
import { useApp } from '../context.js';
import { comparisonRange, periodRange, rangeParams, type PeriodChoice } from '../lib/periods.js';
import { PROCEDURES_REFRESH_MS } from '../lib/procedures.js';
import { useAsync } from './useAsync.js';
import { restPeriod, SLOW_REFRESH_MS } from './useFigures.js';

export interface ProcedureUnitsFigures {
  snapshot: ProcedureUnitsSnapshot | null;
  /** The procedure's city totals over `previousRange`; null until read. */
  previous: ProcedureFigures | null;
  /** The period compared with (the one before, or a year before), cut at the figures' instant; null until they are in. */
  previousRange: Period | null;
  error: Error | null;
  reload: () => void;
}

/**
 * `frozenAt` set (the presenter): every figure as of that instant, read again only when it changes. Otherwise a named
 * period is read again every minute, and the comparison as the overview's is: cut at the figures' instant to the
 * 5 minutes, so read again as often, not with every minute's figures.
 */
export function useProcedureFigures(code: string, choice: PeriodChoice, frozenAt: Date | null = null): ProcedureUnitsFigures {
  const { api, config } = useApp();
  const tz = config.timeZone;
  const choiceKey = JSON.stringify(choice);
  const query = restPeriod(choice, periodRange(choice, frozenAt ?? new Date(), tz), tz, frozenAt);
  // Taken again ("Làm mới"), a slide keeps its figures until the new ones are in.
  const current = useAsync(`procedure:${code}|${JSON.stringify(query)}|${frozenAt?.getTime() ?? 'now'}`,
    (signal) => api.procedureUnits(code, query, signal),
    frozenAt === null && choice.type === 'named' ? PROCEDURES_REFRESH_MS : undefined, 0,
    frozenAt ? `procedure:${code}|${choiceKey}` : undefined);
  const snapshot = current.data;

  // Asked once the figures are in: a code the catalog does not have is refused once, not twice.
  const from = snapshot?.from ?? null;
  const to = snapshot?.to ?? null;
  const asOf = snapshot?.asOf ?? null;
  const frozenMs = frozenAt?.getTime() ?? null;
  const previousRange = useMemo(() => {
    if (from === null || to === null || asOf === null) return null;
    // Frozen figures are those of the period up to the instant (their `to`); the comparison is the whole period's.
    if (frozenMs !== null) return comparisonRange(choice, periodRange(choice, new Date(frozenMs), tz), new Date(frozenMs), tz);
    const cut = Math.floor(Date.parse(asOf) / SLOW_REFRESH_MS) * SLOW_REFRESH_MS;
    return comparisonRange(choice, { from: new Date(from), to: new Date(to) }, new Date(cut), tz);
    // choiceKey stands for choice: a new but equal object must not recompute
  }, [choiceKey, from, to, asOf, frozenMs, tz]);
  // What it showed stays on screen while the same period's comparison, a few minutes longer, is read again.
  const previousQuery = previousRange ? rangeParams(previousRange, tz) : null;
  const previous = useAsync(previousQuery ? `procedure:${code}|previous|${JSON.stringify(previousQuery)}` : null,
    // Never run without a query: its key is null then.
    async (signal) => (await api.procedureUnits(code, previousQuery ?? {}, signal)).procedure,
    frozenAt ? undefined : SLOW_REFRESH_MS, 0, `procedure:${code}|previous|${choiceKey}|${from ?? ''}`);

  const { reload: reloadCurrent } = current;
  const { reload: reloadPrevious } = previous;
  const reload = useCallback(() => {
    reloadCurrent();
    reloadPrevious();
  }, [reloadCurrent, reloadPrevious]);
  return { snapshot, previous: previous.data, previousRange, error: current.error, reload };
}
