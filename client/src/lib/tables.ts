/** The tables users can export, built from the same rows the screen shows. Rates go out as percentages. */
import { SCORE_COMPONENTS } from '../../../shared/figures.js';
import type { OverdueDossier, ProcedureFigures, ProcedureUnitFigures } from '../../../shared/snapshot.js';
import type { MessageKey } from '../i18n/vi.js';
import type { ExportTable } from './csv.js';
import type { RankingRow } from './rankings.js';
import type { KpiTile } from './kpis.js';

type Label = (key: MessageKey) => string;
const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 10_000) / 100);
const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

export function rankingTable(name: string, rows: readonly RankingRow[], label: Label): ExportTable {
  return {
    name,
    columns: [
      label('col_rank'), label('col_change'), label('col_unit'), label('col_score'), label('col_grade'),
      ...SCORE_COMPONENTS.map((c) => `${label(`comp_${c}`)} (%)`), label('col_received'), label('col_overdue'),
    ],
    rows: rows.map((r) => [
      r.unit.rank, r.rankChange, r.unit.name, round1(r.unit.score), label(r.unit.grade ? `grade_${r.unit.grade}` : 'grade_none'),
      ...SCORE_COMPONENTS.map((c) => pct(r.shares[c])), r.unit.received, r.unit.overdue,
    ]),
  };
}

export function overdueTable(name: string, dossiers: readonly OverdueDossier[], label: Label, date: (iso: string) => string): ExportTable {
  return {
    name,
    columns: [label('dossierId'), label('procedure'), label('receivedAt'), label('dueAt'), label('daysOverdue')],
    rows: dossiers.map((d) => [d.dossierId, d.procedureName ?? d.procedureCode, date(d.receivedAt), date(d.dueAt), d.daysOverdue]),
  };
}

/** Procedures' figures, in the columns of the city's procedures page (a unit's procedures card shows fewer). */
export function proceduresTable(name: string, procedures: readonly ProcedureFigures[], label: Label): ExportTable {
  return {
    name,
    columns: [
      label('procedure'), label('procedureCode'), label('field'), label('kpi_received'), label('kpi_resolved'), label('late'),
      `${label('kpi_onTimeRate')} (%)`, label('col_pending'), label('col_overdue'),
    ],
    rows: procedures.map((p) => [
      p.name ?? p.procedureCode, p.procedureCode, p.field, p.received, p.resolved, p.resolvedLate, pct(p.onTimeRate), p.pending, p.overdue,
    ]),
  };
}

/** One procedure's units, in the columns of its page, with each unit's code; the kind by the name the page shows. */
export function procedureUnitsTable(name: string, units: readonly ProcedureUnitFigures[], label: Label): ExportTable {
  return {
    name,
    columns: [
      label('col_unit'), label('unitCode'), label('col_kind'), label('kpi_received'), label('kpi_resolved'), label('late'),
      `${label('kpi_onTimeRate')} (%)`, label('col_pending'), label('col_overdue'),
    ],
    rows: units.map((u) => [
      u.name, u.code, label(`unitKind_${u.kind}`), u.received, u.resolved, u.resolvedLate, pct(u.onTimeRate), u.pending, u.overdue,
    ]),
  };
}

/**
 * The KPI tiles as a table: value, the period compared with (`previousColumn` names it) and change (rates and
 * their changes in percent / points).
 */
export function kpiTable(name: string, tiles: readonly KpiTile[], label: Label, previousColumn: MessageKey = 'kpiPrevious'): ExportTable {
  const shown = (tile: KpiTile, value: number | null) => (tile.format === 'percent' ? pct(value) : value);
  return {
    name,
    columns: [label('kpiColumn'), label('kpiCurrent'), label(previousColumn), label('kpiChange')],
    rows: tiles.map((tile) => [
      `${label(`kpi_${tile.key}`)}${tile.format === 'percent' ? ' (%)' : ''}`,
      shown(tile, tile.value), shown(tile, tile.previous), tile.change === null ? null : Math.round(tile.change * 100) / 100,
    ]),
  };
}
