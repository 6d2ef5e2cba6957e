import { memo } from 'react';
import { grade, type Grade, type Metrics, type ScoringConfig } from '../../../shared/figures.js';
import { useApp } from '../context.js';
import { useI18n } from '../i18n/index.js';
import { changeArrow, kpiTiles, type KpiTile } from '../lib/kpis.js';
import { useVersus } from './Versus.js';

/** Rates are tinted with the band their value would earn as a score, so tiles read like the 766 index. */
function bandOf(tile: KpiTile, scoring: ScoringConfig): Grade | null {
  if (tile.format !== 'percent' || tile.value === null) return null;
  return grade(tile.value * 100, scoring);
}

export const KpiTiles = memo(function KpiTiles({ current, previous }: { current: Metrics; previous: Metrics | null }) {
  const { t, fmt } = useI18n();
  const { config } = useApp();
  const yearAgo = useVersus() === 'yearAgo';
  const tiles = kpiTiles(current, previous);
  return (
    <ul className="kpis" aria-label={t('navOverview')}>
      {tiles.map((tile) => {
        const band = bandOf(tile, config.scoring);
        const value = tile.format === 'percent' ? fmt.percent(tile.value, 1) : fmt.count(tile.value);
        const change =
          tile.change === null
            ? previous ? t('noData') : t(yearAgo ? 'noYearAgo' : 'noPrevious')
            : `${changeArrow(tile.change, tile.trend)} ${fmt.signed(tile.change, tile.format === 'percent' ? 1 : 0)}${tile.format === 'percent' ? ` ${t('percentPoints')}` : ''}`;
        return (
          <li key={tile.key} className={`kpi ${band ? `band-${band}` : ''}`} data-kpi={tile.key}>
            <span className="kpi-label">{t(`kpi_${tile.key}`)}</span>
            <strong className="kpi-value num">{value}</strong>
            <span className={`kpi-change trend-${tile.trend ?? 'none'}`} title={t(yearAgo ? 'vsYearAgo' : 'vsPrevious')}>
              {change} <span className="sr-only">{t(yearAgo ? 'vsYearAgo' : 'vsPrevious')}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
});
