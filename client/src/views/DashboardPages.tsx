/** The interactive dashboard: overview, rankings, procedures (the city's, one's units) and unit pages, driven by the address. */
import { UNIT_KINDS, type UnitKind } from '../../../shared/catalog.js';
import { PeriodLine } from '../components/PeriodLine.js';
import { useApp } from '../context.js';
import { useAsync } from '../hooks/useAsync.js';
import { restPeriod, useCityFigures } from '../hooks/useFigures.js';
import { useProcedureFigures } from '../hooks/useProcedureFigures.js';
import { useLiveUnit } from '../hooks/useLive.js';
import { useI18n } from '../i18n/index.js';
import { isNotFound } from '../lib/api.js';
import { parsePeriodChoice, periodChoiceParams, periodRange } from '../lib/periods.js';
import { PROCEDURES_REFRESH_MS } from '../lib/procedures.js';
import { Link, hrefWith, navigate, useLocation } from '../router.js';
import { OverviewView } from './OverviewView.js';
import { ProcedureNotFound, ProcedureUnitsView } from './ProcedureUnitsView.js';
import { ProceduresView } from './ProceduresView.js';
import { RankingsView } from './RankingsView.js';
import { LoadError, Loading, Shell, UnitRefused, unitRefusal } from './Shell.js';
import { UnitView } from './UnitView.js';

function kindOf(params: URLSearchParams): UnitKind {
  const kind = params.get('kind');
  return UNIT_KINDS.find((k) => k === kind) ?? 'district';
}

export function OverviewPage() {
  const { params } = useLocation();
  const choice = parsePeriodChoice(params);
  const figures = useCityFigures(choice, kindOf(params), { withTrend: true });
  return (
    <Shell choice={choice} live={choice.type === 'named'} compare>
      {figures.snapshot && <PeriodLine range={figures.range} until={new Date(Date.parse(figures.snapshot.asOf))} previousRange={figures.previousRange} />}
      {figures.snapshot ? <OverviewView snapshot={figures.snapshot} figures={figures} mode="dashboard" />
        : figures.error ? <LoadError error={figures.error} retry={figures.reload} /> : <Loading />}
    </Shell>
  );
}

export function RankingsPage() {
  const { t } = useI18n();
  const { params } = useLocation();
  const choice = parsePeriodChoice(params);
  const kind = kindOf(params);
  const figures = useCityFigures(choice, kind, { withEarlier: true });
  const periodQuery = periodChoiceParams(choice);
  return (
    <Shell choice={choice} live={choice.type === 'named'} compare>
      <div className="tabs" role="tablist">
        {UNIT_KINDS.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={k === kind} onClick={() => navigate(hrefWith('/rankings', { ...periodQuery, kind: k }))}>
            {t(`kind_${k}`)}
          </button>
        ))}
      </div>
      {figures.snapshot && <PeriodLine range={figures.range} until={new Date(Date.parse(figures.snapshot.asOf))} previousRange={figures.previousRange} />}
      {figures.snapshot ? <RankingsView snapshot={figures.snapshot} previous={figures.previous} earlier={figures.earlier} kind={kind} mode="dashboard" periodQuery={periodQuery} />
        : figures.error ? <LoadError error={figures.error} retry={figures.reload} /> : <Loading />}
    </Shell>
  );
}

export function ProceduresPage() {
  const { api, config } = useApp();
  const { params } = useLocation();
  const choice = parsePeriodChoice(params);
  const query = restPeriod(choice, periodRange(choice, new Date(), config.timeZone), config.timeZone);
  const procedures = useAsync(JSON.stringify(query), (signal) => api.procedureSnapshot(query, signal),
    choice.type === 'named' ? PROCEDURES_REFRESH_MS : undefined);
  const data = procedures.data;
  return (
    <Shell choice={choice} live={false}>
      {data && <PeriodLine range={{ from: new Date(data.from), to: new Date(data.to) }} until={new Date(data.asOf)} />}
      {data ? <ProceduresView snapshot={data} mode="dashboard" periodQuery={periodChoiceParams(choice)} />
        : procedures.error ? <LoadError error={procedures.error} retry={procedures.reload} /> : <Loading />}
    </Shell>
  );
}

/**
 * One procedure across the city: where (which districts and departments) it runs late, for the period chosen, and its
 * city totals against the period compared with.
 */
export function ProcedurePage({ code }: { code: string }) {
  const { t } = useI18n();
  const { params } = useLocation();
  const choice = parsePeriodChoice(params);
  const periodQuery = periodChoiceParams(choice);
  const figures = useProcedureFigures(code, choice);
  const data = figures.snapshot;
  return (
    <Shell choice={choice} live={false} compare>
      <p><Link href={hrefWith('/procedures', periodQuery)}>{t('backToProcedures')}</Link></p>
      {data && <PeriodLine range={{ from: new Date(data.from), to: new Date(data.to) }} until={new Date(data.asOf)} previousRange={figures.previousRange ?? undefined} />}
      {data ? <ProcedureUnitsView snapshot={data} previous={figures.previous} mode="dashboard" periodQuery={periodQuery} />
        // An unknown code (a mistyped link) is named, with nothing to retry: asking again changes nothing.
        : isNotFound(figures.error) ? <ProcedureNotFound code={code} />
        : figures.error ? <LoadError error={figures.error} retry={figures.reload} /> : <Loading />}
    </Shell>
  );
}

export function UnitPage({ code }: { code: string }) {
  const { t } = useI18n();
  const { api, config } = useApp();
  const { params } = useLocation();
  const choice = parsePeriodChoice(params);
  const live = choice.type === 'named';
  const liveUnit = useLiveUnit(code, choice.type === 'named' ? choice.period : 'today', live);
  const query = restPeriod(choice, periodRange(choice, new Date(), config.timeZone), config.timeZone);
  const rest = useAsync(`${code}|${JSON.stringify(query)}`, (signal) => api.unitSnapshot(code, query, signal));
  const data = live ? (liveUnit.data ?? rest.data) : rest.data;
  const kind = data?.unit.kind ?? null;
  const city = useAsync(kind ? `${kind}|${JSON.stringify(query)}` : null, (signal) => api.snapshot(query, kind ?? 'district', signal), 60_000);
  const refusal = unitRefusal(rest.error, live ? liveUnit.refused : null);
  return (
    <Shell choice={choice} live={live}>
      <p><Link href={hrefWith('/rankings', { ...periodChoiceParams(choice), kind: kind ?? undefined })}>{t('backToRankings')}</Link></p>
      {data && <PeriodLine range={{ from: new Date(data.from), to: new Date(data.to) }} until={new Date(data.asOf)} />}
      {data ? <UnitView data={data} city={city.data} mode="dashboard" />
        : refusal ? <UnitRefused refusal={refusal} code={code} />
        : rest.error ? <LoadError error={rest.error} retry={rest.reload} /> : <Loading />}
    </Shell>
  );
}

/** An address the dashboard has no page for (a mistyped or outdated link): says so, with the way back. */
export function NotFoundPage({ path }: { path: string }) {
  const { t } = useI18n();
  const { params } = useLocation();
  const choice = parsePeriodChoice(params);
  return (
    <Shell choice={choice} live={false}>
      <p className="empty" role="alert">{t('pageNotFound', { path })}</p>
      <p><Link href={hrefWith('/', periodChoiceParams(choice))}>{t('backToOverview')}</Link></p>
    </Shell>
  );
}
