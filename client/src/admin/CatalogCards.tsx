/**
 * The catalogs an administrator keeps on `/admin` that due dates are computed from: the holiday calendar and the
 * procedures' processing times. Each change goes to the server, which answers for it; the card then shows the
 * catalog as stored.
 */
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { ONLINE_LEVELS, PROCEDURE_LEVELS, type Holiday, type Procedure } from '../../../shared/catalog.js';
import { useI18n } from '../i18n/index.js';
import { matchesSearch } from '../lib/procedures.js';
import { errorMessage, type AdminApi } from './adminApi.js';
import type { AdminTranslate as T } from './text.js';

interface CardProps {
  api: AdminApi;
  t: T;
  /** After a change the server took (the page refreshes its audit log). */
  onChanged: () => void;
}

/**
 * A card's catalog, read with `load`, and `change` to send an edit: its error shown (or the catalog's reading
 * error), the catalog read again either way; whether the edit was taken.
 */
function useCatalog<Item>(load: () => Promise<Item[]>, onChanged: () => void) {
  const [items, setItems] = useState<Item[]>([]);
  /** Until the first read answers (or fails: the card says why), an empty list says nothing about the catalog. */
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => load().then((read) => {
    setItems(read);
    setLoaded(true);
  }, (e: unknown) => setError(errorMessage(e))), [load]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const change = async (edit: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    let taken = true;
    try {
      await edit();
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
      taken = false;
    }
    await refresh();
    return taken;
  };
  return { items, loaded, error, change };
}

/** A catalog's card: its title, what changing it does, the last error. */
function CatalogCard({ id, title, help, error, children }: { id: string; title: string; help: string; error: string | null; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="muted">{help}</p>
      {error && <p className="warn" role="alert">{error}</p>}
      {children}
    </section>
  );
}

/**
 * The holidays of the working-day calendar, a year at a time (the years it holds, this one and the next): each
 * change replaces the year's list on the server, which answers for it (a date given twice, outside the year).
 */
export function HolidayCalendar({ api, t, onChanged }: CardProps) {
  const { fmt } = useI18n();
  const thisYear = new Date().getFullYear();
  const { items: all, loaded, error, change } = useCatalog(useCallback(() => api.holidays(), [api]), onChanged);
  const [year, setYear] = useState(thisYear);
  const [form, setForm] = useState({ date: '', name: '' });
  const years = [...new Set([thisYear, thisYear + 1, ...all.map((h) => Number(h.date.slice(0, 4)))])].sort((a, b) => a - b);
  const shown = all.filter((h) => h.date.startsWith(`${year}-`));
  const save = (next: Holiday[]) => change(() => api.putHolidays(year, next));
  const add = (event: FormEvent) => {
    event.preventDefault();
    void save([...shown, { date: form.date, name: form.name.trim() }]).then((taken) => { if (taken) setForm({ date: '', name: '' }); });
  };
  return (
    <CatalogCard id="holidays-title" title={t('holidays')} help={t('holidaysHelp')} error={error}>
      <form className="row wrap" onSubmit={add}>
        <label>
          <span>{t('year')}</span>
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
        <input type="date" aria-label={t('date')} min={`${year}-01-01`} max={`${year}-12-31`} value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} required />
        <input aria-label={t('holidayName')} placeholder={t('holidayName')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required maxLength={200} />
        {/* A change replaces the year's whole list: before the list is read it would drop the holidays already there. */}
        <button type="submit" disabled={!loaded}>{t('addHoliday')}</button>
      </form>
      <table data-testid="holidays">
        <thead><tr><th>{t('date')}</th><th>{t('holidayName')}</th><th /></tr></thead>
        <tbody>
          {shown.map((h) => (
            <tr key={h.date}>
              <td>{fmt.day(h.date)}</td><td>{h.name}</td>
              <td><button type="button" className="small" aria-label={`${t('remove')} ${h.name} (${h.date})`} onClick={() => void save(shown.filter((x) => x.date !== h.date))}>{t('remove')}</button></td>
            </tr>
          ))}
          {shown.length === 0 && <tr><td colSpan={3} className="muted">{t(loaded || error !== null ? 'noHolidays' : 'loadingCatalog')}</td></tr>}
        </tbody>
      </table>
    </CatalogCard>
  );
}

/** Procedures shown at once: a province's catalog runs to some two thousand; the search narrows it. */
const PROCEDURES_SHOWN = 50;

const EMPTY_PROCEDURE = { code: '', name: '', field: '', level: 'commune', processingDays: '', onlineLevel: 'full' } as const;

