import { describe, expect, it } from 'vitest';
import type { ProcedureUnitFigures } from '../../../shared/snapshot.js';
import { vi } from '../i18n/vi.js';
import { procedure } from './fixtures.js';
import {
  DEFAULT_PROCEDURE_SORT, DEFAULT_PROCEDURE_UNIT_SORT, filterProcedures, lateProcedures, leadingUnits, matchesSearch,
  procedureDefaultDescending, procedureFields, sortProcedures, sortProcedureUnits,
} from './procedures.js';

const codes = (rows: readonly { procedureCode: string }[]) => rows.map((row) => row.procedureCode);

// As the server sends them: the most late and overdue first.
const rows = [
  procedure('DD-GCN', { name: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu', field: 'Đất đai', received: 40, resolvedLate: 6, overdue: 3, onTimeRate: 0.7 }),
  procedure('XD-GPXD', { name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ', field: 'Xây dựng', received: 25, resolvedLate: 2, overdue: 4, onTimeRate: null }),
  procedure('TP-KS', { name: 'Đăng ký khai sinh', field: 'Hộ tịch', received: 300, resolvedLate: 1, overdue: 0, onTimeRate: 0.99 }),
  procedure('TP-KH', { name: 'Đăng ký kết hôn', field: 'Hộ tịch', received: 80, resolvedLate: 0, overdue: 1, onTimeRate: 1 }),
  procedure('X-9', { name: null, field: null, received: 2, resolvedLate: 0, overdue: 0, onTimeRate: 1 }),
];

describe('sortProcedures', () => {
  it('keeps the server’s order by default, ties included', () => {
    expect(codes(sortProcedures(rows, DEFAULT_PROCEDURE_SORT))).toEqual(['DD-GCN', 'XD-GPXD', 'TP-KS', 'TP-KH', 'X-9']);
    const reversedTies = [rows[0], rows[1], rows[3], rows[2], rows[4]].filter((row) => row !== undefined);
    expect(codes(sortProcedures(reversedTies, DEFAULT_PROCEDURE_SORT))).toEqual(['DD-GCN', 'XD-GPXD', 'TP-KH', 'TP-KS', 'X-9']);
  });

  it('sorts by a count either way', () => {
    expect(codes(sortProcedures(rows, { column: 'received', descending: true }))).toEqual(['TP-KS', 'TP-KH', 'DD-GCN', 'XD-GPXD', 'X-9']);
    expect(codes(sortProcedures(rows, { column: 'received', descending: false }))).toEqual(['X-9', 'XD-GPXD', 'DD-GCN', 'TP-KH', 'TP-KS']);
  });

  it('puts a missing rate or field last in both directions', () => {
    expect(codes(sortProcedures(rows, { column: 'onTimeRate', descending: false }))).toEqual(['DD-GCN', 'TP-KS', 'TP-KH', 'X-9', 'XD-GPXD']);
    expect(codes(sortProcedures(rows, { column: 'onTimeRate', descending: true })).at(-1)).toBe('XD-GPXD');
    expect(codes(sortProcedures(rows, { column: 'field', descending: true })).at(-1)).toBe('X-9');
  });

  it('sorts names in Vietnamese order, a procedure without one by its code', () => {
    expect(codes(sortProcedures(rows, { column: 'name', descending: false }))).toEqual(['DD-GCN', 'XD-GPXD', 'TP-KH', 'TP-KS', 'X-9']);
  });

  it('first sorts names A–Z, the on-time rate worst first and counts most first', () => {
    expect(procedureDefaultDescending('name')).toBe(false);
    expect(procedureDefaultDescending('onTimeRate')).toBe(false);
    expect(procedureDefaultDescending('overdue')).toBe(true);
  });
});

/** A unit's figures for one procedure. */
const unitOf = (code: string, name: string, kind: ProcedureUnitFigures['kind'], overrides: Partial<ProcedureUnitFigures>): ProcedureUnitFigures => {
  const { procedureCode: _code, name: _name, field: _field, ...figures } = procedure('DD-GCN', overrides);
  return { ...figures, code, name, kind };
};

describe('sortProcedureUnits', () => {
  // As the server sends them: the most late and overdue first, then the most received.
  const units = [
    unitOf('HN-HK', 'Quận Hoàn Kiếm', 'district', { received: 12, resolvedLate: 3, overdue: 2, onTimeRate: 0.5 }),
    unitOf('HN-STNMT', 'Sở Tài nguyên và Môi trường', 'department', { received: 40, resolvedLate: 1, overdue: 1, onTimeRate: 0.9 }),
    unitOf('HN-BD', 'Quận Ba Đình', 'district', { received: 5, resolvedLate: 0, overdue: 0, onTimeRate: null }),
  ];
  const unitCodes = (rows: readonly ProcedureUnitFigures[]) => rows.map((row) => row.code);

  it('keeps the server’s order by default and sorts by a count or the rate, a missing rate last', () => {
    expect(unitCodes(sortProcedureUnits(units, DEFAULT_PROCEDURE_UNIT_SORT))).toEqual(['HN-HK', 'HN-STNMT', 'HN-BD']);
    expect(unitCodes(sortProcedureUnits(units, { column: 'received', descending: true }))).toEqual(['HN-STNMT', 'HN-HK', 'HN-BD']);
    expect(unitCodes(sortProcedureUnits(units, { column: 'onTimeRate', descending: false }))).toEqual(['HN-HK', 'HN-STNMT', 'HN-BD']);
    expect(unitCodes(sortProcedureUnits(units, { column: 'onTimeRate', descending: true }))).toEqual(['HN-STNMT', 'HN-HK', 'HN-BD']);
  });

  it('sorts names in Vietnamese order and kinds by the name they show under', () => {
    expect(unitCodes(sortProcedureUnits(units, { column: 'name', descending: false }))).toEqual(['HN-BD', 'HN-HK', 'HN-STNMT']);
    // "Quận, huyện, thị xã" before "Sở, ban, ngành"; by the codes themselves, department would come first.
    expect(unitCodes(sortProcedureUnits(units, { column: 'kind', descending: false }, 'vi', (kind) => vi[`unitKind_${kind}`]))).toEqual(['HN-HK', 'HN-BD', 'HN-STNMT']);
    expect(unitCodes(sortProcedureUnits(units, { column: 'kind', descending: false }))).toEqual(['HN-STNMT', 'HN-HK', 'HN-BD']);
    expect(procedureDefaultDescending('kind')).toBe(false);
  });
});

describe('filterProcedures', () => {
  it('finds procedures by words of their name, code or field, case aside', () => {
    expect(codes(filterProcedures(rows, { search: 'ĐẤT', field: null }))).toEqual(['DD-GCN']);
    expect(codes(filterProcedures(rows, { search: 'tp-k', field: null }))).toEqual(['TP-KS', 'TP-KH']);
    expect(codes(filterProcedures(rows, { search: 'hộ tịch kết', field: null }))).toEqual(['TP-KH']);
    expect(codes(filterProcedures(rows, { search: '  ', field: null }))).toHaveLength(5);
  });

  it('keeps one field', () => {
    expect(codes(filterProcedures(rows, { search: '', field: 'Hộ tịch' }))).toEqual(['TP-KS', 'TP-KH']);
    expect(codes(filterProcedures(rows, { search: 'khai sinh', field: 'Đất đai' }))).toEqual([]);
  });

  it('matches across the texts given and skips missing ones', () => {
    expect(matchesSearch('x-9', ['X-9', null, null])).toBe(true);
    expect(matchesSearch('null', ['X-9', null, null])).toBe(false);
  });
});

describe('procedureFields', () => {
  it('lists each field once, alphabetically', () => {
    expect(procedureFields(rows)).toEqual(['Đất đai', 'Hộ tịch', 'Xây dựng']);
  });
});

describe('lateProcedures', () => {
  it.each([
    { limit: 12, shown: ['DD-GCN', 'XD-GPXD', 'TP-KS', 'TP-KH'] },
    { limit: 4, shown: ['DD-GCN', 'XD-GPXD', 'TP-KS', 'TP-KH'] },
    { limit: 2, shown: ['DD-GCN', 'XD-GPXD'] },
  ])('keeps the first $limit of those with a dossier late or overdue, in the server’s order, and counts them all', ({ limit, shown }) => {
    const slide = lateProcedures(rows, limit);
    expect(codes(slide.shown)).toEqual(shown);
    expect({ late: slide.late, total: slide.total }).toEqual({ late: 4, total: 5 });
  });

  it('shows none when nothing ran late, and counts every procedure all the same', () => {
    const onTime = rows.filter((row) => row.resolvedLate + row.overdue === 0);
    expect(lateProcedures(onTime, 12)).toEqual({ shown: [], late: 0, total: 1 });
    expect(lateProcedures([], 12)).toEqual({ shown: [], late: 0, total: 0 });
  });
});

describe('leadingUnits', () => {
  // As the server sends them: the most late and overdue first; the last two with none.
  const units = Array.from({ length: 14 }, (_, i) =>
    unitOf(`U-${i + 1}`, `Đơn vị ${i + 1}`, i % 2 === 0 ? 'district' : 'department', { resolvedLate: Math.max(0, 12 - i), overdue: 0 }));

  it('keeps the first of them in the server’s order, and counts them all', () => {
    const slide = leadingUnits(units, 12);
    expect(slide.shown.map((u) => u.code)).toEqual(units.slice(0, 12).map((u) => u.code));
    expect(slide.total).toBe(14);
  });

  it('keeps every unit, those where it runs on time included, when they are no more than the limit', () => {
    const few = units.slice(10);
    expect(leadingUnits(few, 12)).toEqual({ shown: few, total: 4 });
    expect(leadingUnits([], 12)).toEqual({ shown: [], total: 0 });
  });
});
