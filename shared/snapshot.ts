import { z } from 'zod';
import { unitKindSchema } from './catalog.js';
import { GRADES } from './figures.js';

export const NAMED_PERIODS = ['today', '7d', '30d', 'month', 'quarter', 'year'] as const;
export const namedPeriodSchema = z.enum(NAMED_PERIODS);
export type NamedPeriod = z.infer<typeof namedPeriodSchema>;

const rate = z.number().min(0).max(1).nullable();
const count = z.int().min(0);

export const metricsSchema = z.object({
  received: count,
  resolved: count,
  resolvedEarly: count,
  resolvedOnTime: count,
  resolvedLate: count,
  onTimeRate: rate,
  pending: count,
  overdue: count,
  onlineShare: rate,
  onlinePaymentShare: rate,
  digitizedShare: rate,
  progressRate: rate,
  apologies: count,
  feedbackReceived: count,
  feedbackResolved: count,
  feedbackResolvedRate: rate,
  ratings: count,
  satisfaction: rate,
});

export const unitFiguresSchema = metricsSchema.extend({
  code: z.string(),
  name: z.string(),
  kind: unitKindSchema,
  parentCode: z.string().nullable(),
  rank: z.int().min(1),
  score: z.number().min(0).max(100).nullable(),
  grade: z.enum(GRADES).nullable(),
});
export type UnitFigures = z.infer<typeof unitFiguresSchema>;

export const snapshotQuerySchema = z
  .object({
    period: namedPeriodSchema.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    kind: unitKindSchema.default('district'),
  })
  .refine((q) => q.period === undefined || (q.from === undefined && q.to === undefined), {
    message: 'give either period or from and to, not both',
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: 'from and to go together' })
  .refine(
    (q) => {
      // Compared only when both are instants: an unreadable one has its own message already.
      const [from, to] = [Date.parse(q.from ?? ''), Date.parse(q.to ?? '')];
      return Number.isNaN(from) || Number.isNaN(to) || from < to;
    },
    { message: 'from must be before to' },
  );
export type SnapshotQuery = z.infer<typeof snapshotQuerySchema>;

export const snapshotSchema = z.object({
  asOf: z.string(),
  from: z.string(),
  to: z.string(),
  kind: unitKindSchema,
  total: metricsSchema,
  units: z.array(unitFiguresSchema),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const procedureFiguresSchema = metricsSchema.extend({
  procedureCode: z.string(),
  name: z.string().nullable(),
  field: z.string().nullable(),
});
export type ProcedureFigures = z.infer<typeof procedureFiguresSchema>;

/**
 * `GET /api/v1/procedures/snapshot`: every procedure of the city with a dossier received or resolved in the period,
 * or pending at asOf, the most late and overdue first (as a unit's procedures).
 */
export const procedureSnapshotSchema = z.object({
  asOf: z.string(),
  from: z.string(),
  to: z.string(),
  procedures: z.array(procedureFiguresSchema),
});
export type ProcedureSnapshot = z.infer<typeof procedureSnapshotSchema>;

/** A unit's figures for one procedure: its dossiers' counters (feedback and ratings are not kept by procedure). */
export const procedureUnitFiguresSchema = metricsSchema.extend({
  code: z.string(),
  name: z.string(),
  kind: unitKindSchema,
});
export type ProcedureUnitFigures = z.infer<typeof procedureUnitFiguresSchema>;

/**
 * `GET /api/v1/procedures/{code}/snapshot`: one procedure across the city, the city's total and every unit with a
 * dossier of it received or resolved in the period, or pending at asOf, the most late and overdue first.
 */
export const procedureUnitsSnapshotSchema = z.object({
  asOf: z.string(),
  from: z.string(),
  to: z.string(),
  procedure: procedureFiguresSchema,
  units: z.array(procedureUnitFiguresSchema),
});
export type ProcedureUnitsSnapshot = z.infer<typeof procedureUnitsSnapshotSchema>;

export const overdueDossierSchema = z.object({
  dossierId: z.string(),
  procedureCode: z.string(),
  procedureName: z.string().nullable(),
  receivedAt: z.string(),
  dueAt: z.string(),
  /** Whole calendar days (in the configured time zone) between dueAt and asOf; 0 on the due day itself. */
  daysOverdue: z.int().min(0),
});
export type OverdueDossier = z.infer<typeof overdueDossierSchema>;

export const seriesPointSchema = z.object({
  /** Start of the hour or day, ISO-8601 with offset. */
  t: z.string(),
  received: count,
  resolved: count,
  resolvedOnTime: count,
  resolvedLate: count,
  onTimeRate: rate,
});
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

export const unitSnapshotSchema = z.object({
  asOf: z.string(),
  from: z.string(),
  to: z.string(),
  unit: unitFiguresSchema,
  /** Units of the same kind: rank is among them. */
  peers: z.int().min(1),
  procedures: z.array(procedureFiguresSchema),
  overdueDossiers: z.array(overdueDossierSchema),
  series: z.object({ step: z.enum(['hour', 'day']), points: z.array(seriesPointSchema) }),
});
export type UnitSnapshot = z.infer<typeof unitSnapshotSchema>;
