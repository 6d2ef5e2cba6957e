/**
 * Presenter mode: figures frozen at one instant (no live updates while someone is talking over them),
 * slides stepped with the keyboard, full screen, exports, and a print-ready report with one slide per A4 page.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { mayOpenUnit } from '../../../shared/api.js';
import type { UnitKind } from '../../../shared/catalog.js';
import { useApp } from '../context.js';
import { useAsync } from '../hooks/useAsync.js';
import { restPeriod, useCityFigures } from '../hooks/useFigures.js';
import { useProcedureFigures } from '../hooks/useProcedureFigures.js';
import { useLiveState } from '../hooks/useLive.js';
import { useI18n } from '../i18n/index.js';
import { isNotFound } from '../lib/api.js';
import { deckSlides, parseCodes } from '../lib/deck.js';
import { downloadUrl, elementPng } from '../lib/download.js';
import { parsePeriodChoice, periodChoiceParams, periodRange, type PeriodChoice } from '../lib/periods.js';
import { cityViewTitle, viewKey, type DisplayView } from '../lib/playlist.js';
import { hrefWith, navigate, useLocation } from '../router.js';
import { exportFileName, exportPeriod } from '../components/ExportPeriod.js';
import { coveredUntil, PeriodLine } from '../components/PeriodLine.js';
import { useBackfillNotice } from '../components/StatusBar.js';
import { PeriodPicker } from '../components/PeriodPicker.js';
import { ComparedWith } from '../components/Versus.js';
import { OverviewView } from './OverviewView.js';
import { ProcedureNotFound, ProcedureUnitsView } from './ProcedureUnitsView.js';
import { ProceduresView } from './ProceduresView.js';
import { RankingsView } from './RankingsView.js';
import { LanguageSwitch, LoadError, Loading, UnitRefused, unitRefusal } from './Shell.js';
import { UnitView } from './UnitView.js';

/**
 * The demo's back-fill, as it concerns frozen figures: while the history arrives they are incomplete, and figures
 * frozen before it was done stay so until refreshed.
 */
function BackfillNote({ frozenAt }: { frozenAt: Date }) {
  const { t, fmt } = useI18n();
  const { backfill } = useLiveState();
  const arriving = useBackfillNotice();
  let note: string | null = null;
  if (arriving) {
    note = `${arriving} ${t('presentRefreshAfterBackfill')}`;
  } else if (backfill?.doneAt && backfill.addingHistory && frozenAt.getTime() < Date.parse(backfill.doneAt)) {
    note = t('presentFrozenBeforeBackfill', { time: fmt.time(frozenAt) });
  }
  return note ? <p className="present-notice no-print" role="status" data-testid="backfill-note">{note}</p> : null;
}

interface SlideProps { choice: PeriodChoice; frozenAt: Date }

function OverviewSlide({ choice, frozenAt }: SlideProps) {
  const figures = useCityFigures(choice, 'district', { frozenAt, withTrend: true });
  if (!figures.snapshot) return figures.error ? <LoadError error={figures.error} retry={figures.reload} /> : <Loading />;
  return (
    <>
      <PeriodLine range={figures.range} until={frozenAt} previousRange={figures.previousRange} />
      <OverviewView snapshot={figures.snapshot} figures={figures} mode="present" />
    </>
  );
}

function RankingsSlide({ choice, frozenAt, kind, fullscreen }: SlideProps & { kind: UnitKind; fullscreen: boolean }) {
  const figures = useCityFigures(choice, kind, { frozenAt, withEarlier: true });
  if (!figures.snapshot) return figures.error ? <LoadError error={figures.error} retry={figures.reload} /> : <Loading />;
  return (
    <>
      <PeriodLine range={figures.range} until={frozenAt} previousRange={figures.previousRange} />
      <RankingsView snapshot={figures.snapshot} previous={figures.previous} earlier={figures.earlier} kind={kind} mode="present" fill={fullscreen} />
    </>
  );
}

