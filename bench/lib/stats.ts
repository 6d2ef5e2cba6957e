/** Percentiles and the one-line "figure beside target" report every benchmark prints. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  /** The target, as `≥ x` or `≤ x` of the same unit. */
  target: { op: '>=' | '<='; value: number } | null;
  note?: string;
}

export function meets(f: Figure): boolean | null {
  if (f.value === null || f.target === null || Number.isNaN(f.value)) return null;
  return f.target.op === '>=' ? f.value >= f.target.value : f.value <= f.target.value;
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 2 }));

export function describe(f: Figure): string {
  const value = f.value === null || Number.isNaN(f.value) ? 'not measured' : `${fmt(f.value)} ${f.unit}`;
  const target = f.target ? `${f.target.op === '>=' ? '≥' : '≤'} ${fmt(f.target.value)} ${f.unit}` : 'no target';
  const ok = meets(f);
  return `${f.name}: ${value}  (target ${target})  ${ok === null ? '' : ok ? 'MET' : 'MISSED'}`;
}
