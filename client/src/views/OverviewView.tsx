import { useMemo } from 'react';
import type { Snapshot } from '../../../shared/snapshot.js';
import { BestWorst } from '../components/BestWorst.js';
import { ChartCard } from '../components/ChartCard.js';
import { KpiTiles } from '../components/KpiTiles.js';
import { ChannelMix, FeedbackChart } from '../components/MixCharts.js';
import { Ticker } from '../components/Ticker.js';
import { RatesChart, ReceivedResolvedChart, useChartsPreload } from '../components/LazyCharts.js';
import type { CityFigures } from '../hooks/useFigures.js';
import { useI18n } from '../i18n/index.js';
import { cityTrend, withLiveTail } from '../lib/charts.js';
import { kpiTiles } from '../lib/kpis.js';
import { kpiTable } from '../lib/tables.js';
import { ExportButtons } from '../components/ExportButtons.js';
import { ExportPeriod } from '../components/ExportPeriod.js';
import { useVersus } from '../components/Versus.js';

interface Props {
  snapshot: Snapshot;
  figures: Pick<CityFigures, 'previous' | 'trend'>;
  /** Wall display: no buttons, ticker shown. Presenter: exports, no ticker (figures are frozen). */
  mode: 'dashboard' | 'display' | 'present';
}

/** The city overview: KPI tiles, trends, channels, feedback, best and worst units, live ticker. */
export function OverviewView({ snapshot, figures, mode }: Props) {
  const { t, fmt } = useI18n();
  const versus = useVersus();
  useChartsPreload();
  const trend = figures.trend;
  const exportable = mode !== 'display';
  const rows = useMemo(() => {
    if (!trend) return [];
    const label = trend.step === 'hour' ? fmt.hourMinute : trend.step === 'day' ? fmt.dayMonth : (iso: string) => fmt.date(iso).slice(3);
    return cityTrend(mode === 'present' ? trend.buckets : withLiveTail(trend.buckets, snapshot.total), label);
  }, [trend, fmt, mode, snapshot.total]);
  return (
    <ExportPeriod figures={snapshot}>
      <div className={`overview overview-${mode}`}>
        {exportable && (
          <div className="kpi-tools" data-no-export>
            <ExportButtons table={() => kpiTable(t('navOverview'), kpiTiles(snapshot.total, figures.previous?.total ?? null), (k) => t(k), versus === 'yearAgo' ? 'compare_yearAgo' : 'kpiPrevious')} />
          </div>
        )}
        <KpiTiles current={snapshot.total} previous={figures.previous?.total ?? null} />
        <div className="overview-grid">
          <ChartCard title={t('chartReceivedResolved')} exportable={exportable} className="span-2 c-trend">
            {trend ? <ReceivedResolvedChart rows={rows} /> : <p className="empty">{t('loading')}</p>}
          </ChartCard>
          <ChartCard title={t('chartRates')} exportable={exportable} className="span-2 c-rates">
            {trend ? <RatesChart rows={rows} /> : <p className="empty">{t('loading')}</p>}
          </ChartCard>
          <ChartCard title={t('chartChannels')} exportable={exportable} className="c-mini c-channels">
            <ChannelMix total={snapshot.total} chartless={mode === 'display'} />
          </ChartCard>
          <ChartCard title={t('chartFeedback')} exportable={exportable} className="c-mini c-feedback">
            <FeedbackChart total={snapshot.total} chartless={mode === 'display'} />
          </ChartCard>
          <section className="card span-2 c-best" aria-label={`${t('bestUnits')} / ${t('worstUnits')}`}>
            <BestWorst units={snapshot.units} n={mode === 'display' ? 4 : 5} />
          </section>
          {mode !== 'present' && <Ticker max={mode === 'display' ? 4 : 8} />}
        </div>
      </div>
    </ExportPeriod>
  );
}
