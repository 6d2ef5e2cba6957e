import { sql, type RawBuilder } from 'kysely';

/** A timestamp as the database drivers give it (Date from pg and PGlite, string from raw rows) to ISO-8601, or null. */
export function isoOrNull(value: Date | string | null | undefined): string | null {
  return value == null ? null : new Date(value).toISOString();
}

/**
 * Rows as the JSON document a statement reads with `json_to_recordset`, in its smallest form: null fields left out
 * (a missing key reads as NULL) and instants as epoch milliseconds, which the statement turns back with
 * `epochMs(column)`. The document's size and PostgreSQL's timestamp parsing were half of a dossier upsert's time.
 */
export function recordsetJson(rows: readonly object[]): string {
  return JSON.stringify(
    rows.map((row) => {
      const record: Record<string, unknown> = {};
      for (const key in row) {
        const value = (row as Record<string, unknown>)[key];
        if (value !== null && value !== undefined) record[key] = value instanceof Date ? value.getTime() : value;
      }
      return record;
    }),
  );
}

/** Epoch milliseconds (a float8 column of a `recordsetJson` document) back to timestamptz; exact to the millisecond. */
export function epochMs(column: string): RawBuilder<Date> {
  return sql<Date>`to_timestamp(${sql.ref(column)} / 1000.0)`;
}
