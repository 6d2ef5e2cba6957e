/**
 * The wall display: no chrome, no mouse, a playlist of views rotating at an interval, dark by default.
 * Mounts one view at a time, so the page holds one live subscription and nothing grows while it runs for weeks.
 * Keeps each view's last figures, so a view rotating in while the server is away shows them, marked with their time.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { UnitKind } from '../../../shared/catalog.js';
import type { NamedPeriod, ProcedureSnapshot, ProcedureUnitsSnapshot, Snapshot, UnitSnapshot } from '../../../shared/snapshot.js';
import { StatusBar } from '../components/StatusBar.js';
import { useApp } from '../context.js';
import { useAsync } from '../hooks/useAsync.js';
import { useCityFigures, type CityFigures } from '../hooks/useFigures.js';
import { useLastKnown } from '../hooks/useLastKnown.js';
import { useLiveState, useLiveUnit } from '../hooks/useLive.js';
import { useI18n } from '../i18n/index.js';
import { isNotFound } from '../lib/api.js';
import { isNightlyReloadDue, type ReadFreshness } from '../lib/freshness.js';
import { isNamedPeriod } from '../lib/periods.js';
import { cityViewTitle, parseInterval, parsePlaylist, viewKey, type DisplayView } from '../lib/playlist.js';
import { PROCEDURES_REFRESH_MS } from '../lib/procedures.js';
import { LastKnown } from '../live/lastKnown.js';
import { useLocation } from '../router.js';
import { OverviewView } from './OverviewView.js';
import { ProcedureNotFound, ProcedureUnitsView } from './ProcedureUnitsView.js';
import { ProceduresView } from './ProceduresView.js';
import { RankingsView } from './RankingsView.js';
import { Loading, UnitRefused, unitRefusal } from './Shell.js';
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

/** The last figures each view showed, kept by the page across rotations (see LastKnown). */
interface WallMemory {
  snapshots: LastKnown<Snapshot>;
  trends: LastKnown<NonNullable<CityFigures['trend']>>;
  earlier: LastKnown<NonNullable<CityFigures['earlier']>>;
  units: LastKnown<UnitSnapshot>;
  /** The procedures, and one procedure's units, with when they were read (the status bar's "no update since"). */
  procedures: LastKnown<Read<ProcedureSnapshot>>;
  procedureUnits: LastKnown<Read<ProcedureUnitsSnapshot>>;
}

/** Figures a view reads rather than has pushed, and when they were read. */
interface Read<T> {
  snapshot: T;
  readAt: number;
}

/** What the page's head says of the figures on screen. */
interface Shown {
  /** Their time (null: none yet), for the stale mark. */
  asOf: string | null;
  /** Of a view that reads its figures rather than have them pushed: how its reads go, for the status bar. */
  read: ReadFreshness | null;
}

interface SlideProps {
  period: NamedPeriod;
  memory: WallMemory;
  onShown: (shown: Shown) => void;
}

function useReportShown(onShown: SlideProps['onShown'], asOf: string | null) {
  useEffect(() => {
    onShown({ asOf, read: null });
  }, [onShown, asOf]);
}

/**
 * A city view's figures, or the last ones it showed while it has none of its own (the server unreachable since the
 * rotation mounted it). The comparison and the trend are recalled only beside figures of the same period.
 */
function useWallCityFigures(key: string, memory: WallMemory, figures: CityFigures) {
  const snapshot = useLastKnown(memory.snapshots, key, figures.snapshot);
  const previous = useLastKnown(memory.snapshots, `${key}|previous`, figures.previous, snapshot?.from);
  const trend = useLastKnown(memory.trends, key, figures.trend, snapshot?.from);
  const earlier = useLastKnown(memory.earlier, key, figures.earlier, snapshot?.from);
  return { snapshot, previous, trend, earlier };
}

function OverviewSlide({ period, memory, onShown }: SlideProps) {
  const figures = useCityFigures({ type: 'named', period }, 'district', { withTrend: true });
  const shown = useWallCityFigures(`overview|${period}`, memory, figures);
  useReportShown(onShown, shown.snapshot?.asOf ?? null);
  return shown.snapshot ? <OverviewView snapshot={shown.snapshot} figures={shown} mode="display" /> : <Loading />;
}