/** The city's procedures that run late, as at the frozen instant: read again only when the figures are taken again. */
function ProceduresSlide({ choice, frozenAt, fullscreen }: SlideProps & { fullscreen: boolean }) {
  const { api, config } = useApp();
  const range = periodRange(choice, frozenAt, config.timeZone);
  const query = restPeriod(choice, range, config.timeZone, frozenAt);
  // Taken again ("Làm mới"), the slide keeps its figures until the new ones are in.
  const procedures = useAsync(`procedures|${JSON.stringify(query)}|${frozenAt.getTime()}`, (signal) => api.procedureSnapshot(query, signal),
    undefined, 0, `procedures|${JSON.stringify(choice)}`);
  if (!procedures.data) return procedures.error ? <LoadError error={procedures.error} retry={procedures.reload} /> : <Loading />;
  return (
    <>
      <PeriodLine range={range} until={frozenAt} />
      <ProceduresView snapshot={procedures.data} mode="present" fill={fullscreen} />
    </>
  );
}

/**
 * One chosen procedure across the units, as at the frozen instant, its city totals against the period compared with
 * up to the same point; a code the catalog does not have is named.
 */
function ProcedureSlide({ choice, frozenAt, code, fullscreen }: SlideProps & { code: string; fullscreen: boolean }) {
  const { config } = useApp();
  const figures = useProcedureFigures(code, choice, frozenAt);
  if (!figures.snapshot) {
    if (isNotFound(figures.error)) return <ProcedureNotFound code={code} />;
    return figures.error ? <LoadError error={figures.error} retry={figures.reload} /> : <Loading />;
  }
  return (
    <>
      <PeriodLine range={periodRange(choice, frozenAt, config.timeZone)} until={frozenAt} previousRange={figures.previousRange ?? undefined} />
      <ProcedureUnitsView snapshot={figures.snapshot} previous={figures.previous} mode="present" fill={fullscreen} />
    </>
  );
}

/**
 * In full screen a unit's slide takes the wall's layout of the unit, made to show whole on one screen (its report
 * page runs to three screens of cards); exports are for preparing the deck, out of full screen.
 */
function UnitSlide({ choice, frozenAt, code, fullscreen }: SlideProps & { code: string; fullscreen: boolean }) {
  const { api, config } = useApp();
  const query = restPeriod(choice, periodRange(choice, frozenAt, config.timeZone), config.timeZone, frozenAt);
  const key = `${JSON.stringify(query)}|${frozenAt.getTime()}`;
  // Taken again ("Làm mới"), the slide keeps its figures until the new ones are in.
  const series = `${code}|${JSON.stringify(choice)}`;
  const unit = useAsync(`${code}|${key}`, (signal) => api.unitSnapshot(code, query, signal), undefined, 0, series);
  const kind = unit.data?.unit.kind ?? null;
  const city = useAsync(kind ? `${kind}|${key}` : null, (signal) => api.snapshot(query, kind ?? 'district', signal), undefined, 0, series);
  if (!unit.data) {
    // A deck's address outlives catalog changes: a unit no longer listed (or not this user's to see) is named, not retried.
    const refusal = unitRefusal(unit.error);
    if (refusal) return <UnitRefused refusal={refusal} code={code} />;
    return unit.error ? <LoadError error={unit.error} retry={unit.reload} /> : <Loading />;
  }
  return (
    <>
      <PeriodLine range={periodRange(choice, frozenAt, config.timeZone)} until={frozenAt} />
      {fullscreen
        ? <div className="slide-screen"><UnitView data={unit.data} city={city.data} mode="display" /></div>
        : <UnitView data={unit.data} city={city.data} mode="present" />}
    </>
  );
}

