/** Small builders of typed figures for the client's unit tests. */
import type { Metrics } from '../../../shared/figures.js';
import type { ProcedureFigures, Snapshot, UnitFigures } from '../../../shared/snapshot.js';

export function metrics(overrides: Partial<Metrics> = {}): Metrics {
  return {
    received: 100, resolved: 80, resolvedEarly: 40, resolvedOnTime: 76, resolvedLate: 4, onTimeRate: 0.95,
    pending: 30, overdue: 2, onlineShare: 0.4, onlinePaymentShare: 0.3, digitizedShare: 0.6, progressRate: 0.94,
    apologies: 3, feedbackReceived: 6, feedbackResolved: 5, feedbackResolvedRate: 5 / 6, ratings: 20, satisfaction: 0.85,
    ...overrides,
  };
}

export function unit(code: string, rank: number, overrides: Partial<UnitFigures> = {}): UnitFigures {
  return {
    ...metrics(), code, name: `Quận ${code}`, kind: 'district', parentCode: null, rank, score: 90 - rank, grade: 'good',
    ...overrides,
  };
}

export function snapshot(units: UnitFigures[], overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    asOf: '2026-11-24T10:00:00+07:00', from: '2026-11-24T00:00:00+07:00', to: '2026-11-25T00:00:00+07:00',
    kind: 'district', total: metrics(), units, ...overrides,
  };
}

export function procedure(code: string, overrides: Partial<ProcedureFigures> = {}): ProcedureFigures {
  return {
    ...metrics({ apologies: 0, feedbackReceived: 0, feedbackResolved: 0, feedbackResolvedRate: null, ratings: 0, satisfaction: null }),
    procedureCode: code, name: `Thủ tục ${code}`, field: 'Hộ tịch',
    ...overrides,
  };
}
