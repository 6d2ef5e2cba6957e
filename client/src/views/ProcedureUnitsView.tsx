/**
 * One procedure across the city: its totals, and the districts and departments handling it, those where it runs late
 * first, so a head sees where the dossiers of a late procedure are held up. On the dashboard (/procedures/:code) every
 * unit, sorted by any column; on a presenter's slide and on the wall the first of them, as many as read from the back
 * of the room.
 */
import { useMemo, useState } from 'react';
import { mayOpenUnit } from '../../../shared/api.js';
import type { ProcedureFigures, ProcedureUnitFigures, ProcedureUnitsSnapshot } from '../../../shared/snapshot.js';
import { ExportButtons } from '../components/ExportButtons.js';
import { ExportPeriod } from '../components/ExportPeriod.js';
import { FittedBox } from '../components/FittedBox.js';
import { KpiTiles } from '../components/KpiTiles.js';
import { useApp } from '../context.js';
import { useI18n } from '../i18n/index.js';
import type { MessageKey } from '../i18n/vi.js';
import { PROCEDURE_KPIS, type KpiKey } from '../lib/kpis.js';
import {
  DEFAULT_PROCEDURE_UNIT_SORT, leadingUnits, sortProcedureUnits,
  type ProcedureUnitSort, type ProcedureUnitSortColumn,
} from '../lib/procedures.js';
import { procedureUnitsTable } from '../lib/tables.js';
import { Link, hrefWith } from '../router.js';
import { ColumnHeadings, METRIC_COLUMNS, MetricCell, SLIDE_ROWS, type SortableColumn } from './ProceduresView.js';

type Column = SortableColumn<Exclude<ProcedureUnitSortColumn, 'lateAndOverdue'>>;

const COLUMNS: readonly Column[] = [
  { column: 'name', label: 'col_unit', align: 'left' },
  { column: 'kind', label: 'col_kind', align: 'left' },
  ...METRIC_COLUMNS,
];

/** The wall's columns, read from five metres: which unit, and the counts that say where the procedure runs late. */
const WALL_COLUMNS: readonly Column[] = COLUMNS.filter((c) => ['name', 'received', 'resolvedLate', 'onTimeRate', 'overdue'].includes(c.column));

/** What two of the city's totals count, on their tiles' tooltips. */
const EXPLAINED: Partial<Record<KpiKey, MessageKey>> = { resolvedLate: 'lateExplained', overdue: 'overdueExplained' };

interface Props {
  snapshot: ProcedureUnitsSnapshot;
  /** The procedure's city totals over the period compared with (null while read, or none); not on the wall. */
  previous?: ProcedureFigures | null;
  mode: 'dashboard' | 'present' | 'display';
  /** The presenter in full screen: the units' table has the rest of the screen, its text shrunk until every row shows. */
  fill?: boolean;
  /** The dashboard's period, kept by each unit's link to its page. */
  periodQuery?: Record<string, string>;
}

export function ProcedureUnitsView({ snapshot, previous = null, mode, fill = false, periodQuery = {} }: Props) {
  const { t } = useI18n();
  const units = snapshot.units.length === 0 ? <p className="empty">{t('procedureUnitsEmpty')}</p>
    : mode === 'dashboard' ? <UnitsCard snapshot={snapshot} periodQuery={periodQuery} />
    : <LeadingUnitsCard snapshot={snapshot} wall={mode === 'display'} fill={fill || mode === 'display'} />;
  return (
    <ExportPeriod figures={snapshot}>
      <div className={`procedure-units-view procedure-units-${mode}${fill ? ' slide-screen' : ''}`}>
        <ProcedureHead procedure={snapshot.procedure} />
        {snapshot.units.length > 0 && <CityTotals current={snapshot.procedure} previous={previous} mode={mode} />}
        {units}
      </div>
    </ExportPeriod>
  );
}

/** The procedure's name (its code when the catalog has none), its code and its field. */
function ProcedureHead({ procedure }: { procedure: ProcedureFigures }) {
  const { t } = useI18n();
  return (
    <header className="procedure-head">
      <h1>{procedure.name ?? procedure.procedureCode}</h1>
      <p className="muted">
        <span className="mono">{procedure.procedureCode}</span> · {t('field')}: {procedure.field ?? '–'}
      </p>
    </header>
  );
}

/**
 * The procedure's figures over every unit, in one row of tiles like the overview's, each with its change against the
 * period compared with (not on the wall, which reads no comparison), late and overdue counts in the warning colour.
 * Headed on the page; on a slide or the wall, right under the procedure's name, they need no heading.
 */
function CityTotals({ current, previous, mode }: { current: ProcedureFigures; previous: ProcedureFigures | null; mode: Props['mode'] }) {
  const { t } = useI18n();
  const title = t('procedureCityTotal');
  return (
    <section aria-label={title}>
      {mode === 'dashboard' && <h2>{title}</h2>}
      <KpiTiles current={current} previous={previous} keys={PROCEDURE_KPIS} label={title} className="procedure-kpis"
        uncompared={mode === 'display'} explained={EXPLAINED} warnBadCounts />
    </section>
  );
}

