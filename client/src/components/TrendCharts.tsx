import { memo, useMemo } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../i18n/index.js';
import { rateAxis, type TrendRow } from '../lib/charts.js';
import { COLORS } from './chartColors.js';

/** Tick text filled, not stroked: an outline around each glyph blurred the labels. */
const axis = { fill: 'var(--muted)', fontSize: '0.8rem' };

/**
 * The time axis of both charts. Labels that do not all fit are thinned at a regular step from the first (every other
 * hour, say): Recharts' default kept the last and dropped whichever ran into it, so the wall read "10:00 … 12:00".
 */
function timeAxis(rem: number) {
  return { dataKey: 'label', tick: axis, stroke: 'var(--muted)', height: Math.max(30, rem * 1.45), tickMargin: rem * 0.15, interval: 'equidistantPreserveStart' } as const;
}

/** Chart geometry in CSS pixels follows the root font size, so a 4K wall display scales like 1080p. */
export function useRem(): number {
  return useMemo(() => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16, []);
}

/** Received vs resolved per bucket. Animations are off: live data would replay them on every update. */
export const ReceivedResolvedChart = memo(function ReceivedResolvedChart({ rows }: { rows: readonly TrendRow[] }) {
  const { t, fmt } = useI18n();
  const rem = useRem();
  if (rows.length === 0) return <p className="empty">{t('empty')}</p>;
  return (
    <div className="chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows as TrendRow[]} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis {...timeAxis(rem)} />
          <YAxis tick={axis} stroke="var(--muted)" tickFormatter={(v: number) => fmt.count(v)} width={rem * 3} allowDecimals={false} />
          <Tooltip formatter={(v) => fmt.count(Number(v))} contentStyle={{ background: 'var(--card)', border: '1px solid var(--line)' }} />
          <Legend iconSize={rem * 0.8} />
          <Bar dataKey="received" name={t('kpi_received')} fill={COLORS.received} isAnimationActive={false} />
          <Line dataKey="resolved" name={t('kpi_resolved')} stroke={COLORS.resolved} strokeWidth={rem / 5} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
});

/** Progress and on-time rate per bucket, in percent. */
export const RatesChart = memo(function RatesChart({ rows }: { rows: readonly TrendRow[] }) {
  const { t, fmt } = useI18n();
  const rem = useRem();
  if (rows.length === 0) return <p className="empty">{t('empty')}</p>;
  const hasProgress = rows.some((r) => r.progressRate !== null);
  // A line needs two points: a rate known for one bucket only (the first resolutions of the morning) is drawn as a dot.
  const dot = (key: 'progressRate' | 'onTimeRate') => (rows.filter((r) => r[key] !== null).length === 1 ? { r: rem / 4 } : false);
  const { floor, ticks } = rateAxis(rows);
  return (
    <div className="chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows as TrendRow[]} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          {/* Points sit on the axis's ends, unlike bars: padded so the first and last labels fit and are not thinned away. */}
          <XAxis {...timeAxis(rem)} padding={{ left: rem * 1.5, right: rem * 1.5 }} />
          <YAxis tick={axis} stroke="var(--muted)" domain={[floor, 100]} ticks={ticks} tickFormatter={(v: number) => fmt.percent(v / 100, 0)} width={rem * 4} />
          <Tooltip formatter={(v) => fmt.percent(Number(v) / 100, 1)} contentStyle={{ background: 'var(--card)', border: '1px solid var(--line)' }} />
          <Legend iconSize={rem * 0.8} />
          {hasProgress && <Line dataKey="progressRate" name={t('kpi_progressRate')} stroke={COLORS.progress} strokeWidth={rem / 5} dot={dot('progressRate')} connectNulls isAnimationActive={false} />}
          <Line dataKey="onTimeRate" name={t('kpi_onTimeRate')} stroke={COLORS.onTime} strokeWidth={rem / 5} strokeDasharray={`${rem / 2} ${rem / 4}`} dot={dot('onTimeRate')} connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
});
