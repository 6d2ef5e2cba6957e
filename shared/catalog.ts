import { z } from 'zod';

export const UNIT_KINDS = ['department', 'district', 'commune'] as const;
export const unitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof unitKindSchema>;

/** A unit's or a procedure's code, as the catalog, playlists and addresses take it. */
const CODE = '[A-Za-z0-9._-]{1,64}';
export const CODE_PATTERN = new RegExp(`^${CODE}$`);
/** A playlist entry naming one unit or procedure: `unit:HN-HK`, `procedure:DD-CN`. */
export const codedViewPattern = (view: 'unit' | 'procedure') => new RegExp(`^${view}:${CODE}$`);

export const unitCodeSchema = z
  .string()
  .regex(CODE_PATTERN, 'must be 1–64 characters of A-Z a-z 0-9 . _ -');

export const unitSchema = z.object({
  code: unitCodeSchema,
  name: z.string().trim().min(1).max(200),
  kind: unitKindSchema,
  parentCode: unitCodeSchema.nullable().default(null),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitCatalogSchema = z.array(unitSchema).min(1).max(10_000);

export const PROCEDURE_LEVELS = ['department', 'district', 'commune'] as const;
export const ONLINE_LEVELS = ['full', 'partial', 'none'] as const;

export const procedureSchema = z.object({
  code: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(300),
  field: z.string().trim().min(1).max(100),
  level: z.enum(PROCEDURE_LEVELS),
  /** Legal processing time, in working days. */
  processingDays: z.int().min(0).max(365),
  onlineLevel: z.enum(ONLINE_LEVELS),
});
export type Procedure = z.infer<typeof procedureSchema>;
export const procedureCatalogSchema = z.array(procedureSchema).min(1).max(20_000);

/** A public holiday: a local calendar date (yyyy-MM-dd) on which offices are closed. */
export const holidaySchema = z.object({
  date: z.iso.date(),
  name: z.string().trim().min(1).max(200),
});
export type Holiday = z.infer<typeof holidaySchema>;
export const holidayCalendarSchema = z.array(holidaySchema).max(2000);
