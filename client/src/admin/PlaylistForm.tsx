/**
 * A display token's playlist on `/admin`, chosen slide by slide: the city's slides by name, units and procedures from
 * the catalogs (a typed address let a misspelled code through to the wall as a "not found" slide); sent in the
 * query-string form the server validates.
 */
import { useState, type FormEvent } from 'react';
import { PLAYLIST_MAX_INTERVAL_S, PLAYLIST_MIN_INTERVAL_S, playlistToString } from '../../../shared/admin.js';
import { NAMED_PERIODS, type NamedPeriod } from '../../../shared/snapshot.js';
import { useApp } from '../context.js';
import { useAsync } from '../hooks/useAsync.js';
import { useI18n } from '../i18n/index.js';
import { cityViewTitle, DEFAULT_PLAYLIST, viewKey, type DisplayView } from '../lib/playlist.js';
import type { AdminTranslate as T } from './text.js';

export interface DisplayIssue {
  kind: 'display';
  name: string;
  playlist: string;
}

/** The city-wide slides a wall can play, in the order it plays the chosen ones (procedures' and units' slides after them). */
const CITY_SLIDES: readonly DisplayView[] = [
  { type: 'overview' }, { type: 'rankings', kind: 'district' }, { type: 'rankings', kind: 'department' }, { type: 'rankings', kind: 'commune' },
  { type: 'procedures' },
];

/** An entry of a catalog (a unit, a procedure) as a slide is chosen from it. */
interface Named {
  code: string;
  name: string;
}

/**
 * The catalogs, and a playlist's view by name ('Xếp hạng – Quận, huyện, thị xã', a unit's or a procedure's name; one
 * the catalog does not have by its code).
 */
export function useSlideNames(): { units: Named[]; procedures: Named[]; slideName: (view: DisplayView) => string } {
  const { api } = useApp();
  const { t } = useI18n();
  const units = useAsync('units', () => api.units(), undefined, 10 * 60_000).data ?? [];
  const procedures = useAsync('procedure-catalog', () => api.procedures(), undefined, 10 * 60_000).data ?? [];
  const nameIn = (catalog: readonly Named[], code: string) => catalog.find((entry) => entry.code === code)?.name ?? code;
  const slideName = (view: DisplayView) => (view.type === 'unit' ? nameIn(units, view.unitCode)
    : view.type === 'procedure' ? nameIn(procedures, view.procedureCode) : cityViewTitle(view, t));
  return { units, procedures, slideName };
}

export function DisplayTokenForm({ t, onIssue }: { t: T; onIssue: (input: DisplayIssue) => Promise<void> }) {
  const { units: unitCatalog, procedures: procedureCatalog, slideName } = useSlideNames();
  const i18n = useI18n();
  const [name, setName] = useState('');
  const [city, setCity] = useState<ReadonlySet<string>>(() => new Set(DEFAULT_PLAYLIST.map(viewKey)));
  const [procedures, setProcedures] = useState<string[]>([]);
  const [units, setUnits] = useState<string[]>([]);
  // As typed: a cleared field is '' (a number state would hold NaN, which React refuses as a value).
  const [seconds, setSeconds] = useState('30');
  const [period, setPeriod] = useState<NamedPeriod>('today');
  const views = [
    ...CITY_SLIDES.map(viewKey).filter((key) => city.has(key)),
    ...procedures.map((procedureCode) => viewKey({ type: 'procedure', procedureCode })),
    ...units.map((unitCode) => viewKey({ type: 'unit', unitCode })),
  ];
  const toggle = (view: string) => setCity((chosen) => {
    const next = new Set(chosen);
    if (!next.delete(view)) next.add(view);
    return next;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (views.length === 0) return;
    void onIssue({ kind: 'display', name, playlist: playlistToString({ views: views.join(','), interval: Number(seconds), period }) }).then(() => setName(''));
  };
  return (
    <form className="playlist-form" onSubmit={submit}>
      <input aria-label={t('name')} placeholder={t('name')} value={name} onChange={(e) => setName(e.target.value)} required />
      <fieldset>
        <legend>{t('slides')}</legend>
        {CITY_SLIDES.map((view) => (
          <label key={viewKey(view)}><input type="checkbox" checked={city.has(viewKey(view))} onChange={() => toggle(viewKey(view))} /> {slideName(view)}</label>
        ))}
        <ChosenSlides t={t} label={t('procedureSlide')} catalog={procedureCatalog} chosen={procedures} onChange={setProcedures}
          nameOf={(procedureCode) => slideName({ type: 'procedure', procedureCode })} />
        <ChosenSlides t={t} label={t('unitSlide')} catalog={unitCatalog} chosen={units} onChange={setUnits}
          nameOf={(unitCode) => slideName({ type: 'unit', unitCode })} />
      </fieldset>
      <label>
        <span>{t('secondsPerSlide')}</span>
        <input type="number" min={PLAYLIST_MIN_INTERVAL_S} max={PLAYLIST_MAX_INTERVAL_S} step={1} value={seconds} onChange={(e) => setSeconds(e.target.value)} required />
      </label>
      <label>
        <span>{t('period')}</span>
        <select value={period} onChange={(e) => setPeriod(e.target.value as NamedPeriod)}>
          {NAMED_PERIODS.map((p) => <option key={p} value={p}>{i18n.t(`period_${p}`)}</option>)}
        </select>
      </label>
      {views.length === 0 && <p className="warn" role="alert">{t('noSlides')}</p>}
      <button type="submit" disabled={views.length === 0}>{t('issueDisplay')}</button>
    </form>
  );
}

interface ChosenSlidesProps {
  t: T;
  /** What the select adds ('Thêm trang của đơn vị'), and so its button: the form has one "Thêm" per catalog. */
  label: string;
  catalog: readonly Named[];
  chosen: readonly string[];
  onChange: (codes: string[]) => void;
  nameOf: (code: string) => string;
}

/**
 * The slides chosen from one catalog, each removable, and the next one chosen from the rest, then added by the
 * button: arrow keys on a focused select change its value, and must not add slides.
 */
function ChosenSlides({ t, label, catalog, chosen, onChange, nameOf }: ChosenSlidesProps) {
  const [toAdd, setToAdd] = useState('');
  return (
    <>
      {chosen.map((code) => (
        <span key={code} className="chip">
          {nameOf(code)}
          <button type="button" className="small" aria-label={`${t('remove')} ${nameOf(code)}`} onClick={() => onChange(chosen.filter((c) => c !== code))}>×</button>
        </span>
      ))}
      <label>
        <span>{label}</span>
        <select value={toAdd} onChange={(e) => setToAdd(e.target.value)}>
          <option value="">—</option>
          {catalog.filter((entry) => !chosen.includes(entry.code)).map((entry) => <option key={entry.code} value={entry.code}>{entry.name}</option>)}
        </select>
      </label>
      <button type="button" className="small" aria-label={label} disabled={toAdd === ''}
        onClick={() => { onChange([...chosen, toAdd]); setToAdd(''); }}>{t('add')}</button>
    </>
  );
}
