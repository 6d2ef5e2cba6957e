/** The one error type of the server: an HTTP status, a stable code, a message for people, optional details. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const unauthorized = (message = 'a valid bearer token is required') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'this token may not do that') => new AppError(403, 'forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const figuresBehind = () =>
  new AppError(503, 'figures_behind', 'the figures are still catching up with events already accepted; nothing was stored, retry later', undefined, { 'Retry-After': '5' });

export const databaseUnavailable = () =>
  new AppError(503, 'database_unavailable', 'the database is unreachable; nothing was stored, retry later', undefined, { 'Retry-After': '5' });

/** Connection-level failures of PostgreSQL or PGlite, as opposed to errors in a query. */
export function isDatabaseDown(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH)$/.test(code) || /^(08|57P0)/.test(code))) {
    return true;
  }
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|PGlite is closed|driver has already been destroyed|Client has encountered a connection error|Cannot use a pool after calling end/i.test(
    error.message,
  );
}
