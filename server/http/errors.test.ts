import { describe, expect, it } from 'vitest';
import { databaseUnavailable, isDatabaseDown } from './errors.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseDown', () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), true],
    ['connection reset', withCode('read ECONNRESET', 'ECONNRESET'), true],
    ['PostgreSQL shutting down (57P01)', withCode('terminating connection due to administrator command', '57P01'), true],
    ['connection failure class 08', withCode('connection failure', '08006'), true],
    ['pg: connection terminated', new Error('Connection terminated unexpectedly'), true],
    ['pg pool: connect timeout', new Error('timeout exceeded when trying to connect'), true],
    ['pg pool ended', new Error('Cannot use a pool after calling end on the pool'), true],
    ['PGlite closed', new Error('PGlite is closed'), true],
    ['Kysely after destroy', new Error('driver has already been destroyed'), true],
    ['a query error', withCode('syntax error at or near "selec"', '42601'), false],
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505'), false],
    ['a deadlock', withCode('deadlock detected', '40P01'), false],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')"), false],
    ['not an Error', 'Connection terminated', false],
    ['nothing', undefined, false],
  ])('%s → %s', (_name, error, expected) => {
    expect(isDatabaseDown(error)).toBe(expected);
  });
});

describe('databaseUnavailable', () => {
  it('is a 503 with Retry-After', () => {
    const error = databaseUnavailable();
    expect(error.status).toBe(503);
    expect(error.code).toBe('database_unavailable');
    expect(Number(error.headers['Retry-After'])).toBeGreaterThan(0);
  });
});
