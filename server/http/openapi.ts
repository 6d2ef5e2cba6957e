/** The OpenAPI document, generated from the same zod schemas that validate requests and shape answers. */
import { z } from 'zod';
import { errorBodySchema } from '../../shared/api.js';
import { unitCatalogSchema, procedureCatalogSchema, holidayCalendarSchema, unitKindSchema } from '../../shared/catalog.js';
import { eventSchema, ingestResultSchema, rejectedEventSchema } from '../../shared/events.js';
import { MAX_BATCH_BYTES, MAX_EVENTS_PER_BATCH } from '../../shared/limits.js';
import { namedPeriodSchema, procedureSnapshotSchema, procedureUnitsSnapshotSchema, snapshotSchema, unitSnapshotSchema, seriesPointSchema } from '../../shared/snapshot.js';

const toSchema = (schema: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (name: string) => ({ content: { 'application/json': { schema: ref(name) } } });
const error = (description: string) => ({ description, ...jsonBody('Error') });

const periodParameters = [
  { name: 'period', in: 'query', schema: toSchema(namedPeriodSchema), description: 'named period in the server time zone (default today)' },
  { name: 'from', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'start of [from, to), with to' },
  { name: 'to', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'end of [from, to), with from' },
];
const secured = { security: [{ bearer: [] }], responses: { 401: error('missing or unknown token'), 403: error('the role may not do this') } };

export function openApiDocument(version: string) {
  return {
    openapi: '3.0.3',
    info: { title: 'motcua-live API', version, description: 'Ingest of one-stop office events and the figures derived from them (CONTRACT.md).' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: toSchema(errorBodySchema),
        Event: toSchema(eventSchema, 'input'),
        IngestResult: toSchema(ingestResultSchema),
        RejectedEvent: toSchema(rejectedEventSchema),
        UnitCatalog: toSchema(unitCatalogSchema, 'input'),
        ProcedureCatalog: toSchema(procedureCatalogSchema),
        HolidayCalendar: toSchema(holidayCalendarSchema),
        Snapshot: toSchema(snapshotSchema),
        UnitSnapshot: toSchema(unitSnapshotSchema),
        ProcedureSnapshot: toSchema(procedureSnapshotSchema),
        ProcedureUnitsSnapshot: toSchema(procedureUnitsSnapshotSchema),
        SeriesPoint: toSchema(seriesPointSchema),
      },
    },
    paths: {
      '/api/v1/health': {
        get: {
          summary: 'liveness and database reachability',
          responses: {
            200: {
              description:
                'up: `{"status": "ok", "database": "postgres" | "pglite", "version"}`; where the built-in simulator runs, also `simulator.backfill` ' +
                '(`days`, `daysDone`, `addingHistory`: false while a restarted simulator only re-sends what is stored, `doneAt`: null while the history is still arriving)',
            },
            503: error('database unreachable'),
          },
        },
      },
      '/api/v1/openapi.json': { get: { summary: 'this document', responses: { 200: { description: 'OpenAPI 3.0' } } } },
      '/api/v1/events': {
        post: {
          summary: `ingest a batch of 1–${MAX_EVENTS_PER_BATCH} events (JSON array or NDJSON), at most ${MAX_BATCH_BYTES} bytes`,
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { type: 'array', minItems: 1, maxItems: MAX_EVENTS_PER_BATCH, items: ref('Event') } },
              'application/x-ndjson': { schema: { type: 'string', description: 'one Event per line' } },
            },
          },
          ...secured,
          responses: {
            ...secured.responses,
            200: { description: 'accepted events are durably committed', ...jsonBody('IngestResult') },
            400: error('body not JSON, not an array, or empty'),
            413: error(`more than ${MAX_EVENTS_PER_BATCH} events or ${MAX_BATCH_BYTES} bytes`),
            429: error('this key sent more requests this minute than INGEST_RATE_LIMIT allows (default 600); nothing stored; resend after Retry-After seconds'),
            503: error('database unreachable, or the figures far behind the events already accepted (figures_behind); nothing stored; see Retry-After'),
          },
        },
      },
      '/api/v1/events/rejected': {
        get: {
          summary: 'rejected events, with why and who sent them (admin)',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
            { name: 'before', in: 'query', description: 'only events older than this `seq` (paging back from the last one shown)', schema: { type: 'integer', minimum: 1 } },
          ],
          ...secured,
          responses: {
            ...secured.responses,
            200: { description: 'newest first', content: { 'application/json': { schema: { type: 'object', properties: { rejected: { type: 'array', items: ref('RejectedEvent') } } } } } },
            400: error('invalid limit or before'),
          },
        },
      },
      '/api/v1/units': {
        get: { summary: 'the unit catalog', ...secured, responses: { ...secured.responses, 200: { description: 'units', ...jsonBody('UnitCatalog') } } },
        put: { summary: 'upsert units (admin)', requestBody: { required: true, ...jsonBody('UnitCatalog') }, ...secured, responses: { ...secured.responses, 200: { description: 'upserted' }, 400: error('invalid catalog') } },
      },
      '/api/v1/procedures': {
        get: { summary: 'the procedure catalog', ...secured, responses: { ...secured.responses, 200: { description: 'procedures', ...jsonBody('ProcedureCatalog') } } },
        put: { summary: 'upsert procedures (admin)', requestBody: { required: true, ...jsonBody('ProcedureCatalog') }, ...secured, responses: { ...secured.responses, 200: { description: 'upserted' }, 400: error('invalid catalog') } },
      },
      '/api/v1/holidays': {
        get: { summary: 'the holiday calendar', ...secured, responses: { ...secured.responses, 200: { description: 'holidays', ...jsonBody('HolidayCalendar') } } },
        put: { summary: 'replace the calendar of the years given (admin)', requestBody: { required: true, ...jsonBody('HolidayCalendar') }, ...secured, responses: { ...secured.responses, 200: { description: 'replaced' }, 400: error('invalid calendar') } },
      },
      '/api/v1/holidays/{year}': {
        put: {
          summary: "replace one year's calendar, an empty list included (admin)",
          parameters: [{ name: 'year', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{4}$' } }],
          requestBody: { required: true, ...jsonBody('HolidayCalendar') }, ...secured,
          responses: { ...secured.responses, 200: { description: 'replaced' }, 400: error('invalid calendar, or a date outside the year') },
        },
      },
      '/api/v1/snapshot': {
        get: {
          summary: 'city figures: the total and the units of one kind by rank',
          parameters: [...periodParameters, { name: 'kind', in: 'query', schema: toSchema(unitKindSchema) }],
          ...secured,
          responses: { ...secured.responses, 200: { description: 'figures', ...jsonBody('Snapshot') }, 400: error('invalid query') },
        },
      },
      '/api/v1/units/{code}/snapshot': {
        get: {
          summary: "one unit's figures, by procedure, its overdue dossiers and its series",
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }, ...periodParameters],
          ...secured,
          responses: { ...secured.responses, 200: { description: 'figures', ...jsonBody('UnitSnapshot') }, 400: error('invalid query'), 404: error('unknown unit') },
        },
      },
      '/api/v1/procedures/snapshot': {
        get: {
          summary: "the city's figures by procedure (every unit's dossiers), the most late and overdue first",
          parameters: periodParameters,
          ...secured,
          responses: { ...secured.responses, 200: { description: 'figures', ...jsonBody('ProcedureSnapshot') }, 400: error('invalid query') },
        },
      },
      '/api/v1/procedures/{code}/snapshot': {
        get: {
          summary: 'one procedure across the city: its total and the units handling it, the most late and overdue first',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }, ...periodParameters],
          ...secured,
          responses: { ...secured.responses, 200: { description: 'figures', ...jsonBody('ProcedureUnitsSnapshot') }, 400: error('invalid query'), 404: error('unknown procedure') },
        },
      },
      '/api/v1/series': {
        get: {
          summary: 'received and resolved over time (hourly for today, daily otherwise), city-wide or for one unit',
          parameters: [...periodParameters, { name: 'unitCode', in: 'query', schema: { type: 'string' } }],
          ...secured,
          responses: { ...secured.responses, 200: { description: 'series' }, 400: error('invalid query'), 404: error('unknown unit') },
        },
      },
    },
  };
}
