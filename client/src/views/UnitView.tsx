import { useMemo } from 'react';
import type { Snapshot, UnitSnapshot } from '../../../shared/snapshot.js';
import { ChartCard } from '../components/ChartCard.js';
import { ExportButtons } from '../components/ExportButtons.js';
import { ExportPeriod } from '../components/ExportPeriod.js';
import { GradeBadge } from '../components/GradeBadge.js';
import { ScoreExplanation } from '../components/ScoreExplanation.js';
import { OverdueCells, WallOverdueList } from '../components/WallOverdueList.js';
import { RatesChart, ReceivedResolvedChart, useChartsPreload } from '../components/LazyCharts.js';
import { useApp } from '../context.js';
import { useI18n } from '../i18n/index.js';
import { unitComparison, unitTrend, worstProcedures } from '../lib/charts.js';
import { parsePeriodChoice, periodChoiceParams } from '../lib/periods.js';
import { overdueTable, proceduresTable } from '../lib/tables.js';
import { Link, hrefWith, useLocation } from '../router.js';

interface Props {
  data: UnitSnapshot;
  /** The city snapshot of the unit's kind: its total is the city, its units the peers. */
  city: Snapshot | null;
  mode: 'dashboard' | 'display' | 'present';
}

export function UnitView({ data, city, mode }: Props) {
  const { t, fmt } = useI18n();
  useChartsPreload();
  const { config } = useApp();
  const { unit } = data;
  const exportable = mode !== 'display';
  const trendRows = useMemo(
    () => unitTrend(data.series.points, data.series.step === 'hour' ? fmt.hourMinute : fmt.dayMonth),
    [data.series, fmt],
  );
  const comparison = city ? unitComparison(unit, city.total, city.units, config.scoring) : [];
  const procedures = worstProcedures(data.procedures, mode === 'display' ? 5 : 10);
  const overdue = [...data.overdueDossiers].sort((a, b) => b.daysOverdue - a.daysOverdue).slice(0, 200);
  const rate = (key: string, v: number | null) => (key === 'score' ? fmt.score(v) : fmt.percent(v, 1));
  // On the dashboard a procedure opens its figures across the city's units, for the same period.
  const periodQuery = periodChoiceParams(parsePeriodChoice(useLocation().params));

  return (
    <ExportPeriod figures={data}>
      <div className={`unit-view unit-${mode}`}>
        <header className="unit-head">
          <h1>{unit.name}</h1>
          <span className="num">{t('unitRank', { rank: unit.rank, peers: data.peers })}</span>
          <strong className="num big-score">{fmt.score(unit.score)}</strong>
          <GradeBadge grade={unit.grade} />
        </header>
        <div className="unit-grid">
          <section className="card u-compare" aria-label={t('unitVsCity')}>
            <h2>{t('unitVsCity')}</h2>
            {comparison.length === 0 ? <p className="empty">{t('loading')}</p> : (
              <table className="compare">
                <thead><tr><th /><th scope="col" className="num">{t('thisUnit')}</th><th scope="col" className="num">{t('cityAverage')}</th><th scope="col" className="num">{t('peerAverage')}</th></tr></thead>
                <tbody>
                  {comparison.map((row) => (
                    <tr key={row.key}>
                      <th scope="row" className="left">{t(row.key === 'score' ? 'col_score' : `kpi_${row.key}`)}</th>
                      <td className={`num ${row.unit !== null && row.city !== null ? (row.unit >= row.city ? 'good' : 'warn') : ''}`}>{rate(row.key, row.unit)}</td>
                      <td className="num">{rate(row.key, row.city)}</td>
                      <td className="num">{rate(row.key, row.peers)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card u-explain" aria-label={t('scoreExplained')}>
            <h2>{t('scoreExplained')}</h2>
            <ScoreExplanation metrics={unit} scoring={config.scoring} />
          </section>
          <ChartCard title={t('unitTrend')} exportable={exportable} className="span-2 u-trend">
            <ReceivedResolvedChart rows={trendRows} />
          </ChartCard>
          {mode !== 'display' && (
            <ChartCard title={t('kpi_onTimeRate')} exportable={exportable} className="span-2 u-rates">
              <RatesChart rows={trendRows} />
            </ChartCard>
          )}
          <section className="card u-procs" aria-label={t('proceduresLate')}>
            <header className="card-header">
              <h2>{t('proceduresLate')}</h2>
              {exportable && <ExportButtons table={() => proceduresTable(`${unit.name} – ${t('proceduresLate')}`, procedures, (k) => t(k))} />}
            </header>
            {procedures.length === 0 ? <p className="empty">{t('noOverdue')}</p> : (
              <table>
                <thead><tr><th scope="col" className="left">{t('procedure')}</th><th scope="col" className="num">{t('late')}</th><th scope="col" className="num">{t('col_overdue')}</th><th scope="col" className="num">{t('kpi_onTimeRate')}</th></tr></thead>
                <tbody>
                  {procedures.map((p) => (
                    <tr key={p.procedureCode}>
                      <th scope="row" className="left">
                        {mode === 'dashboard'
                          ? <Link href={hrefWith(`/procedures/${encodeURIComponent(p.procedureCode)}`, periodQuery)}>{p.name ?? p.procedureCode}</Link>
                          : p.name ?? p.procedureCode}
                      </th>
                      <td className="num">{fmt.count(p.resolvedLate)}</td>
                      <td className={p.overdue > 0 ? 'num warn' : 'num'}>{fmt.count(p.overdue)}</td>
                      <td className="num">{fmt.percent(p.onTimeRate, 1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card u-overdue" aria-label={t('overdueDossiers')}>
            <header className="card-header">
              <h2>{t('overdueDossiers')} <span className="num muted">({fmt.count(data.overdueDossiers.length)})</span></h2>
              {exportable && <ExportButtons table={() => overdueTable(`${unit.name} – ${t('overdueDossiers')}`, data.overdueDossiers, (k) => t(k), fmt.date)} />}
            </header>
            {overdue.length === 0 ? <p className="empty">{t('noOverdue')}</p> : mode === 'display' ? <WallOverdueList dossiers={overdue} total={data.overdueDossiers.length} /> : (
              <div className="table-scroll short">
                <table>
                  <thead><tr><th scope="col" className="left">{t('dossierId')}</th><th scope="col" className="left">{t('procedure')}</th><th scope="col" className="num">{t('dueAt')}</th><th scope="col" className="num">{t('daysOverdue')}</th></tr></thead>
                  <tbody>
                    {overdue.map((d) => (
                      <tr key={d.dossierId}>
                        <td className="left mono">{d.dossierId}</td>
                        <OverdueCells dossier={d} />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
      </div>
    </ExportPeriod>
  );
}