function RankingsSlide({ period, kind, memory, onShown }: SlideProps & { kind: UnitKind }) {
  const figures = useCityFigures({ type: 'named', period }, kind, { withEarlier: true });
  const shown = useWallCityFigures(`rankings:${kind}|${period}`, memory, figures);
  useReportShown(onShown, shown.snapshot?.asOf ?? null);
  return shown.snapshot ? <RankingsView snapshot={shown.snapshot} previous={shown.previous} earlier={shown.earlier} kind={kind} mode="display" /> : <Loading />;
}

function UnitSlide({ period, unitCode, memory, onShown }: SlideProps & { unitCode: string }) {
  const { api } = useApp();
  const key = `unit:${unitCode}|${period}`;
  const liveUnit = useLiveUnit(unitCode, period);
  const rest = useAsync(`display-unit|${unitCode}|${period}`, (signal) => api.unitSnapshot(unitCode, { period }, signal), undefined, 30_000);
  const data = useLastKnown(memory.units, key, liveUnit.data ?? rest.data);
  const kind = data?.unit.kind ?? null;
  const cityNow = useAsync(kind ? `display-city|${kind}|${period}` : null, (signal) => api.snapshot({ period }, kind ?? 'district', signal), 60_000, 60_000);
  const city = useLastKnown(memory.snapshots, `${key}|city`, cityNow.data, data?.from);
  useReportShown(onShown, data?.asOf ?? null);
  // Only the server's own answer says the unit is missing or not this screen's to show; a failed request (server
  // or network down) says nothing about the unit, and the last figures stay.
  const refusal = unitRefusal(rest.error, liveUnit.refused);
  if (refusal) return <UnitRefused refusal={refusal} code={unitCode} />;
  return data ? <UnitView data={data} city={city} mode="display" /> : <Loading />;
}

/**
 * Figures with no live channel (the procedures): read when the view comes on screen and every minute while it stays,
 * and again as soon as the server is back after an outage; until a read answers, the last figures stay on screen
 * (this turn's, or the last turn's), never a loading screen over them. `notFound`: the server answered that there is
 * no such thing to read (a procedure the catalog does not have), which is no failed read: nothing is stale.
 */
function useWallRead<T extends { asOf: string }>(
  key: string, load: (signal: AbortSignal) => Promise<T>, memory: LastKnown<Read<T>>, onShown: SlideProps['onShown'],
): { snapshot: T | null; notFound: boolean } {
  const { status } = useLiveState();
  const [since] = useState(() => Date.now());
  const read = useAsync(`display-${key}`, load, PROCEDURES_REFRESH_MS);
  const fresh = useMemo(() => (read.data ? { snapshot: read.data, readAt: Date.now() } : null), [read.data]);
  const shown = useLastKnown(memory, key, fresh);
  // The last answer's, not the read in flight's: a code the catalog does not have stays named while asked again.
  const [notFound, setNotFound] = useState(false);
  useEffect(() => {
    if (!read.loading) setNotFound(isNotFound(read.error));
  }, [read.loading, read.error]);
  const failed = read.error !== null && !isNotFound(read.error);

  // The live channel coming back is the first sign the server is: the figures need not wait for the next minute.
  const { reload } = read;
  const wasDisconnected = useRef(false);
  useEffect(() => {
    if (status === 'connected' && wasDisconnected.current) reload();
    wasDisconnected.current = status === 'disconnected';
  }, [status, reload]);

  const asOf = notFound ? null : shown?.snapshot.asOf ?? null;
  const readAt = shown?.readAt ?? null;
  useEffect(() => {
    onShown({ asOf, read: notFound ? null : { asOf, readAt, since, failed } });
  }, [onShown, asOf, readAt, since, failed, notFound]);
  return { snapshot: notFound ? null : shown?.snapshot ?? null, notFound };
}

/** The city's procedures that run late. */
function ProceduresSlide({ period, memory, onShown }: SlideProps) {
  const { api } = useApp();
  const { snapshot } = useWallRead(`procedures|${period}`, (signal) => api.procedureSnapshot({ period }, signal), memory.procedures, onShown);
  return snapshot ? <ProceduresView snapshot={snapshot} mode="display" /> : <Loading />;
}

