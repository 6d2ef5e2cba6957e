/** Browser sign-in: sessions in cookies, CSRF guard, sliding and absolute expiry, disabling, brute force, audit, headers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../server/auth/sessions.js';
import { revokeToken } from '../server/auth/tokens.js';
import { revocationOf, startTestApp, TEST_ADMIN_TOKEN, type TestApp } from './helpers/app.js';

let app: TestApp;
let clock = new Date('2026-11-24T03:00:00Z');
const HOUR = 3600_000;
const PASSWORD = 'a long enough passphrase';
const XRW = { 'x-requested-with': 'motcua' };

async function createUser(username: string, role: string, units?: string[]): Promise<{ id: string }> {
  const res = await app.api('/api/v1/admin/users', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD, role, ...(units ? { units } : {}) }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json() as Promise<{ id: string }>;
}

function login(username: string, password = PASSWORD, headers: Record<string, string> = XRW): Promise<Response> {
  return app.api('/api/v1/auth/login', { method: 'POST', token: null, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });
}

/** Signs in and answers the `name=value` cookie pair to send back. */
async function signIn(username: string): Promise<string> {
  const res = await login(username);
  expect(res.status, await res.clone().text()).toBe(200);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0]!;
}

const withCookie = (cookie: string, path: string, init: RequestInit = {}) =>
  app.api(path, { ...init, token: null, headers: { cookie, ...(init.headers as Record<string, string> | undefined) } });

beforeAll(async () => {
  app = await startTestApp({ now: () => clock });
  await createUser('lena', 'leader');
  await createUser('hoa', 'unit_head', ['HN-HK']);
  await createUser('root', 'admin');
  await createUser('brute', 'leader');
});
afterAll(() => app.close());

describe('signing in', () => {
  it('sets an httpOnly SameSite cookie whose secret is stored only hashed', async () => {
    const res = await login('Lena');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'lena', role: 'leader', authenticatedBy: 'session' });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^mcl_session=mcs_[\w-]{43}; /);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const secret = setCookie.split(';')[0]!.split('=')[1]!;
    const rows = await app.database.db.selectFrom('sessions').select('id_hash').execute();
    expect(rows.map((r) => r.id_hash)).not.toContain(secret);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id_hash))).toBe(true);
  });

  it('answers wrong passwords and unknown users alike, and audits both', async () => {
    const wrong = await login('lena', 'not the password');
    const unknown = await login('nobody-here', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    const audit = (await app.get('/api/v1/admin/audit')).entries as { action: string; target: string; details: { reason: string } }[];
    expect(audit).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'login.failed', target: 'user:lena', details: { reason: 'wrong_password' } }),
      expect.objectContaining({ action: 'login.failed', target: 'user:nobody-here', details: { reason: 'unknown_user' } }),
      expect.objectContaining({ action: 'login.succeeded', target: 'user:lena' }),
    ]));
  });

  it('refuses a sign-in without the CSRF header or from another origin', async () => {
    expect((await login('lena', PASSWORD, {})).status).toBe(403);
    expect((await login('lena', PASSWORD, { ...XRW, origin: 'https://evil.example' })).status).toBe(403);
  });

  it('rejects a malformed body with 400 and no internals', async () => {
    const res = await app.api('/api/v1/auth/login', { method: 'POST', token: null, headers: { 'content-type': 'application/json', ...XRW }, body: '{"username": ' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.(ts|js):\d+|node_modules|SyntaxError/);
    expect(JSON.parse(text)).toEqual({ error: { code: 'invalid_json', message: expect.any(String) } });
  });
});

