import { memo } from 'react';
import { grade, type Grade, type Metrics, type ScoringConfig } from '../../../shared/figures.js';
import { useApp } from '../context.js';
import { useI18n } from '../i18n/index.js';
import type { MessageKey } from '../i18n/vi.js';
import { changeArrow, kpiTiles, OVERVIEW_KPIS, type KpiKey, type KpiTile } from '../lib/kpis.js';
import { useVersus } from './Versus.js';

/** Rates are tinted with the band their value would earn as a score, so tiles read like the 766 index. */
function bandOf(tile: KpiTile, scoring: ScoringConfig): Grade | null {
  if (tile.format !== 'percent' || tile.value === null) return null;
  return grade(tile.value * 100, scoring);
}

interface Props {
  current: Metrics;
  /** The figures compared with; null while they are read, or where there are none. */
  previous: Metrics | null;
  /** Which tiles, in order: the overview's unless told. */
  keys?: readonly KpiKey[];
  /** Names the list for a screen reader: the overview unless told. */
  label?: string;
  className?: string;
  /** Without a change line: figures nothing is compared with (a procedure's on the wall). */
  uncompared?: boolean;
  /** Some tiles' explanation, their tooltip. */
  explained?: Partial<Record<KpiKey, MessageKey>>;
  /** Counts that are bad news (late, overdue) in the warning colour whenever there are any: where one procedure is read. */
  warnBadCounts?: boolean;
}

export const KpiTiles = memo(function KpiTiles({ current, previous, keys = OVERVIEW_KPIS, label, className, uncompared = false, explained, warnBadCounts = false }: Props) {
  const { t, fmt } = useI18n();
  const { config } = useApp();
  const yearAgo = useVersus() === 'yearAgo';
  const tiles = kpiTiles(current, previous, keys);
  return (
    <ul className={className ? `kpis ${className}` : 'kpis'} aria-label={label ?? t('navOverview')}>
      {tiles.map((tile) => {
        const band = bandOf(tile, config.scoring);
        const value = tile.format === 'percent' ? fmt.percent(tile.value, 1) : fmt.count(tile.value);
        const warn = warnBadCounts && tile.format === 'count' && tile.higherIsBetter === false && (tile.value ?? 0) > 0;
        const change =
          tile.change === null
            ? previous ? t('noData') : t(yearAgo ? 'noYearAgo' : 'noPrevious')
            : `${changeArrow(tile.change, tile.trend)} ${fmt.signed(tile.change, tile.format === 'percent' ? 1 : 0)}${tile.format === 'percent' ? ` ${t('percentPoints')}` : ''}`;
        const note = explained?.[tile.key];
        return (
          <li key={tile.key} className={`kpi ${band ? `band-${band}` : ''}`} data-kpi={tile.key} title={note ? t(note) : undefined}>
            <span className="kpi-label">{t(`kpi_${tile.key}`)}</span>
            <strong className={`kpi-value num${warn ? ' warn' : ''}`}>{value}</strong>
            {!uncompared && (
              <span className={`kpi-change trend-${tile.trend ?? 'none'}`} title={t(yearAgo ? 'vsYearAgo' : 'vsPrevious')}>
                {change} <span className="sr-only">{t(yearAgo ? 'vsYearAgo' : 'vsPrevious')}</span>
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
});
