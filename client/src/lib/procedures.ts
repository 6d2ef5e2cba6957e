/**
 * The city's procedures table: which rows a search and a field keep, and the order a clicked column puts them in;
 * and the order of one procedure's units.
 */
import type { UnitKind } from '../../../shared/catalog.js';
import type { ProcedureFigures, ProcedureUnitFigures } from '../../../shared/snapshot.js';
import { sortByColumn, type SortValue } from './sorting.js';

/** The figures both tables show, a procedure's and a unit's for one procedure. */
export type ProcedureMetricColumn = 'received' | 'resolved' | 'resolvedLate' | 'onTimeRate' | 'pending' | 'overdue';

export type ProcedureSortColumn = 'lateAndOverdue' | 'name' | 'field' | ProcedureMetricColumn;

/** One procedure's units: their name and kind (district or department) beside the figures. */
export type ProcedureUnitSortColumn = 'lateAndOverdue' | 'name' | 'kind' | ProcedureMetricColumn;

export interface ColumnSort<Column extends string> {
  column: Column;
  descending: boolean;
}

export type ProcedureSort = ColumnSort<ProcedureSortColumn>;
export type ProcedureUnitSort = ColumnSort<ProcedureUnitSortColumn>;

/** The procedures' figures have no live channel: the page and the wall read those of a named period again this often. */
export const PROCEDURES_REFRESH_MS = 60_000;

/** The server's order: the procedures with the most dossiers resolved late or overdue now first. */
export const DEFAULT_PROCEDURE_SORT: ProcedureSort = { column: 'lateAndOverdue', descending: true };

/** The server's order of one procedure's units, as for the procedures: the most late and overdue first. */
export const DEFAULT_PROCEDURE_UNIT_SORT: ProcedureUnitSort = { column: 'lateAndOverdue', descending: true };

/**
 * The direction a column sorts in when first clicked: names A–Z, counts most first, and the on-time rate worst
 * first, since the pages are read for what runs late.
 */
export function procedureDefaultDescending(column: ProcedureSortColumn | ProcedureUnitSortColumn): boolean {
  return !(column === 'name' || column === 'field' || column === 'kind' || column === 'onTimeRate');
}

/** What both tables sort a figure's column by; the server's order is the dossiers resolved late and overdue together. */
function figureValue(row: Pick<ProcedureFigures, ProcedureMetricColumn>, column: 'lateAndOverdue' | ProcedureMetricColumn): SortValue {
  return column === 'lateAndOverdue' ? row.resolvedLate + row.overdue : row[column];
}

function sortValue(row: ProcedureFigures, column: ProcedureSortColumn): SortValue {
  switch (column) {
    case 'name': return row.name ?? row.procedureCode;
    case 'field': return row.field;
    default: return figureValue(row, column);
  }
}

/**
 * Sorts a copy. Missing values (no field, no rate) go last whatever the direction; ties keep the order the rows came
 * in, the server's, so the default sort leaves that order as it is.
 */
export function sortProcedures(rows: readonly ProcedureFigures[], sort: ProcedureSort, lang = 'vi'): ProcedureFigures[] {
  return sortByColumn(rows, (row) => sortValue(row, sort.column), sort.descending, lang);
}

/**
 * Sorts a copy of one procedure's units, as `sortProcedures` the procedures. The kind sorts by `kindName`, the name
 * it shows under, so the order reads alphabetical in either language.
 */
export function sortProcedureUnits(
  rows: readonly ProcedureUnitFigures[], sort: ProcedureUnitSort, lang = 'vi', kindName: (kind: UnitKind) => string = (kind) => kind,
): ProcedureUnitFigures[] {
  const value = (row: ProcedureUnitFigures): SortValue => {
    switch (sort.column) {
      case 'name': return row.name;
      case 'kind': return kindName(row.kind);
      default: return figureValue(row, sort.column);
    }
  };
  return sortByColumn(rows, value, sort.descending, lang);
}

/**
 * Whether every word of a search is in one of `texts` (case aside): "đất GCN" finds the land-use certificate by a
 * word of its name and one of its code.
 */
export function matchesSearch(query: string, texts: readonly (string | null)[]): boolean {
  const words = query.trim().toLocaleLowerCase('vi').split(/\s+/).filter(Boolean);
  const haystack = texts.filter((text) => text !== null).join(' ').toLocaleLowerCase('vi');
  return words.every((word) => haystack.includes(word));
}

/** What the filters above the table are set to; `field` null keeps every field. */
export interface ProcedureFilter {
  search: string;
  field: string | null;
}

export function filterProcedures(rows: readonly ProcedureFigures[], filter: ProcedureFilter): ProcedureFigures[] {
  return rows.filter((row) => (filter.field === null || row.field === filter.field)
    && matchesSearch(filter.search, [row.procedureCode, row.name, row.field]));
}

/** The fields the rows belong to, once each, in alphabetical order: the field select's options. */
export function procedureFields(rows: readonly ProcedureFigures[], lang = 'vi'): string[] {
  const fields = new Set(rows.flatMap((row) => (row.field === null ? [] : [row.field])));
  return [...fields].sort(new Intl.Collator(lang).compare);
}

/** What the presenter's slide of procedures shows: the first `limit` of those running late, and how many there are. */
export interface LateProcedures {
  shown: ProcedureFigures[];
  /** The procedures with a dossier resolved late or overdue now. */
  late: number;
  /** Every procedure with a dossier in the period. */
  total: number;
}

/**
 * The procedures with a dossier resolved late or overdue now, in the server's order (the most of both first), at most
 * `limit`: a slide names where the city runs late, so a procedure with none is not among them.
 */
export function lateProcedures(rows: readonly ProcedureFigures[], limit: number): LateProcedures {
  const late = rows.filter((row) => row.resolvedLate + row.overdue > 0);
  return { shown: late.slice(0, limit), late: late.length, total: rows.length };
}

/** What a slide or the wall shows of one procedure's units: the first `limit`, and how many there are in all. */
export interface LeadingUnits {
  shown: ProcedureUnitFigures[];
  total: number;
}

/**
 * The first `limit` units in the server's order, those where the procedure runs late first. Units where it does not
 * are listed too when there is room: on one procedure's slide they are its other units, not the city's procedures.
 */
export function leadingUnits(units: readonly ProcedureUnitFigures[], limit: number): LeadingUnits {
  return { shown: units.slice(0, limit), total: units.length };
}
