/**
 * The wall display: no chrome, no mouse, a playlist of views rotating at an interval, dark by default.
 * Mounts one view at a time, so the page holds one live subscription and nothing grows while it runs for weeks.
 */
import { useEffect, useState } from 'react';
import type { NamedPeriod } from '../../../shared/snapshot.js';
import { StatusBar } from '../components/StatusBar.js';
import { useApp } from '../context.js';
import { useAsync } from '../hooks/useAsync.js';
import { useCityFigures } from '../hooks/useFigures.js';
import { useLiveUnit } from '../hooks/useLive.js';
import { useI18n } from '../i18n/index.js';
import { isNightlyReloadDue } from '../lib/freshness.js';
import { isNamedPeriod } from '../lib/periods.js';
import { parseInterval, parsePlaylist, viewKey, type DisplayView } from '../lib/playlist.js';
import { useLocation } from '../router.js';
import { OverviewView } from './OverviewView.js';
import { RankingsView } from './RankingsView.js';
import { Loading } from './Shell.js';
import { UnitView } from './UnitView.js';

const VERSION_POLL_MS = 60_000;

/**
 * Reloads the page when the server starts serving another client build, and once a night (isNightlyReloadDue);
 * only when the server answers, so a reload never trades the last figures for an error page.
 */
function useReloadOnNewVersion() {
  const { api, config } = useApp();
  useEffect(() => {
    const loadedAt = Date.now();
    const timer = setInterval(() => {
      api.config().then((next) => {
        const newBuild = next.clientVersion && next.clientVersion !== config.clientVersion;
        if (newBuild || isNightlyReloadDue(loadedAt, new Date(), config.timeZone)) window.location.reload();
      }, () => undefined);
    }, VERSION_POLL_MS);
    return () => clearInterval(timer);
  }, [api, config.clientVersion, config.timeZone]);
}

function OverviewSlide({ period }: { period: NamedPeriod }) {
  const figures = useCityFigures({ type: 'named', period }, 'district', { withTrend: true });
  return figures.snapshot ? <OverviewView snapshot={figures.snapshot} figures={figures} mode="display" /> : <Loading />;
}

function RankingsSlide({ period, kind }: { period: NamedPeriod; kind: 'district' | 'department' | 'commune' }) {
  const figures = useCityFigures({ type: 'named', period }, kind);
  return figures.snapshot ? <RankingsView snapshot={figures.snapshot} previous={figures.previous} kind={kind} mode="display" /> : <Loading />;
}

function UnitSlide({ period, unitCode }: { period: NamedPeriod; unitCode: string }) {
  const { api } = useApp();
  const { t } = useI18n();
  const liveUnit = useLiveUnit(unitCode, period);
  const rest = useAsync(`display-unit|${unitCode}|${period}`, (signal) => api.unitSnapshot(unitCode, { period }, signal), undefined, 30_000);
  const data = liveUnit.data ?? rest.data;
  const refused = liveUnit.refused;
  const kind = data?.unit.kind ?? null;
  const city = useAsync(kind ? `display-city|${kind}|${period}` : null, (signal) => api.snapshot({ period }, kind ?? 'district', signal), 60_000, 60_000);
  if (refused || (!data && rest.error)) return <p className="empty">{t('unitNotFound', { code: unitCode })}</p>;
  return data ? <UnitView data={data} city={city.data} mode="display" /> : <Loading />;
}

function Slide({ view, period }: { view: DisplayView; period: NamedPeriod }) {
  if (view.type === 'overview') return <OverviewSlide period={period} />;
  if (view.type === 'rankings') return <RankingsSlide period={period} kind={view.kind} />;
  return <UnitSlide period={period} unitCode={view.unitCode} />;
}

function slideTitle(view: DisplayView, t: ReturnType<typeof useI18n>['t']): string {
  if (view.type === 'overview') return t('navOverview');
  if (view.type === 'rankings') return `${t('navRankings')} – ${t(`kind_${view.kind}`)}`;
  return t('unitTitle');
}

export default function DisplayPage() {
  const { t } = useI18n();
  const { me } = useApp();
  const { params } = useLocation();
  // The address wins; a display token's own playlist (set by an administrator) plays when the address names none.
  const views = params.get('views') ?? me.playlist?.views ?? null;
  const [playlist] = useState(() => parsePlaylist(views));
  const interval = parseInterval(params.get('interval') ?? (me.playlist ? String(me.playlist.interval) : null));
  const periodParam = params.get('period');
  const period: NamedPeriod = isNamedPeriod(periodParam) ? periodParam : 'today';
  const [index, setIndex] = useState(0);
  useReloadOnNewVersion();

  useEffect(() => {
    document.documentElement.classList.add('display-mode');
    return () => document.documentElement.classList.remove('display-mode');
  }, []);

  useEffect(() => {
    if (playlist.length < 2) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % playlist.length), interval * 1000);
    return () => clearInterval(timer);
  }, [playlist.length, interval]);

  const view = playlist[index % playlist.length] ?? playlist[0];
  if (!view) return null;
  return (
    <div className="display" data-view={viewKey(view)}>
      <header className="display-head">
        <h1>{slideTitle(view, t)} <span className="muted">· {t(`period_${period}`)}</span></h1>
        <ol className="slide-dots" aria-label={t('slideOf', { n: index + 1, total: playlist.length })}>
          {playlist.map((v, i) => <li key={`${viewKey(v)}-${i}`} className={i === index ? 'on' : ''} />)}
        </ol>
        <StatusBar />
      </header>
      <main className="display-body">
        <Slide key={`${viewKey(view)}-${index}`} view={view} period={period} />
      </main>
    </div>
  );
}
