import { useMemo, useState } from 'react';
import type { Metrics } from '../../../shared/figures.js';
import type { ProcedureFigures, ProcedureSnapshot } from '../../../shared/snapshot.js';
import { ExportButtons } from '../components/ExportButtons.js';
import { ExportPeriod } from '../components/ExportPeriod.js';
import { FittedBox } from '../components/FittedBox.js';
import { useI18n } from '../i18n/index.js';
import type { MessageKey } from '../i18n/vi.js';
import {
  DEFAULT_PROCEDURE_SORT, filterProcedures, lateProcedures, procedureDefaultDescending, procedureFields, sortProcedures,
  type ColumnSort, type ProcedureMetricColumn, type ProcedureSort, type ProcedureSortColumn, type ProcedureUnitSortColumn,
} from '../lib/procedures.js';
import { proceduresTable } from '../lib/tables.js';
import { Link, hrefWith } from '../router.js';

/** A column of the procedures' table or of one procedure's units (ProcedureUnitsView). */
export interface SortableColumn<C extends string> {
  column: C;
  label: MessageKey;
  /** What the figure counts, where its short heading leaves it open. */
  explained?: MessageKey;
  align: 'left' | 'num';
}

type Column = SortableColumn<Exclude<ProcedureSortColumn, 'lateAndOverdue'>>;

/** The figures' columns, the same for the city's procedures and for the units handling one of them. */
export const METRIC_COLUMNS: readonly SortableColumn<ProcedureMetricColumn>[] = [
  { column: 'received', label: 'kpi_received', align: 'num' },
  { column: 'resolved', label: 'kpi_resolved', align: 'num' },
  { column: 'resolvedLate', label: 'late', explained: 'lateExplained', align: 'num' },
  { column: 'onTimeRate', label: 'kpi_onTimeRate', align: 'num' },
  { column: 'pending', label: 'col_pending', align: 'num' },
  { column: 'overdue', label: 'col_overdue', explained: 'overdueExplained', align: 'num' },
];

const COLUMNS: readonly Column[] = [
  { column: 'name', label: 'procedure', align: 'left' },
  { column: 'field', label: 'field', align: 'left' },
  ...METRIC_COLUMNS,
];

/**
 * The wall's columns, read from five metres: what the procedure is and the counts that say where the city runs late
 * (its code, what is resolved and what is pending are for the page and the presenter's slide).
 */
const WALL_COLUMNS: readonly Column[] = COLUMNS.filter((c) => ['name', 'field', 'received', 'resolvedLate', 'onTimeRate', 'overdue'].includes(c.column));

/**
 * A presenter's slide or the wall lists at most this many procedures (or units of one procedure), so the table stays
 * readable from the back of the room.
 */
export const SLIDE_ROWS = 12;

interface Props {
  snapshot: ProcedureSnapshot;
  mode: 'dashboard' | 'display' | 'present';
  /** The presenter in full screen: the table has the rest of the screen, its text shrunk until every row shows. */
  fill?: boolean;
  /** The dashboard's period, kept by each procedure's link to the units handling it. */
  periodQuery?: Record<string, string>;
}

export function ProceduresView({ snapshot, mode, fill = false, periodQuery = {} }: Props) {
  if (mode === 'display') return <WallProcedures snapshot={snapshot} />;
  return mode === 'present' ? <LateProceduresCard snapshot={snapshot} fill={fill} /> : <AllProcedures snapshot={snapshot} periodQuery={periodQuery} />;
}

/**
 * Every procedure of the city in the period: found by name, code or field, narrowed to one field, sorted by any
 * column (first as the server sends them, the most late and overdue first), exported as shown; each opens the units
 * handling it.
 */
