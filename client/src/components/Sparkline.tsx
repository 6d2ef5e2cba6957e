/** A small inline SVG line: cheaper than a chart library for thirty rows updating live. */
export function Sparkline({ values, label, width = 80, height = 22 }: { values: readonly number[]; label: string; width?: number; height?: number }) {
  if (values.length < 2) return <span className="muted" aria-label={label}>–</span>;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const points = values
    .map((v, i) => `${((i / (values.length - 1)) * (width - 2) + 1).toFixed(1)},${(height - 1 - ((v - min) / span) * (height - 2)).toFixed(1)}`)
    .join(' ');
  const last = values[values.length - 1] ?? 0;
  const first = values[0] ?? 0;
  return (
    <svg className={`sparkline ${last >= first ? 'up' : 'down'}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <polyline points={points} fill="none" strokeWidth="2" />
    </svg>
  );
}
