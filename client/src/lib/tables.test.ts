import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING } from '../../../shared/figures.js';
import { vi } from '../i18n/vi.js';
import { kpiTable, overdueTable, proceduresTable, procedureUnitsTable, rankingTable } from './tables.js';
import { kpiTiles } from './kpis.js';
import { metrics, procedure } from './fixtures.js';
import { rankingRows } from './rankings.js';
import { unit } from './fixtures.js';

describe('export tables', () => {
  it('have one value per column, in percent for rates', () => {
    const rows = rankingRows([unit('A', 1, { score: 93.44, grade: 'excellent' })], [unit('A', 2)], DEFAULT_SCORING);
    const table = rankingTable('Xếp hạng', rows, (k) => vi[k]);
    expect(table.columns).toHaveLength(13);
    expect(table.rows[0]).toHaveLength(13);
    expect(table.rows[0]?.slice(0, 6)).toEqual([1, 1, 'Quận A', 93.4, 'Xuất sắc', 94]);
    // online: the share the table shows (40 %), not its value toward the score (40 % of the 50 % for full marks)
    expect(table.rows[0]?.[6]).toBe(40);
  });
  it('list overdue dossiers with their dates', () => {
    const table = overdueTable('x', [{ dossierId: 'D1', procedureCode: 'P', procedureName: null, receivedAt: 'r', dueAt: 'd', daysOverdue: 3 }], (k) => vi[k], (s) => s.toUpperCase());
    expect(table.rows).toEqual([['D1', 'P', 'R', 'D', 3]]);
  });
  it('list procedures with their code, field and counts, the on-time rate in percent', () => {
    const table = proceduresTable('x', [procedure('DD-GCN', { name: 'Cấp GCN', field: 'Đất đai', onTimeRate: 0.8125 }), procedure('X-9', { name: null, field: null })], (k) => vi[k]);
    expect(table.columns).toEqual(['Thủ tục', 'Mã thủ tục', 'Lĩnh vực', 'Tiếp nhận', 'Đã giải quyết', 'Trễ hạn', 'Đúng hạn (%)', 'Đang xử lý', 'Quá hạn']);
    expect(table.rows).toEqual([['Cấp GCN', 'DD-GCN', 'Đất đai', 100, 80, 4, 81.25, 30, 2], ['X-9', 'X-9', null, 100, 80, 4, 95, 30, 2]]);
  });
  it('list one procedure’s units with their code, kind and counts, the on-time rate in percent', () => {
    const units = [
      { ...metrics({ received: 12, resolved: 6, resolvedLate: 3, onTimeRate: 0.5, pending: 6, overdue: 2 }), code: 'HN-HK', name: 'Quận Hoàn Kiếm', kind: 'district' as const },
      { ...metrics({ received: 3, resolved: 0, resolvedLate: 0, onTimeRate: null, pending: 3, overdue: 0 }), code: 'HN-STNMT', name: 'Sở Tài nguyên và Môi trường', kind: 'department' as const },
    ];
    const table = procedureUnitsTable('x', units, (k) => vi[k]);
    expect(table.columns).toEqual(['Đơn vị', 'Mã đơn vị', 'Loại đơn vị', 'Tiếp nhận', 'Đã giải quyết', 'Trễ hạn', 'Đúng hạn (%)', 'Đang xử lý', 'Quá hạn']);
    expect(table.rows).toEqual([
      ['Quận Hoàn Kiếm', 'HN-HK', 'Quận, huyện, thị xã', 12, 6, 3, 50, 6, 2],
      ['Sở Tài nguyên và Môi trường', 'HN-STNMT', 'Sở, ban, ngành', 3, 0, 0, null, 3, 0],
    ]);
  });
});

describe('kpiTable', () => {
  it('lists every tile with current, previous and change', () => {
    const table = kpiTable('KPI', kpiTiles(metrics({ received: 120, onTimeRate: 0.97 }), metrics()), (k) => vi[k]);
    expect(table.rows).toHaveLength(10);
    expect(table.rows[0]).toEqual(['Tiếp nhận', 120, 100, 20]);
    expect(table.rows[3]).toEqual(['Đúng hạn (%)', 97, 95, 2]);
    expect(table.columns).toEqual(['Chỉ tiêu', 'Kỳ này', 'Kỳ trước', 'Thay đổi']);
  });

  it('names the period compared with', () => {
    expect(kpiTable('KPI', kpiTiles(metrics(), metrics()), (k) => vi[k], 'compare_yearAgo').columns[2]).toBe('Cùng kỳ năm trước');
  });
});