/**
 * The procedure catalog: found by code, name or field, each one's processing time changed in place, and new
 * procedures added (the server upserts by code).
 */
export function ProcedureCatalog({ api, t, onChanged }: CardProps) {
  const { items: all, loaded, error, change } = useCatalog(useCallback(() => api.procedures(), [api]), onChanged);
  const [query, setQuery] = useState('');
  const [form, setForm] = useState<Record<keyof typeof EMPTY_PROCEDURE, string>>({ ...EMPTY_PROCEDURE });
  const matching = all.filter((p) => matchesSearch(query, [p.code, p.name, p.field]));
  const save = (procedure: Procedure) => change(() => api.putProcedures([procedure]));
  const add = (event: FormEvent) => {
    event.preventDefault();
    const procedure = {
      code: form.code.trim(), name: form.name.trim(), field: form.field.trim(), processingDays: Number(form.processingDays),
      level: form.level as Procedure['level'], onlineLevel: form.onlineLevel as Procedure['onlineLevel'],
    };
    void save(procedure).then((taken) => {
      if (!taken) return;
      setForm({ ...EMPTY_PROCEDURE });
      setQuery(procedure.code);
    });
  };
  return (
    <CatalogCard id="procedures-title" title={t('procedures')} help={t('proceduresHelp')} error={error}>
      <form className="row wrap" onSubmit={add}>
        <input aria-label={t('code')} placeholder={t('code')} value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} required maxLength={64} />
        <input aria-label={t('procedureName')} placeholder={t('procedureName')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required maxLength={300} />
        <input aria-label={t('field')} placeholder={t('field')} value={form.field} onChange={(e) => setForm({ ...form, field: e.target.value })} required maxLength={100} />
        <select aria-label={t('level')} value={form.level} onChange={(e) => setForm({ ...form, level: e.target.value })}>
          {PROCEDURE_LEVELS.map((level) => <option key={level} value={level}>{t(`level_${level}`)}</option>)}
        </select>
        <input type="number" aria-label={t('days')} placeholder={t('days')} min={0} max={365} step={1} value={form.processingDays} onChange={(e) => setForm({ ...form, processingDays: e.target.value })} required />
        <select aria-label={t('online')} value={form.onlineLevel} onChange={(e) => setForm({ ...form, onlineLevel: e.target.value })}>
          {ONLINE_LEVELS.map((level) => <option key={level} value={level}>{t(`online_${level}`)}</option>)}
        </select>
        <button type="submit">{t('addProcedure')}</button>
      </form>
      <input type="search" aria-label={t('search')} placeholder={t('search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      <table data-testid="procedures">
        <thead><tr><th>{t('code')}</th><th>{t('procedureName')}</th><th>{t('field')}</th><th>{t('level')}</th><th>{t('days')}</th><th>{t('online')}</th></tr></thead>
        <tbody>
          {matching.slice(0, PROCEDURES_SHOWN).map((p) => (
            <tr key={p.code}>
              <td><code>{p.code}</code></td><td>{p.name}</td><td>{p.field}</td><td>{t(`level_${p.level}`)}</td>
              <td><ProcessingDays procedure={p} t={t} onSave={(days) => save({ ...p, processingDays: days })} /></td>
              <td>{t(`online_${p.onlineLevel}`)}</td>
            </tr>
          ))}
          {matching.length === 0 && <tr><td colSpan={6} className="muted">{t(loaded || error !== null ? 'noProcedures' : 'loadingCatalog')}</td></tr>}
        </tbody>
      </table>
      {matching.length > PROCEDURES_SHOWN && <p className="muted">{t('moreProcedures').replace('{n}', String(matching.length - PROCEDURES_SHOWN))}</p>}
    </CatalogCard>
  );
}

/** A procedure's processing time, changed in place and saved on its own button (enabled once it differs). */
function ProcessingDays({ procedure, t, onSave }: { procedure: Procedure; t: T; onSave: (days: number) => Promise<boolean> }) {
  const [days, setDays] = useState(String(procedure.processingDays));
  useEffect(() => setDays(String(procedure.processingDays)), [procedure.processingDays]);
  const changed = days !== '' && Number(days) !== procedure.processingDays;
  return (
    <form className="row" onSubmit={(e) => { e.preventDefault(); if (changed) void onSave(Number(days)); }}>
      <input type="number" className="days" aria-label={`${t('days')}: ${procedure.code}`} min={0} max={365} step={1} value={days} onChange={(e) => setDays(e.target.value)} required />
      <button type="submit" className="small" disabled={!changed}>{t('save')}</button>
    </form>
  );
}