function AllProcedures({ snapshot, periodQuery }: { snapshot: ProcedureSnapshot; periodQuery: Record<string, string> }) {
  const { t, fmt, lang } = useI18n();
  const [sort, setSort] = useState<ProcedureSort>(DEFAULT_PROCEDURE_SORT);
  const [search, setSearch] = useState('');
  const [field, setField] = useState<string | null>(null);
  const all = snapshot.procedures;
  const fields = useMemo(() => procedureFields(all, lang), [all, lang]);
  const rows = useMemo(() => sortProcedures(filterProcedures(all, { search, field }), sort, lang), [all, search, field, sort, lang]);

  if (all.length === 0) return <p className="empty">{t('empty')}</p>;
  const title = t('proceduresTitle');
  // A field chosen before a refresh stays offered when its procedures have left the period, so the choice shows.
  const fieldOptions = field !== null && !fields.includes(field) ? [...fields, field] : fields;
  const isDefaultOrder = sort.column === DEFAULT_PROCEDURE_SORT.column && sort.descending === DEFAULT_PROCEDURE_SORT.descending;

  return (
    <ExportPeriod figures={snapshot}>
      <section className="card procedures" aria-label={title}>
        <header className="card-header">
          <h2>{title}</h2>
          <ExportButtons table={() => proceduresTable(field === null ? title : `${title} – ${field}`, rows, (k) => t(k))} />
        </header>
        <div className="table-tools">
          <input type="search" aria-label={t('proceduresSearch')} placeholder={t('proceduresSearch')} value={search} onChange={(e) => setSearch(e.target.value)} />
          <select aria-label={t('field')} value={field ?? ''} onChange={(e) => setField(e.target.value === '' ? null : e.target.value)}>
            <option value="">{t('proceduresAllFields')}</option>
            {fieldOptions.map((f) => <option key={f} value={f}>{f}</option>)}
          </select>
          <span className="muted num" role="status">{t('proceduresShown', { shown: fmt.count(rows.length), total: fmt.count(all.length) })}</span>
          {isDefaultOrder ? <span className="muted order-note">{t('proceduresDefaultOrder')}</span>
            : <button type="button" className="small" onClick={() => setSort(DEFAULT_PROCEDURE_SORT)}>{t('proceduresResetOrder')}</button>}
        </div>
        {rows.length === 0 ? <p className="empty">{t('proceduresNoMatch')}</p> : (
          <div className="table-scroll">
            <ProcedureTable rows={rows} sorting={{ sort, onSort: setSort }} periodQuery={periodQuery} />
          </div>
        )}
      </section>
    </ExportPeriod>
  );
}

/**
 * The city's procedures that run late, for a meeting: the most late and overdue first, as many as a slide shows
 * readably, and how many there are in all; no tools to use on a projector. The export has every procedure.
 */
function LateProceduresCard({ snapshot, fill }: { snapshot: ProcedureSnapshot; fill: boolean }) {
  const { t } = useI18n();
  const all = snapshot.procedures;
  const { shown, late, total } = useMemo(() => lateProcedures(all, SLIDE_ROWS), [all]);

  if (total === 0) return <p className="empty">{t('empty')}</p>;
  const title = t('proceduresSlideTitle');
  const table = <ProcedureTable rows={shown} />;
  return (
    <ExportPeriod figures={snapshot}>
      <section className={`card procedures${fill ? ' slide-screen' : ''}`} aria-label={title}>
        <header className="card-header">
          <h2>{title}</h2>
          <ExportButtons table={() => proceduresTable(t('proceduresTitle'), all, (k) => t(k))} />
        </header>
        <LateCount shown={shown.length} late={late} total={total} />
        {shown.length === 0 ? <p className="empty">{t('proceduresNoneLate')}</p>
          : fill ? <FittedBox fitKey={fitKey(shown)}>{table}</FittedBox>
          : <div className="table-scroll">{table}</div>}
      </section>
    </ExportPeriod>
  );
}

/**
 * The same procedures on the wall, its heading the wall's own: the table has the rest of the screen below the count
 * line, in the wall's type, shrunk (as the wall's rankings) until every row shows.
 */
function WallProcedures({ snapshot }: { snapshot: ProcedureSnapshot }) {
  const { t } = useI18n();
  const { shown, late, total } = useMemo(() => lateProcedures(snapshot.procedures, SLIDE_ROWS), [snapshot.procedures]);

  if (total === 0) return <p className="empty">{t('empty')}</p>;
  return (
    <section className="card procedures procedures-display" aria-label={t('proceduresSlideTitle')}>
      <LateCount shown={shown.length} late={late} total={total} />
      {shown.length === 0 ? <p className="empty">{t('proceduresNoneLate')}</p>
        : <FittedBox fitKey={fitKey(shown)}><ProcedureTable rows={shown} columns={WALL_COLUMNS} codes={false} /></FittedBox>}
    </section>
  );
}

/** How many procedures there are in all and how many run late, and how many of those the table lists when not all. */
function LateCount({ shown, late, total }: { shown: number; late: number; total: number }) {
  const { t, fmt } = useI18n();
  const count = t('proceduresSlideCount', { total: fmt.count(total), late: fmt.count(late) });
  return (
    <p className="procedures-count" data-testid="procedures-count">
      {shown < late ? `${count} ${t('proceduresSlideTop', { shown: fmt.count(shown) })}` : count}
    </p>
  );
}

