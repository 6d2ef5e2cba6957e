/**
 * One procedure across the city (the dashboard's /procedures/:code): its totals, and the districts and departments
 * handling it, those where it runs late first, so a head sees where the dossiers of a late procedure are held up.
 */
import { useMemo, useState } from 'react';
import { mayOpenUnit } from '../../../shared/api.js';
import { grade } from '../../../shared/figures.js';
import type { ProcedureUnitFigures, ProcedureUnitsSnapshot } from '../../../shared/snapshot.js';
import { ExportButtons } from '../components/ExportButtons.js';
import { ExportPeriod } from '../components/ExportPeriod.js';
import { useApp } from '../context.js';
import { useI18n } from '../i18n/index.js';
import type { MessageKey } from '../i18n/vi.js';
import {
  DEFAULT_PROCEDURE_UNIT_SORT, sortProcedureUnits, type ProcedureMetricColumn, type ProcedureUnitSort, type ProcedureUnitSortColumn,
} from '../lib/procedures.js';
import { procedureUnitsTable } from '../lib/tables.js';
import { Link, hrefWith } from '../router.js';
import { METRIC_COLUMNS, MetricCell, SortHeader, type SortableColumn } from './ProceduresView.js';

const COLUMNS: readonly SortableColumn<Exclude<ProcedureUnitSortColumn, 'lateAndOverdue'>>[] = [
  { column: 'name', label: 'col_unit', align: 'left' },
  { column: 'kind', label: 'col_kind', align: 'left' },
  ...METRIC_COLUMNS,
];

/** The city's totals for the procedure: the table's figures, a tile each, named at more length where a tile has room. */
const TILES: readonly { column: ProcedureMetricColumn; label: MessageKey; explained?: MessageKey }[] = [
  { column: 'received', label: 'kpi_received' },
  { column: 'resolved', label: 'kpi_resolved' },
  { column: 'resolvedLate', label: 'late', explained: 'lateExplained' },
  { column: 'onTimeRate', label: 'kpi_onTimeRate' },
  { column: 'pending', label: 'col_pending' },
  { column: 'overdue', label: 'kpi_overdue', explained: 'overdueExplained' },
];

interface Props {
  snapshot: ProcedureUnitsSnapshot;
  /** The period each unit's link keeps. */
  periodQuery: Record<string, string>;
}

export function ProcedureUnitsView({ snapshot, periodQuery }: Props) {
  const { t } = useI18n();
  const { procedure } = snapshot;
  return (
    <ExportPeriod figures={snapshot}>
      <header className="procedure-head">
        <h1>{procedure.name ?? procedure.procedureCode}</h1>
        <p className="muted">
          <span className="mono">{procedure.procedureCode}</span> · {t('field')}: {procedure.field ?? '–'}
        </p>
      </header>
      {snapshot.units.length === 0 ? <p className="empty">{t('procedureUnitsEmpty')}</p> : (
        <>
          <CityTotals snapshot={snapshot} />
          <UnitsCard snapshot={snapshot} periodQuery={periodQuery} />
        </>
      )}
    </ExportPeriod>
  );
}

/** The procedure's figures over every unit, the on-time rate tinted with the band it would earn as a score. */
function CityTotals({ snapshot }: { snapshot: ProcedureUnitsSnapshot }) {
  const { t, fmt } = useI18n();
  const { config } = useApp();
  const total = snapshot.procedure;
  const title = t('procedureCityTotal');
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <ul className="kpis procedure-kpis">
        {TILES.map(({ column, label, explained }) => {
          const band = column === 'onTimeRate' && total.onTimeRate !== null ? ` band-${grade(total.onTimeRate * 100, config.scoring)}` : '';
          const late = (column === 'resolvedLate' || column === 'overdue') && total[column] > 0;
          return (
            <li key={column} className={`kpi${band}`} data-kpi={column} title={explained ? t(explained) : undefined}>
              <span className="kpi-label">{t(label)}</span>
              <strong className={`kpi-value num${late ? ' warn' : ''}`}>
                {column === 'onTimeRate' ? fmt.percent(total.onTimeRate, 1) : fmt.count(total[column])}
              </strong>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The units, sorted by any column (first as the server sends them), exported as shown. */
function UnitsCard({ snapshot, periodQuery }: Props) {
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
        <table className="procedure-units-table">
          <thead>
            <tr>{COLUMNS.map((c) => <SortHeader key={c.column} column={c} sort={sort} onSort={setSort} />)}</tr>
          </thead>
          <tbody>{rows.map((u) => <UnitRow key={u.code} unit={u} periodQuery={periodQuery} />)}</tbody>
        </table>
      </div>
    </section>
  );
}

function UnitRow({ unit, periodQuery }: { unit: ProcedureUnitFigures; periodQuery: Record<string, string> }) {
  const { t } = useI18n();
  const { me } = useApp();
  return (
    <tr data-unit={unit.code}>
      <th scope="row" className="left">
        {/* A unit head opens only their own units' pages: the others' names are not links to a refusal. */}
        {mayOpenUnit(me, unit.code) ? <Link href={hrefWith(`/unit/${encodeURIComponent(unit.code)}`, periodQuery)}>{unit.name}</Link> : unit.name}
      </th>
      <td className="left">{t(`unitKind_${unit.kind}`)}</td>
      {METRIC_COLUMNS.map((c) => <MetricCell key={c.column} column={c.column} figures={unit} />)}
    </tr>
  );
}

/** A procedure code the catalog does not have (a mistyped or outdated link): says so by its code, nothing to retry. */
export function ProcedureNotFound({ code }: { code: string }) {
  const { t } = useI18n();
  return <p className="empty" role="alert">{t('procedureNotFound', { code })}</p>;
}
