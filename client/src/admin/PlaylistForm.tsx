/**
 * A display token's playlist on `/admin`, chosen slide by slide: the city's slides by name, units from the catalog;
 * sent in the query-string form the server validates.
 */
import { useState, type FormEvent } from 'react';
import { PLAYLIST_MAX_INTERVAL_S, PLAYLIST_MIN_INTERVAL_S, playlistToString } from '../../../shared/admin.js';
import type { Unit } from '../../../shared/catalog.js';
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

/** The city-wide slides a wall can play, in the order it plays the chosen ones (units' slides after them). */
const CITY_SLIDES: readonly DisplayView[] = [
  { type: 'overview' }, { type: 'rankings', kind: 'district' }, { type: 'rankings', kind: 'department' }, { type: 'rankings', kind: 'commune' },
  { type: 'procedures' },
];

/** The catalog, and a playlist's view by name ('Xếp hạng – Quận, huyện, thị xã', a unit's name; an unknown unit by its code). */
export function useSlideNames(): { units: Unit[]; slideName: (view: DisplayView) => string } {
  const { api } = useApp();
  const { t } = useI18n();
  const catalog = useAsync('units', () => api.units(), undefined, 10 * 60_000);
  const units = catalog.data ?? [];
  const slideName = (view: DisplayView) =>
    view.type === 'unit' ? units.find((u) => u.code === view.unitCode)?.name ?? view.unitCode : cityViewTitle(view, t);
  return { units, slideName };
}

/**
 * A display token's playlist chosen slide by slide, units from the catalog (a typed address let a misspelled code
 * through to the wall as a "unit not found" slide); sent in the query-string form the server validates.
 */
export function DisplayTokenForm({ t, onIssue }: { t: T; onIssue: (input: DisplayIssue) => Promise<void> }) {
  const { units: catalog, slideName } = useSlideNames();
  const i18n = useI18n();
  const [name, setName] = useState('');
  const [city, setCity] = useState<ReadonlySet<string>>(() => new Set(DEFAULT_PLAYLIST.map(viewKey)));
  const [units, setUnits] = useState<string[]>([]);
  const [unitToAdd, setUnitToAdd] = useState('');
  // As typed: a cleared field is '' (a number state would hold NaN, which React refuses as a value).
  const [seconds, setSeconds] = useState('30');
  const [period, setPeriod] = useState<NamedPeriod>('today');
  const views = [...CITY_SLIDES.map(viewKey).filter((key) => city.has(key)), ...units.map((code) => viewKey({ type: 'unit', unitCode: code }))];
  const unitName = (code: string) => slideName({ type: 'unit', unitCode: code });
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
        {units.map((code) => (
          <span key={code} className="chip">
            {unitName(code)}
            <button type="button" className="small" aria-label={`${t('remove')} ${unitName(code)}`} onClick={() => setUnits(units.filter((c) => c !== code))}>×</button>
          </span>
        ))}
        <label>
          <span>{t('unitSlide')}</span>
          <select value={unitToAdd} onChange={(e) => setUnitToAdd(e.target.value)}>
            <option value="">—</option>
            {catalog.filter((u) => !units.includes(u.code)).map((u) => <option key={u.code} value={u.code}>{u.name}</option>)}
          </select>
        </label>
        <button type="button" className="small" disabled={unitToAdd === ''} onClick={() => { setUnits([...units, unitToAdd]); setUnitToAdd(''); }}>{t('add')}</button>
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