/** What changes the rows' widths and so their wrapping: which procedures are listed. */
function fitKey(rows: readonly ProcedureFigures[]): string {
  return rows.map((p) => p.procedureCode).join(',');
}

interface TableProps {
  rows: readonly ProcedureFigures[];
  /** Every column but on the wall. */
  columns?: readonly Column[];
  /** Each procedure's code under its name. */
  codes?: boolean;
  /** Headings that sort the table (the page); without, on a slide, they only name the columns. */
  sorting?: { sort: ProcedureSort; onSort: (sort: ProcedureSort) => void };
  /** The page: each procedure's name opens the units handling it, for this period. Not on a slide or the wall. */
  periodQuery?: Record<string, string>;
}

function ProcedureTable({ rows, columns = COLUMNS, codes = true, sorting, periodQuery }: TableProps) {
  return (
    <table className="procedure-table">
      <thead><ColumnHeadings columns={columns} sorting={sorting} /></thead>
      <tbody>{rows.map((p) => <ProcedureRow key={p.procedureCode} procedure={p} columns={columns} code={codes} periodQuery={periodQuery} />)}</tbody>
    </table>
  );
}

/** A table's headings: on the page each sorts the table by its column; on a slide or the wall they only name them. */
export function ColumnHeadings<C extends ProcedureSortColumn | ProcedureUnitSortColumn>(
  { columns, sorting }: { columns: readonly SortableColumn<C>[]; sorting?: { sort: ColumnSort<C>; onSort: (sort: ColumnSort<C>) => void } | undefined },
) {
  const { t } = useI18n();
  return (
    <tr>
      {columns.map((c) => (sorting ? <SortHeader key={c.column} column={c} sort={sorting.sort} onSort={sorting.onSort} />
        : <th key={c.column} scope="col" className={c.align} title={c.explained ? t(c.explained) : undefined}>{t(c.label)}</th>))}
    </tr>
  );
}

/** A heading that sorts its table by its column, the other way when clicked again. */
function SortHeader<C extends ProcedureSortColumn | ProcedureUnitSortColumn>(
  { column, sort, onSort }: { column: SortableColumn<C>; sort: ColumnSort<C>; onSort: (sort: ColumnSort<C>) => void },
) {
  const { t } = useI18n();
  const active = sort.column === column.column;
  const sortBy = t('sortBy', { column: t(column.label) });
  return (
    <th scope="col" className={column.align} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort" title={column.explained ? `${t(column.explained)}. ${sortBy}` : sortBy}
        onClick={() => onSort({ column: column.column, descending: active ? !sort.descending : procedureDefaultDescending(column.column) })}>
        {t(column.label)}{active ? (sort.descending ? ' ↓' : ' ↑') : ''}
      </button>
    </th>
  );
}

interface RowProps {
  procedure: ProcedureFigures;
  columns: readonly Column[];
  code: boolean;
  periodQuery: Record<string, string> | undefined;
}

function ProcedureRow({ procedure: p, columns, code, periodQuery }: RowProps) {
  const name = p.name ?? p.procedureCode;
  return (
    <tr data-procedure={p.procedureCode}>
      {columns.map((c) => (c.column === 'name' ? (
        <th key={c.column} scope="row" className="left">
          {periodQuery ? <Link href={hrefWith(`/procedures/${encodeURIComponent(p.procedureCode)}`, periodQuery)}>{name}</Link> : name}
          {code && p.name !== null && <span className="procedure-code mono muted">{p.procedureCode}</span>}
        </th>
      ) : c.column === 'field' ? <td key={c.column} className="left">{p.field ?? '–'}</td>
        : <MetricCell key={c.column} column={c.column} figures={p} />))}
    </tr>
  );
}

/** One figure of a procedure, or of a unit for one procedure. */
export function MetricCell({ column, figures }: { column: ProcedureMetricColumn; figures: Metrics }) {
  const { fmt } = useI18n();
  switch (column) {
    case 'onTimeRate': return <td className="num">{fmt.percent(figures.onTimeRate, 1)}</td>;
    // What runs late stands out where there is any.
    case 'resolvedLate':
    case 'overdue': return <td className={figures[column] > 0 ? 'num warn' : 'num'}>{fmt.count(figures[column])}</td>;
    default: return <td className="num">{fmt.count(figures[column])}</td>;
  }
}
