import { sparklinePoints } from '../lib/charts.js';

/** A small inline SVG line (`sparklinePoints`): cheaper than a chart library for thirty rows updating live. */
export function Sparkline({ values, label, width = 80, height = 22, minSpan = 0 }: {
  values: readonly number[]; label: string; width?: number; height?: number; minSpan?: number;
}) {
  if (values.length < 2) return <span className="muted" aria-label={label}>–</span>;
  const points = sparklinePoints(values, width, height, minSpan);
  const last = values[values.length - 1] ?? 0;
  const first = values[0] ?? 0;
  return (
    <svg className={`sparkline ${last >= first ? 'up' : 'down'}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}