describe('a session', () => {
  it('works for /me and follows the same policy as tokens', async () => {
    const cookie = await signIn('hoa');
    expect(await (await withCookie(cookie, '/api/v1/me')).json()).toMatchObject({ role: 'unit_head', units: ['HN-HK'], authenticatedBy: 'session' });
    expect((await withCookie(cookie, '/api/v1/units/HN-HK/snapshot?period=today')).status).toBe(200);
    expect((await withCookie(cookie, '/api/v1/units/HN-BD/snapshot?period=today')).status).toBe(403);
    expect((await withCookie(cookie, '/api/v1/admin/users')).status).toBe(403);
  });

  it('must carry the CSRF header to change anything, and is refused from another origin', async () => {
    const cookie = await signIn('root');
    const body = JSON.stringify([{ code: 'HN-HK', name: 'Quận Hoàn Kiếm', kind: 'district', parentCode: null }]);
    const put = (headers: Record<string, string>) => withCookie(cookie, '/api/v1/units', { method: 'PUT', body, headers: { 'content-type': 'application/json', ...headers } });
    const refused = await put({});
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('csrf');
    expect((await put(XRW)).status).toBe(200);
    expect((await put({ ...XRW, origin: 'http://evil.example' })).status).toBe(403);
    expect((await withCookie(cookie, '/api/v1/me', { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    // the admin's catalog change is in the audit log as soon as it is answered
    const audit = (await app.get('/api/v1/admin/audit')).entries as { action: string; target: string }[];
    expect(audit).toContainEqual(expect.objectContaining({ action: 'api.write', target: 'PUT /api/v1/units' }));
  });

  it('ends at sign-out', async () => {
    const cookie = await signIn('lena');
    expect((await withCookie(cookie, '/api/v1/me')).status).toBe(200);
    const out = await withCookie(cookie, '/api/v1/auth/logout', { method: 'POST', headers: XRW });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^mcl_session=; .*Max-Age=0/);
    expect((await withCookie(cookie, '/api/v1/me')).status).toBe(401);
  });

  it('slides while used, expires when idle for 12 h', async () => {
    const start = clock;
    try {
      const cookie = await signIn('lena');
      clock = new Date(start.getTime() + SESSION_IDLE_MS - HOUR);
      expect((await withCookie(cookie, '/api/v1/me')).status).toBe(200);
      clock = new Date(clock.getTime() + SESSION_IDLE_MS - HOUR);
      expect((await withCookie(cookie, '/api/v1/me')).status).toBe(200);
      clock = new Date(clock.getTime() + SESSION_IDLE_MS + 1000);
      expect((await withCookie(cookie, '/api/v1/me')).status).toBe(401);
    } finally {
      clock = start;
    }
  });

  it('ends at its absolute lifetime even when used all along', async () => {
    const start = clock;
    try {
      const cookie = await signIn('lena');
      const step = SESSION_IDLE_MS - HOUR;
      for (let t = step; t < SESSION_ABSOLUTE_MS; t += step) {
        clock = new Date(start.getTime() + t);
        expect((await withCookie(cookie, '/api/v1/me')).status, `at +${t / HOUR} h`).toBe(200);
      }
      clock = new Date(start.getTime() + SESSION_ABSOLUTE_MS);
      expect((await withCookie(cookie, '/api/v1/me')).status).toBe(401);
    } finally {
      clock = start;
    }
  });

  it('ends, with the user\'s live connections, when the user is disabled', async () => {
    await createUser('temp', 'presenter');
    const cookie = await signIn('temp');
    const me = await (await withCookie(cookie, '/api/v1/me')).json();
    const revoked = revocationOf(app, me.id);
    const res = await app.api(`/api/v1/admin/users/${me.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ disabled: true }) });
    expect(res.status).toBe(200);
    await revoked;
    expect((await withCookie(cookie, '/api/v1/me')).status).toBe(401);
    expect((await login('temp')).status).toBe(401);
  });
});

describe('administrators', () => {
  it('the last active administrator cannot be disabled or demoted, so the users can still be managed', async () => {
    const patch = (id: string, body: unknown) =>
      app.api(`/api/v1/admin/users/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const first = await createUser('chief-1', 'admin');
    // The other administrators of this file's tests step down: chief-1 is left the only one.
    const others = await app.database.db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).where('id', '!=', first.id).execute();
    for (const { id } of others) expect((await patch(id, { role: 'leader' })).status).toBe(200);
    for (const change of [{ disabled: true }, { role: 'leader' }]) {
      const refused = await patch(first.id, change);
      expect(refused.status).toBe(409);
      expect((await refused.json()).error.code).toBe('last_admin');
    }
    const second = await createUser('chief-2', 'admin');
    expect((await patch(first.id, { role: 'leader' })).status).toBe(200);
    expect((await patch(second.id, { disabled: true })).status).toBe(409);
  });
});

describe('revocation', () => {
  it('notices a token revoked outside this server (the CLI) within seconds', async () => {
    const issued = await (await app.api('/api/v1/admin/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'display', name: 'hall', playlist: 'views=overview' }) })).json();
    const revoked = revocationOf(app, issued.token.id);
    await revokeToken(app.database.db, issued.token.id, new Date());
    const started = Date.now();
    await revoked;
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await app.api('/api/v1/me', { token: issued.secret })).status).toBe(401);
  });
});

describe('brute force', () => {
  it('answers 429 with Retry-After after 10 failed sign-ins for one user, in the API error shape', async () => {
    for (let i = 0; i < 10; i++) expect((await login('brute', `wrong guess ${i}`)).status).toBe(401);
    const blocked = await login('brute', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.any(String) } });
    // another user from the same address is not locked out by it
    expect((await login('lena')).status).toBe(200);
  });
});

describe('hardening', () => {
  it('sends a strict Content-Security-Policy and friends', async () => {
    const res = await app.api('/api/v1/health', { token: null });
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "connect-src 'self' ws: wss:", "frame-ancestors 'none'", "object-src 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('limits ingest per key with 429 and Retry-After, but not the admin token', async () => {
    const limited = await startTestApp({ config: { ingestRatePerMinute: 3 } });
    try {
      const key = (await (await limited.api('/api/v1/admin/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'ingest', name: 'busy' }) })).json()).secret as string;
      const batch = (i: number) => [{ id: `rl-${i}`, type: 'rating.submitted', at: new Date().toISOString(), unitCode: 'HN-HK', score: 5 }];
      for (let i = 0; i < 3; i++) expect((await limited.post(batch(i), key)).status).toBe(200);
      const blocked = await limited.api('/api/v1/events', { method: 'POST', token: key, headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch(9)) });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await blocked.json()).error.code).toBe('rate_limited');
      for (let i = 10; i < 15; i++) expect((await limited.post(batch(i), TEST_ADMIN_TOKEN)).status).toBe(200);
    } finally {
      await limited.close();
    }
  }, 120_000); // starts a second app: slow on a busy 2-core machine
});
