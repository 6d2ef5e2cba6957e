/**
 * The access matrix: every role (and every way of not having one) against every route, through the real app.
 * One table says what each may do; the test asserts the status of each cell.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../server/auth/tokens.js';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from './helpers/app.js';

let app: TestApp;
const tokens: Record<string, string | null> = {};

async function adminPost(path: string, body: unknown): Promise<any> {
  const res = await app.api(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return res.json();
}

beforeAll(async () => {
  app = await startTestApp();
  const db = app.database.db;
  tokens.admin = TEST_ADMIN_TOKEN;
  tokens.leader = (await issueToken(db, { name: 'leader', role: 'leader' })).token;
  tokens.unit_head = (await issueToken(db, { name: 'head of HK', role: 'unit_head', units: ['HN-HK'] })).token;
  tokens.presenter = (await issueToken(db, { name: 'presenter', role: 'presenter' })).token;
  // Display tokens and ingest keys come from the admin API, as an operator would make them.
  tokens.display = (await adminPost('/api/v1/admin/tokens', { kind: 'display', name: 'lobby', playlist: 'views=overview,rankings:district&interval=20' })).secret;
  tokens.ingest = (await adminPost('/api/v1/admin/tokens', { kind: 'ingest', name: 'one-stop system' })).secret;
  tokens.ingest_limited = (await adminPost('/api/v1/admin/tokens', { kind: 'ingest', name: 'HK kiosk', units: ['HN-HK'] })).secret;
  tokens.none = null;
  const revoked = await adminPost('/api/v1/admin/tokens', { kind: 'display', name: 'old wall', playlist: 'views=overview' });
  await adminPost(`/api/v1/admin/tokens/${revoked.token.id}/revoke`, {});
  tokens.revoked = revoked.secret;
  tokens.expired = (await issueToken(db, { name: 'expired leader', role: 'leader', expiresAt: new Date(Date.now() - 1000) })).token;
  tokens.unknown = 'mct_not-a-token-anybody-issued';
});
afterAll(() => app.close());

type Who = 'admin' | 'leader' | 'unit_head' | 'presenter' | 'display' | 'ingest' | 'ingest_limited' | 'none' | 'revoked' | 'expired' | 'unknown';
const WHO: Who[] = ['admin', 'leader', 'unit_head', 'presenter', 'display', 'ingest', 'ingest_limited', 'none', 'revoked', 'expired', 'unknown'];

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: string;
  body?: () => unknown;
}

const event = () => [{ id: `m-${randomUUID()}`, type: 'rating.submitted', at: new Date().toISOString(), unitCode: 'HN-HK', score: 5 }];
const ROUTES: Route[] = [
  { name: 'GET me', method: 'GET', path: '/api/v1/me' },
  { name: 'GET snapshot', method: 'GET', path: '/api/v1/snapshot?period=today' },
  { name: 'GET own unit snapshot', method: 'GET', path: '/api/v1/units/HN-HK/snapshot?period=today' },
  { name: 'GET other unit snapshot', method: 'GET', path: '/api/v1/units/HN-BD/snapshot?period=today' },
  { name: 'GET units', method: 'GET', path: '/api/v1/units' },
  { name: 'PUT units', method: 'PUT', path: '/api/v1/units', body: () => [{ code: 'HN-HK', name: 'Quận Hoàn Kiếm', kind: 'district', parentCode: null }] },
  { name: 'POST events', method: 'POST', path: '/api/v1/events', body: event },
  { name: 'GET events/rejected', method: 'GET', path: '/api/v1/events/rejected' },
  { name: 'GET series', method: 'GET', path: '/api/v1/series?period=7d' },
  { name: 'GET series own unit', method: 'GET', path: '/api/v1/series?period=7d&unitCode=HN-HK' },
  { name: 'GET series other unit', method: 'GET', path: '/api/v1/series?period=7d&unitCode=HN-BD' },
  { name: 'GET admin users', method: 'GET', path: '/api/v1/admin/users' },
  { name: 'GET admin tokens', method: 'GET', path: '/api/v1/admin/tokens' },
  { name: 'GET admin audit', method: 'GET', path: '/api/v1/admin/audit' },
  { name: 'POST admin tokens', method: 'POST', path: '/api/v1/admin/tokens', body: () => ({ kind: 'ingest', name: `k-${randomUUID()}` }) },
  { name: 'PATCH admin user', method: 'PATCH', path: '/api/v1/admin/users/nobody', body: () => ({ disabled: true }) },
];

// Statuses by route; columns in WHO order. 'ok' is 200/201, or 404 for PATCH of a user that does not exist.
const A = 'ok', F = 403, U = 401;
type Cell = typeof A | typeof F | typeof U;
const ALL_REFUSED: Cell[] = [U, U, U, U];
const MATRIX: Record<string, Cell[]> = {
  //                          admin leader head presenter display ingest ingest_ltd | none revoked expired unknown
  'GET me':                  [A, A, A, A, A, A, A, ...ALL_REFUSED],
  'GET snapshot':            [A, A, A, A, A, F, F, ...ALL_REFUSED],
  'GET own unit snapshot':   [A, A, A, A, A, F, F, ...ALL_REFUSED],
  'GET other unit snapshot': [A, A, F, A, A, F, F, ...ALL_REFUSED],
  'GET units':               [A, A, A, A, A, F, F, ...ALL_REFUSED],
  'PUT units':               [A, F, F, F, F, F, F, ...ALL_REFUSED],
  'POST events':             [A, F, F, F, F, A, A, ...ALL_REFUSED],
  'GET events/rejected':     [A, F, F, F, F, F, F, ...ALL_REFUSED],
  'GET series':              [A, A, A, A, A, F, F, ...ALL_REFUSED],
  'GET series own unit':     [A, A, A, A, A, F, F, ...ALL_REFUSED],
  'GET series other unit':   [A, A, F, A, A, F, F, ...ALL_REFUSED],
  'GET admin users':         [A, F, F, F, F, F, F, ...ALL_REFUSED],
  'GET admin tokens':        [A, F, F, F, F, F, F, ...ALL_REFUSED],
  'GET admin audit':         [A, F, F, F, F, F, F, ...ALL_REFUSED],
  'POST admin tokens':       [A, F, F, F, F, F, F, ...ALL_REFUSED],
  'PATCH admin user':        [A, F, F, F, F, F, F, ...ALL_REFUSED],
};

describe('access matrix', () => {
  for (const route of ROUTES) {
    const row = MATRIX[route.name];
    if (!row) throw new Error(`no matrix row for ${route.name}`);
    it.each(WHO.map((who, i) => ({ who, expected: row[i] as Cell })))(`${route.name}: $who → $expected`, async ({ who, expected }) => {
      const res = await app.api(route.path, {
        method: route.method,
        token: tokens[who] ?? null,
        ...(route.body ? { body: JSON.stringify(route.body()), headers: { 'content-type': 'application/json' } } : {}),
      });
      const body = (await res.json()) as { error?: { code: string } };
      if (expected === A) {
        const okStatuses = route.name === 'PATCH admin user' ? [404] : [200, 201];
        expect(okStatuses, JSON.stringify(body)).toContain(res.status);
      } else {
        expect(res.status, JSON.stringify(body)).toBe(expected);
        expect(body.error?.code).toBe(expected === 401 ? 'unauthorized' : 'forbidden');
      }
    });
  }
});

describe('what roles see of themselves', () => {
  it('a display token gets its playlist from /me', async () => {
    const me = await app.get('/api/v1/me', tokens.display!);
    expect(me).toMatchObject({ role: 'display', authenticatedBy: 'token', playlist: { views: 'overview,rankings:district', interval: 20, period: 'today' } });
  });

  it('a unit_head sees its units; other roles carry no playlist', async () => {
    const me = await app.get('/api/v1/me', tokens.unit_head!);
    expect(me).toMatchObject({ role: 'unit_head', units: ['HN-HK'] });
    expect(me.playlist).toBeUndefined();
  });

  it('a unit_head still sees every unit in the city figures and rankings', async () => {
    const snapshot = await app.get('/api/v1/snapshot?period=today', tokens.unit_head!);
    expect(snapshot.units.map((u: { code: string }) => u.code)).toEqual(expect.arrayContaining(['HN-HK', 'HN-BD']));
  });

  it('a limited ingest key gets events for other units rejected with the reason, and the rest stored', async () => {
    const at = new Date().toISOString();
    const res = await app.post(
      [
        { id: `own-${randomUUID()}`, type: 'rating.submitted', at, unitCode: 'HN-HK', score: 4 },
        { id: 'foreign-1', type: 'rating.submitted', at, unitCode: 'HN-BD', score: 4 },
      ],
      tokens.ingest_limited!,
    );
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected).toEqual([{ index: 1, id: 'foreign-1', error: expect.stringMatching(/may not write events for 'HN-BD'/) }]);
  });

  it('tokens are stored only hashed', async () => {
    const rows = await app.database.db.selectFrom('api_tokens').select(['token_hash']).execute();
    const secrets = Object.values(tokens).filter((t): t is string => t !== null);
    for (const row of rows) {
      expect(secrets).not.toContain(row.token_hash);
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('the admin token list never shows a secret', async () => {
    const listed = JSON.stringify(await app.get('/api/v1/admin/tokens'));
    for (const secret of Object.values(tokens)) if (secret && secret !== TEST_ADMIN_TOKEN) expect(listed).not.toContain(secret);
  });
});
