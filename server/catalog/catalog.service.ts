import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  holidayCalendarSchema,
  procedureCatalogSchema,
  unitCatalogSchema,
  type Holiday,
  type Procedure,
  type Unit,
} from '../../shared/catalog.js';
import type { Database } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { Calendar } from './calendar.js';
import * as repo from './catalog.repository.js';

const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'data');
export const BUNDLED_UNIT_CATALOG = path.join(DATA_DIR, 'hanoi-units.json');
export const BUNDLED_PROCEDURES = path.join(DATA_DIR, 'procedures.json');
export const BUNDLED_HOLIDAYS = path.join(DATA_DIR, 'holidays.json');

/** Reads and validates a catalog file; a bad file stops the start with the reason. */
export async function readCatalogFile<T>(file: string, schema: z.ZodType<T>): Promise<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read catalog ${file}: ${(error as Error).message}`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new Error(`catalog ${file} is invalid: ${z.prettifyError(result.error)}`);
  return result.data;
}

/**
 * The catalogs (units, procedures, holidays) kept in memory for ingest, backed by the database.
 * Another node may change them: a code not found here is looked up again before it is called unknown.
 */
export class Catalog {
  private units = new Map<string, Unit>();
  private procedures = new Map<string, Procedure>();
  private holidayDates = new Set<string>();
  /** One working-day calendar per time zone over the current holidays; dropped at each reload. */
  private calendars = new Map<string, Calendar>();
  private loadedAt = 0;

  constructor(private readonly db: Kysely<Database>) {}

  /** Seeds the bundled procedures and holidays on an empty database and loads the unit catalog file. */
  async initialize(unitCatalogFile: string | undefined): Promise<void> {
    const units = await readCatalogFile(unitCatalogFile ?? BUNDLED_UNIT_CATALOG, unitCatalogSchema);
    await this.putUnits(units);
    const procedureCount = await this.db.selectFrom('procedures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(procedureCount.n) === 0) {
      await repo.upsertProcedures(this.db, await readCatalogFile(BUNDLED_PROCEDURES, procedureCatalogSchema));
    }
    const holidayCount = await this.db.selectFrom('holidays').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(holidayCount.n) === 0) {
      await repo.replaceHolidays(this.db, await readCatalogFile(BUNDLED_HOLIDAYS, holidayCalendarSchema));
    }
    await this.reload();
  }

  async reload(): Promise<void> {
    const [units, procedures, holidays] = await Promise.all([
      repo.listUnits(this.db),
      repo.listProcedures(this.db),
      repo.listHolidays(this.db),
    ]);
    this.units = new Map(units.map((u) => [u.code, u]));
    this.procedures = new Map(procedures.map((p) => [p.code, p]));
    this.holidayDates = new Set(holidays.map((h) => h.date));
    this.calendars = new Map();
    this.loadedAt = Date.now();
  }

  /**
   * Reloads periodically so a catalog changed through another node shows here too; calls onChange when
   * the units differ. Answers a function that stops it.
   */
  refreshEvery(intervalMs: number, onChange: () => void): () => void {
    const fingerprint = () => JSON.stringify(this.allUnits());
    const timer = setInterval(() => {
      const before = fingerprint();
      this.reload().then(
        () => {
          if (fingerprint() !== before) onChange();
        },
        () => undefined, // the database may be away for a while; the next round tries again
      );
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Reloads when a code is missing, at most once a second, so codes added on another node are found. */
  async ensureFresh(codes: { units: Iterable<string>; procedures: Iterable<string> }): Promise<void> {
    const missing = [...codes.units].some((c) => !this.units.has(c)) || [...codes.procedures].some((c) => !this.procedures.has(c));
    if (missing && Date.now() - this.loadedAt > 1000) await this.reload();
  }

  unit(code: string): Unit | undefined {
    return this.units.get(code);
  }
  procedure(code: string): Procedure | undefined {
    return this.procedures.get(code);
  }
  allUnits(): Unit[] {
    return [...this.units.values()];
  }
  allProcedures(): Procedure[] {
    return [...this.procedures.values()];
  }
  calendar(timeZone: string): Calendar {
    let calendar = this.calendars.get(timeZone);
    if (!calendar) {
      calendar = new Calendar(timeZone, this.holidayDates);
      this.calendars.set(timeZone, calendar);
    }
    return calendar;
  }

  async putUnits(units: readonly Unit[]): Promise<void> {
    assertUniqueCodes(units.map((u) => u.code), 'unit');
    const known = new Set([...units.map((u) => u.code), ...(await repo.listUnits(this.db)).map((u) => u.code)]);
    const orphans = units.filter((u) => u.parentCode !== null && !known.has(u.parentCode));
    if (orphans.length > 0) {
      throw new AppError(400, 'unknown_parent', 'parentCode must name a unit of the catalog', {
        units: orphans.map((u) => ({ code: u.code, parentCode: u.parentCode })),
      });
    }
    await repo.upsertUnits(this.db, units);
    await this.reload();
  }

  async putProcedures(procedures: readonly Procedure[]): Promise<void> {
    assertUniqueCodes(procedures.map((p) => p.code), 'procedure');
    await repo.upsertProcedures(this.db, procedures);
    await this.reload();
  }

  /** Replaces the calendar of `years` (by default those the holidays cover: a year cannot be emptied so). */
  async putHolidays(holidays: readonly Holiday[], years?: readonly string[]): Promise<void> {
    assertUniqueCodes(holidays.map((h) => h.date), 'holiday');
    await this.db.transaction().execute((trx) => repo.replaceHolidays(trx, holidays, years));
    await this.reload();
  }
}

function assertUniqueCodes(codes: string[], what: string): void {
  const seen = new Set<string>();
  const repeated = codes.filter((c) => (seen.has(c) ? true : (seen.add(c), false)));
  if (repeated.length > 0) {
    throw new AppError(400, 'duplicate_code', `the ${what} list repeats ${repeated.slice(0, 10).join(', ')}`, { repeated });
  }
}
