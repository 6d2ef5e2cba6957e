import { sql, type Kysely, type Transaction } from 'kysely';
import type { Holiday, Procedure, Unit } from '../../shared/catalog.js';
import type { Database } from '../db/database.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function listUnits(db: Db): Promise<Unit[]> {
  const rows = await db.selectFrom('units').select(['code', 'name', 'kind', 'parent_code']).orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind as Unit['kind'], parentCode: r.parent_code }));
}

export async function upsertUnits(db: Db, units: readonly Unit[]): Promise<void> {
  if (units.length === 0) return;
  await db
    .insertInto('units')
    .values(units.map((u) => ({ code: u.code, name: u.name, kind: u.kind, parent_code: u.parentCode })))
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        kind: eb.ref('excluded.kind'),
        parent_code: eb.ref('excluded.parent_code'),
        updated_at: new Date(),
      })),
    )
    .execute();
}

export async function listProcedures(db: Db): Promise<Procedure[]> {
  const rows = await db.selectFrom('procedures').selectAll().orderBy('code').execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    field: r.field,
    level: r.level as Procedure['level'],
    processingDays: r.processing_days,
    onlineLevel: r.online_level as Procedure['onlineLevel'],
  }));
}

export async function upsertProcedures(db: Db, procedures: readonly Procedure[]): Promise<void> {
  if (procedures.length === 0) return;
  await db
    .insertInto('procedures')
    .values(
      procedures.map((p) => ({
        code: p.code,
        name: p.name,
        field: p.field,
        level: p.level,
        processing_days: p.processingDays,
        online_level: p.onlineLevel,
      })),
    )
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        field: eb.ref('excluded.field'),
        level: eb.ref('excluded.level'),
        processing_days: eb.ref('excluded.processing_days'),
        online_level: eb.ref('excluded.online_level'),
      })),
    )
    .execute();
}

export async function listHolidays(db: Db): Promise<Holiday[]> {
  // Formatted in SQL: PGlite answers DATE as a JS Date, PostgreSQL (as configured) as a string.
  const rows = await db
    .selectFrom('holidays')
    .select([sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'name'])
    .orderBy('holidays.date')
    .execute();
  return rows.map((r) => ({ date: r.date, name: r.name }));
}

/** Replaces the calendar of `years` (by default those the given holidays cover) with the given holidays. */
export async function replaceHolidays(db: Db, holidays: readonly Holiday[], years: readonly string[] = [...new Set(holidays.map((h) => h.date.slice(0, 4)))]): Promise<void> {
  for (const year of years) {
    await db.deleteFrom('holidays').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
  }
  if (holidays.length > 0) {
    await db.insertInto('holidays').values(holidays.map((h) => ({ date: h.date, name: h.name }))).onConflict((oc) => oc.column('date').doNothing()).execute();
  }
}