/** The units, sorted by any column (first as the server sends them), exported as shown. */
function UnitsCard({ snapshot, periodQuery }: { snapshot: ProcedureUnitsSnapshot; periodQuery: Record<string, string> }) {
  const { t, fmt, lang } = useI18n();
  const [sort, setSort] = useState<ProcedureUnitSort>(DEFAULT_PROCEDURE_UNIT_SORT);
  const units = snapshot.units;
  const rows = useMemo(() => sortProcedureUnits(units, sort, lang, (kind) => t(`unitKind_${kind}`)), [units, sort, lang, t]);
  const title = t('procedureUnitsTitle');
  const isDefaultOrder = sort.column === DEFAULT_PROCEDURE_UNIT_SORT.column && sort.descending === DEFAULT_PROCEDURE_UNIT_SORT.descending;
  return (
    <section className="card procedure-units" aria-label={title}>
      <header className="card-header">
        <h2>{title}</h2>
        <ExportButtons table={() => procedureUnitsTable(`${title} – ${snapshot.procedure.procedureCode}`, rows, (k) => t(k))} />
      </header>
      <div className="table-tools">
        <span className="muted num" role="status">{t('procedureUnitsCount', { count: fmt.count(units.length) })}</span>
        {isDefaultOrder ? <span className="muted order-note">{t('procedureUnitsDefaultOrder')}</span>
          : <button type="button" className="small" onClick={() => setSort(DEFAULT_PROCEDURE_UNIT_SORT)}>{t('proceduresResetOrder')}</button>}
      </div>
      <div className="table-scroll">
        <UnitsTable rows={rows} sorting={{ sort, onSort: setSort }} periodQuery={periodQuery} />
      </div>
    </section>
  );
}

/**
 * For a meeting or the wall: the units where the procedure runs late first, as many as a slide shows readably, and
 * how many there are in all; no tools to use on a projector. A slide's export has every unit; the wall has its own
 * heading and fewer columns, in its type, and like the presenter in full screen (`fill`) shrinks its text until
 * every row shows.
 */
function LeadingUnitsCard({ snapshot, wall, fill }: { snapshot: ProcedureUnitsSnapshot; wall: boolean; fill: boolean }) {
  const { t, fmt } = useI18n();
  const { shown, total } = useMemo(() => leadingUnits(snapshot.units, SLIDE_ROWS), [snapshot.units]);
  const title = t('procedureUnitsTitle');
  const table = <UnitsTable rows={shown} columns={wall ? WALL_COLUMNS : COLUMNS} />;
  return (
    <section className="card procedure-units" aria-label={title}>
      {!wall && (
        <header className="card-header">
          <h2>{title}</h2>
          <ExportButtons table={() => procedureUnitsTable(`${title} – ${snapshot.procedure.procedureCode}`, snapshot.units, (k) => t(k))} />
        </header>
      )}
      <p className="procedures-count" data-testid="procedure-units-count">
        {shown.length < total ? t('procedureUnitsTop', { shown: fmt.count(shown.length), total: fmt.count(total) })
          : t('procedureUnitsCount', { count: fmt.count(total) })}
      </p>
      {fill ? <FittedBox fitKey={shown.map((u) => u.code).join(',')}>{table}</FittedBox> : <div className="table-scroll">{table}</div>}
    </section>
  );
}

interface TableProps {
  rows: readonly ProcedureUnitFigures[];
  /** Every column but on the wall. */
  columns?: readonly Column[];
  /** Headings that sort the table (the page); without, on a slide or the wall, they only name the columns. */
  sorting?: { sort: ProcedureUnitSort; onSort: (sort: ProcedureUnitSort) => void };
  /** The page: each unit's name opens its page, for this period. Not on a slide or the wall. */
  periodQuery?: Record<string, string>;
}

function UnitsTable({ rows, columns = COLUMNS, sorting, periodQuery }: TableProps) {
  return (
    <table className="procedure-units-table">
      <thead><ColumnHeadings columns={columns} sorting={sorting} /></thead>
      <tbody>{rows.map((u) => <UnitRow key={u.code} unit={u} columns={columns} periodQuery={periodQuery} />)}</tbody>
    </table>
  );
}

function UnitRow({ unit, columns, periodQuery }: { unit: ProcedureUnitFigures; columns: readonly Column[]; periodQuery: Record<string, string> | undefined }) {
  const { t } = useI18n();
  const { me } = useApp();
  return (
    <tr data-unit={unit.code}>
      {columns.map((c) => (c.column === 'name' ? (
        <th key={c.column} scope="row" className="left">
          {/* A unit head opens only their own units' pages: the others' names are not links to a refusal. */}
          {periodQuery && mayOpenUnit(me, unit.code) ? <Link href={hrefWith(`/unit/${encodeURIComponent(unit.code)}`, periodQuery)}>{unit.name}</Link> : unit.name}
        </th>
      ) : c.column === 'kind' ? <td key={c.column} className="left">{t(`unitKind_${unit.kind}`)}</td>
        : <MetricCell key={c.column} column={c.column} figures={unit} />))}
    </tr>
  );
}

/** A procedure code the catalog does not have (a mistyped or outdated link or deck): says so by its code, nothing to retry. */
export function ProcedureNotFound({ code }: { code: string }) {
  const { t } = useI18n();
  return <p className="empty" role="alert">{t('procedureNotFound', { code })}</p>;
}
