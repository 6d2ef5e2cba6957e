import { memo, useLayoutEffect, useRef, type CSSProperties } from 'react';
import { mayOpenUnit } from '../../../shared/api.js';
import { SCORE_COMPONENTS, type ScoreComponent, type ScoringConfig } from '../../../shared/figures.js';
import { useApp } from '../context.js';
import { useI18n } from '../i18n/index.js';
import { useVersus } from './Versus.js';
import type { MessageKey } from '../i18n/vi.js';
import { defaultDescending, EARLIER_PERIODS, trendLine, type RankingRow, type SortColumn, type SortState } from '../lib/rankings.js';
import { Link, hrefWith } from '../router.js';
import { GradeBadge } from './GradeBadge.js';
import { Sparkline } from './Sparkline.js';

interface Props {
  rows: readonly RankingRow[];
  /** Each unit's score in the earlier periods its trend line starts with (`scoresByUnit`); null while they are read. */
  earlier: ReadonlyMap<string, readonly (number | null)[]> | null;
  scoring: ScoringConfig;
  /** Omitted on the wall display: no clicking there, and fewer columns. */
  sort?: SortState;
  onSort?: (sort: SortState) => void;
  compact?: boolean;
  /** Period query kept on links to units. */
  periodQuery?: Record<string, string>;
}

/**
 * FLIP: after each render, rows that moved are put back where they were with a transform, then let go,
 * so a live re-ranking glides instead of jumping. Positions are offsets within the table, immune to scrolling.
 */
function useFlip(order: string) {
  const rowsRef = useRef(new Map<string, HTMLTableRowElement>());
  const positions = useRef(new Map<string, number>());
  useLayoutEffect(() => {
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const next = new Map<string, number>();
    for (const [code, row] of rowsRef.current) {
      const top = row.offsetTop;
      next.set(code, top);
      const before = positions.current.get(code);
      if (reduce || before === undefined || before === top) continue;
      row.style.transition = 'none';
      row.style.transform = `translateY(${before - top}px)`;
      requestAnimationFrame(() => {
        row.style.transition = 'transform 700ms ease-in-out';
        row.style.transform = '';
      });
    }
    positions.current = next;
  }, [order]);
  return rowsRef;
}

/** `unscored`: the unit has no score this period, so no standing to compare (its place only follows its code). */
function RankChange({ change, unscored }: { change: number | null; unscored: boolean }) {
  const { t } = useI18n();
  const unranked = t(useVersus() === 'yearAgo' ? 'rankNewYearAgo' : 'rankNew');
  if (unscored) return <span className="rank-change">–</span>;
  if (change === null) return <span className="rank-change new" title={unranked}>•<span className="sr-only">{unranked}</span></span>;
  if (change === 0) return <span className="rank-change same" title={t('rankSame')}>=<span className="sr-only">{t('rankSame')}</span></span>;
  const up = change > 0;
  const label = t(up ? 'rankUp' : 'rankDown', { n: Math.abs(change) });
  return <span className={`rank-change ${up ? 'up' : 'down'}`} title={label} aria-label={label}>{up ? '▲' : '▼'}{Math.abs(change)}</span>;
}

/** A trend line's height stands for at least this many score points: a unit steady within a point or two reads as steady. */
const TREND_MIN_SPAN = 10;

/** The unit's score over the earlier periods and this one, the figures in its tooltip and label. */
function TrendLine({ values }: { values: readonly number[] }) {
  const { t, fmt } = useI18n();
  const label = `${t('col_trend')}: ${values.map((v) => fmt.score(v)).join(' → ')}`;
  return <span title={values.length > 1 ? label : undefined}><Sparkline values={values} label={label} minSpan={TREND_MIN_SPAN} /></span>;
}

export const RankingTable = memo(function RankingTable({ rows, earlier, scoring, sort, onSort, compact = false, periodQuery = {} }: Props) {
  const { t, fmt } = useI18n();
  const { me } = useApp();
  const order = rows.map((r) => r.unit.code).join(',');
  const rowsRef = useFlip(order);
  const components: readonly ScoreComponent[] = compact ? [] : SCORE_COMPONENTS;

  const header = (column: SortColumn, key: MessageKey, className = '') => {
    const active = sort?.column === column;
    const ariaSort = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
    return (
      <th key={column} scope="col" className={className} aria-sort={onSort ? ariaSort : undefined}>
        {onSort ? (
          <button type="button" className="sort" title={t('sortBy', { column: t(key) })}
            onClick={() => onSort({ column, descending: active ? !sort.descending : defaultDescending(column) })}>
            {t(key)}{active ? (sort.descending ? ' ↓' : ' ↑') : ''}
          </button>
        ) : t(key)}
      </th>
    );
  };

  return (
    <table className={`ranking ${compact ? 'compact' : ''}`}>
      <thead>
        <tr>
          {header('rank', 'col_rank', 'num')}
          {header('rankChange', 'col_change')}
          {header('name', 'col_unit', 'left')}
          {header('score', 'col_score', 'num')}
          <th scope="col">{t('col_grade')}</th>
          {components.map((c) => header(c, `comp_${c}`, 'num'))}
          <th scope="col" title={t('trendExplained', { n: EARLIER_PERIODS })}>{t('col_trend')}</th>
          {!compact && header('received', 'col_received', 'num')}
          {header('overdue', 'col_overdue', 'num')}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const { unit } = row;
          return (
            <tr key={unit.code} data-unit={unit.code}
              ref={(el) => { if (el) rowsRef.current.set(unit.code, el); else rowsRef.current.delete(unit.code); }}>
              <td className="num rank">{unit.rank}</td>
              <td><RankChange change={row.rankChange} unscored={unit.score === null} /></td>
              <th scope="row" className="left unit-name">
                {compact || !mayOpenUnit(me, unit.code) ? unit.name : <Link href={hrefWith(`/unit/${encodeURIComponent(unit.code)}`, periodQuery)}>{unit.name}</Link>}
              </th>
              <td className="num score">{fmt.score(unit.score)}</td>
              <td><GradeBadge grade={unit.grade} /></td>
              {components.map((c) => {
                const value = row.components[c];
                return (
                  <td key={c} className="num component" style={{ '--fill': `${Math.round((value ?? 0) * 100)}%` } as CSSProperties}
                    title={value === null ? t('noData') : `${fmt.score(value * scoring.points[c])} / ${scoring.points[c]}`}>
                    {fmt.percent(row.shares[c], 1)}
                  </td>
                );
              })}
              <td><TrendLine values={trendLine(earlier, unit)} /></td>
              {!compact && <td className="num">{fmt.count(unit.received)}</td>}
              <td className={`num ${unit.overdue > 0 ? 'warn' : ''}`}>{fmt.count(unit.overdue)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});
