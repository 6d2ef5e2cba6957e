import { memo } from 'react';
import type { Grade, Metrics } from '../../../shared/figures.js';
import { useI18n } from '../i18n/index.js';
import { kpiTiles, type KpiTile } from '../lib/kpis.js';

/** Rates are tinted with the band their value would earn as a score, so tiles read like the 766 index. */
function bandOf(tile: KpiTile): Grade | null {
  if (tile.format !== 'percent' || tile.value === null) return null;
  const v = tile.value * 100;
  return v >= 90 ? 'excellent' : v >= 80 ? 'good' : v >= 70 ? 'fair' : v >= 50 ? 'average' : 'weak';
}

export const KpiTiles = memo(function KpiTiles({ current, previous }: { current: Metrics; previous: Metrics | null }) {
  const { t, fmt } = useI18n();
  const tiles = kpiTiles(current, previous);
  return (
    <ul className="kpis" aria-label={t('navOverview')}>
      {tiles.map((tile) => {
        const band = bandOf(tile);
        const value = tile.format === 'percent' ? fmt.percent(tile.value, 1) : fmt.count(tile.value);
        const change =
          tile.change === null
            ? previous ? t('noData') : t('noPrevious')
            : `${tile.change > 0 ? '▲' : tile.change < 0 ? '▼' : '■'} ${fmt.signed(tile.change, tile.format === 'percent' ? 1 : 0)}${tile.format === 'percent' ? ` ${t('percentPoints')}` : ''}`;
        return (
          <li key={tile.key} className={`kpi ${band ? `band-${band}` : ''}`} data-kpi={tile.key}>
            <span className="kpi-label">{t(`kpi_${tile.key}`)}</span>
            <strong className="kpi-value num">{value}</strong>
            <span className={`kpi-change trend-${tile.trend ?? 'none'}`} title={t('vsPrevious')}>
              {change} <span className="sr-only">{t('vsPrevious')}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
});
