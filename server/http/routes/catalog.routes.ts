import express, { Router } from 'express';
import { holidayCalendarSchema, procedureCatalogSchema, unitCatalogSchema } from '../../../shared/catalog.js';
import { listHolidays } from '../../catalog/catalog.repository.js';
import type { Catalog } from '../../catalog/catalog.service.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../errors.js';
import { authorize, parseOr400 } from '../middleware.js';

const CATALOG_BODY_LIMIT = '5mb';

export function catalogRouter(catalog: Catalog, db: Kysely<Database>, onUnitsChanged: () => void): Router {
  const router = Router();
  // Read as JSON whatever the content type says, as ingest does: a catalog sent as text/plain was an empty body
  // to the schema ('expected array, received undefined').
  const json = express.json({ limit: CATALOG_BODY_LIMIT, type: () => true });

  router.get('/units', authorize({ kind: 'readCatalog' }), (_req, res) => {
    res.json(catalog.allUnits().sort((a, b) => a.code.localeCompare(b.code)));
  });
  router.put('/units', authorize({ kind: 'administer' }), json, async (req, res) => {
    const units = parseOr400(unitCatalogSchema, req.body, 'catalog');
    await catalog.putUnits(units);
    onUnitsChanged();
    res.json({ upserted: units.length, units: catalog.allUnits().length });
  });

  router.get('/procedures', authorize({ kind: 'readCatalog' }), (_req, res) => {
    res.json(catalog.allProcedures().sort((a, b) => a.code.localeCompare(b.code)));
  });
  router.put('/procedures', authorize({ kind: 'administer' }), json, async (req, res) => {
    const procedures = parseOr400(procedureCatalogSchema, req.body, 'catalog');
    await catalog.putProcedures(procedures);
    res.json({ upserted: procedures.length, procedures: catalog.allProcedures().length });
  });

  router.get('/holidays', authorize({ kind: 'readCatalog' }), async (_req, res) => {
    res.json(await listHolidays(db));
  });
  // Replaces the calendar of every year the list covers (lunar holidays move each year).
  router.put('/holidays', authorize({ kind: 'administer' }), json, async (req, res) => {
    const holidays = parseOr400(holidayCalendarSchema, req.body, 'calendar');
    await catalog.putHolidays(holidays);
    res.json({ holidays: holidays.length });
  });
  // One year's calendar, as the admin page edits it: replaced whole, an empty list included.
  router.put('/holidays/:year', authorize({ kind: 'administer' }), json, async (req, res) => {
    const year = String(req.params.year);
    if (!/^\d{4}$/.test(year)) throw new AppError(400, 'invalid_calendar', `invalid calendar: '${year}' is not a year`);
    const holidays = parseOr400(holidayCalendarSchema, req.body, 'calendar');
    const elsewhere = holidays.filter((h) => !h.date.startsWith(`${year}-`)).map((h) => h.date);
    if (elsewhere.length > 0) {
      throw new AppError(400, 'invalid_calendar', `invalid calendar: ${elsewhere.slice(0, 10).join(', ')} ${elsewhere.length === 1 ? 'is' : 'are'} not in ${year}`, { elsewhere });
    }
    await catalog.putHolidays(holidays, [year]);
    res.json({ year: Number(year), holidays: holidays.length });
  });
  return router;
}