/** One procedure across the units, where it runs late first; a code the catalog does not have is named, and the rotation goes on. */
function ProcedureSlide({ period, procedureCode, memory, onShown }: SlideProps & { procedureCode: string }) {
  const { api } = useApp();
  const { snapshot, notFound } = useWallRead(`procedure:${procedureCode}|${period}`,
    (signal) => api.procedureUnits(procedureCode, { period }, signal), memory.procedureUnits, onShown);
  if (notFound) return <ProcedureNotFound code={procedureCode} />;
  return snapshot ? <ProcedureUnitsView snapshot={snapshot} mode="display" /> : <Loading />;
}

function Slide({ view, ...props }: SlideProps & { view: DisplayView }) {
  switch (view.type) {
    case 'overview': return <OverviewSlide {...props} />;
    case 'rankings': return <RankingsSlide {...props} kind={view.kind} />;
    case 'procedures': return <ProceduresSlide {...props} />;
    case 'procedure': return <ProcedureSlide {...props} procedureCode={view.procedureCode} />;
    case 'unit': return <UnitSlide {...props} unitCode={view.unitCode} />;
  }
}

/**
 * The time of the figures on screen while they are not live: the slide may show figures remembered from its last
 * turn, older than the last message the status bar names. The date too when they are not from today.
 */
function StaleMark({ asOf }: { asOf: string | null }) {
  const { t, fmt } = useI18n();
  const { status } = useLiveState();
  if (status !== 'disconnected' || asOf === null) return null;
  const time = fmt.date(asOf) === fmt.date(new Date()) ? fmt.time(asOf) : fmt.dateTime(asOf);
  return <span className="stale-mark num" data-testid="stale-mark">{t('staleDataAt', { time })}</span>;
}

/** A unit's or a procedure's slide names what it is here, and its name in its own heading (long names crowd the line). */
function slideTitle(view: DisplayView, t: ReturnType<typeof useI18n>['t']): string {
  return view.type === 'unit' ? t('unitTitle') : view.type === 'procedure' ? t('procedure') : cityViewTitle(view, t);
}

export default function DisplayPage() {
  const { t } = useI18n();
  const { me } = useApp();
  const { params } = useLocation();
  // The address wins; a display token's own playlist (set by an administrator) plays when the address names none.
  const views = params.get('views') ?? me.playlist?.views ?? null;
  const [playlist] = useState(() => parsePlaylist(views));
  const interval = parseInterval(params.get('interval') ?? (me.playlist ? String(me.playlist.interval) : null));
  const periodParam = params.get('period') ?? me.playlist?.period ?? null;
  const period: NamedPeriod = isNamedPeriod(periodParam) ? periodParam : 'today';
  const [index, setIndex] = useState(0);
  const [memory] = useState<WallMemory>(() => ({
    snapshots: new LastKnown(), trends: new LastKnown(), earlier: new LastKnown(), units: new LastKnown(), procedures: new LastKnown(),
    procedureUnits: new LastKnown(),
  }));
  const [shown, setShown] = useState<Shown>({ asOf: null, read: null });
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
        <h1>
          {slideTitle(view, t)} <span className="muted">· {t(`period_${period}`)}</span>{' '}
          {/* No mouse on a wall to hover a tile's title: the slides with ▲▼ say what they compare with. */}
          {(view.type === 'overview' || view.type === 'rankings') && <span className="wall-compare muted" data-testid="wall-compare">{t(`wallCompare_${period}`)}</span>}
          {' '}<StaleMark asOf={shown.asOf} />
        </h1>
        <ol className="slide-dots" aria-label={t('slideOf', { n: index + 1, total: playlist.length })}>
          {playlist.map((v, i) => <li key={`${viewKey(v)}-${i}`} className={i === index ? 'on' : ''} />)}
        </ol>
        <StatusBar read={shown.read} />
      </header>
      <main className="display-body">
        <Slide key={`${viewKey(view)}-${index}`} view={view} period={period} memory={memory} onShown={setShown} />
      </main>
    </div>
  );
}
