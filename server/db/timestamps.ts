/** A timestamp as the database drivers give it (Date from pg and PGlite, string from raw rows) to ISO-8601, or null. */
export function isoOrNull(value: Date | string | null | undefined): string | null {
  return value == null ? null : new Date(value).toISOString();
}