export default function PresentPage() {
  const { t, fmt } = useI18n();
  const { api, config, me } = useApp();
  const { params } = useLocation();
  const choice = parsePeriodChoice(params, 'month');
  const procedureCodes = parseCodes(params.get('procedures'));
  const unitCodes = parseCodes(params.get('units'));
  const [frozenAt, setFrozenAt] = useState(() => new Date());
  const [index, setIndex] = useState(0);
  const range = periodRange(choice, frozenAt, config.timeZone);
  const catalog = useAsync('units', (_signal) => api.units(), undefined, 10 * 60_000);
  const procedureCatalog = useAsync('procedure-catalog', (_signal) => api.procedures(), undefined, 10 * 60_000);
  const fullscreen = useFullscreen();

  const slides = deckSlides(procedureCodes, unitCodes);
  const current = Math.min(index, slides.length - 1);
  const step = useCallback((delta: number) => setIndex((i) => Math.max(0, Math.min(slides.length - 1, i + delta))), [slides.length]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
      if (event.key === 'ArrowRight' || event.key === 'PageDown') step(1);
      else if (event.key === 'ArrowLeft' || event.key === 'PageUp') step(-1);
      else if (event.key === 'f' || event.key === 'F') void toggleFullscreen();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  // The slide on screen as one picture for the deck, named after what it shows and its period.
  const presentRef = useRef<HTMLDivElement>(null);
  const [saving, setSaving] = useState(false);
  const saveSlide = async () => {
    const element = presentRef.current?.querySelector<HTMLElement>('.slide.current');
    const shown = slides[current];
    if (!element || !shown) return;
    const slideTitle = shown.type === 'unit' ? catalog.data?.find((u) => u.code === shown.unitCode)?.name ?? shown.unitCode
      : shown.type === 'procedure' ? procedureCatalog.data?.find((p) => p.code === shown.procedureCode)?.name ?? shown.procedureCode
      : cityViewTitle(shown, t);
    setSaving(true);
    try {
      const period = exportPeriod(fmt, { from: range.from.toISOString(), to: range.to.toISOString(), asOf: frozenAt.toISOString() });
      downloadUrl(await elementPng(element, 16), exportFileName(slideTitle, period, 'png'));
    } finally {
      setSaving(false);
    }
  };

  const [unitToAdd, setUnitToAdd] = useState('');
  const [procedureToAdd, setProcedureToAdd] = useState('');
  const setQuery = (next: PeriodChoice, { units = unitCodes, procedures = procedureCodes } = {}) =>
    navigate(hrefWith('/present', { ...periodChoiceParams(next), procedures: procedures.join(',') || undefined, units: units.join(',') || undefined }));
  const remove = (slide: DisplayView) => {
    if (slide.type === 'unit') setQuery(choice, { units: unitCodes.filter((c) => c !== slide.unitCode) });
    if (slide.type === 'procedure') setQuery(choice, { procedures: procedureCodes.filter((c) => c !== slide.procedureCode) });
  };

  return (
    <div className="present" ref={presentRef}>
      <header className="present-bar no-print">
        <strong>{t('presentTitle')}</strong>
        <PeriodPicker key={JSON.stringify(choice)} value={choice} onChange={(next) => setQuery(next)} compare />
        <label>
          <span>{t('presentAddUnit')}</span>
          {/* Chosen, then added by the button: arrow keys on a focused select change its value, and must not add units. */}
          <select value={unitToAdd} onChange={(e) => setUnitToAdd(e.target.value)}>
            <option value="">—</option>
            {(catalog.data ?? []).filter((u) => !unitCodes.includes(u.code) && mayOpenUnit(me, u.code)).map((u) => <option key={u.code} value={u.code}>{u.name}</option>)}
          </select>
        </label>
        {/* Each "Thêm" named after what it adds: a screen reader lists both. */}
        <button type="button" className="small" aria-label={t('presentAddUnit')} disabled={unitToAdd === ''}
          onClick={() => { setQuery(choice, { units: [...unitCodes, unitToAdd] }); setUnitToAdd(''); }}>{t('presentAdd')}</button>
        <label>
          <span>{t('presentAddProcedure')}</span>
          <select value={procedureToAdd} onChange={(e) => setProcedureToAdd(e.target.value)}>
            <option value="">—</option>
            {(procedureCatalog.data ?? []).filter((p) => !procedureCodes.includes(p.code)).map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
          </select>
        </label>
        <button type="button" className="small" aria-label={t('presentAddProcedure')} disabled={procedureToAdd === ''}
          onClick={() => { setQuery(choice, { procedures: [...procedureCodes, procedureToAdd] }); setProcedureToAdd(''); }}>{t('presentAdd')}</button>
        <span className="muted num">{t('frozen', { time: fmt.time(frozenAt) })}</span>
        <button type="button" className="small" onClick={() => setFrozenAt(new Date())}>{t('refresh')}</button>
        <button type="button" className="small" onClick={() => step(-1)} disabled={current === 0}>{t('prevSlide')}</button>
        <span className="num">{t('slideOf', { n: current + 1, total: slides.length })}</span>
        <button type="button" className="small" onClick={() => step(1)} disabled={current === slides.length - 1}>{t('nextSlide')}</button>
        <button type="button" className="small" onClick={() => void toggleFullscreen()}>{t('fullscreen')}</button>
        <button type="button" className="small" onClick={() => void saveSlide()} disabled={saving}>{t('saveSlide')}</button>
        <button type="button" className="small" onClick={() => window.print()}>{t('print')}</button>
        <LanguageSwitch />
        <span className="muted hint">{t('keyboardHelp')}</span>
      </header>
      <BackfillNote frozenAt={frozenAt} />
      <header className="print-only">
        <h1>{t('reportTitle')}</h1>
        <p>{t('reportPeriod', { from: fmt.date(range.from), to: fmt.dateTime(coveredUntil(range, frozenAt)) })} · {t('frozen', { time: fmt.dateTime(frozenAt) })}</p>
      </header>
      <ComparedWith value={choice.versus ?? 'previous'}>
        {slides.map((slide, i) => (
          // Every slide stays mounted and laid out (off screen when not current), so charts keep their size for print.
          <section key={viewKey(slide)} className={`slide ${i === current ? 'current' : 'offstage'}`} aria-hidden={i !== current} data-slide={viewKey(slide)}>
            {(slide.type === 'unit' || slide.type === 'procedure') && (
              <button type="button" className="small no-print" data-no-export onClick={() => remove(slide)}>{t('presentRemove')}</button>
            )}
            {slide.type === 'overview' && <OverviewSlide choice={choice} frozenAt={frozenAt} />}
            {slide.type === 'rankings' && <RankingsSlide choice={choice} frozenAt={frozenAt} kind={slide.kind} fullscreen={fullscreen} />}
            {slide.type === 'procedures' && <ProceduresSlide choice={choice} frozenAt={frozenAt} fullscreen={fullscreen} />}
            {slide.type === 'procedure' && <ProcedureSlide choice={choice} frozenAt={frozenAt} code={slide.procedureCode} fullscreen={fullscreen} />}
            {slide.type === 'unit' && <UnitSlide choice={choice} frozenAt={frozenAt} code={slide.unitCode} fullscreen={fullscreen} />}
          </section>
        ))}
      </ComparedWith>
    </div>
  );
}

/** Whether the page is in full screen (F or the button; the browser's own F11 window is not the page's full screen). */
function useFullscreen(): boolean {
  const [fullscreen, setFullscreen] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  return fullscreen;
}

async function toggleFullscreen(): Promise<void> {
  try {
    if (document.fullscreenElement) await document.exitFullscreen();
    else {
      await document.documentElement.requestFullscreen();
      // The bar stays out of sight while nothing in it has the focus: not the button that was just pressed.
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    }
  } catch {
    // Refused (not from a user gesture, or not allowed in a frame): the presenter can use the browser's own.
  }
}
