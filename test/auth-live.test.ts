/** The same rules on the live channel: handshake credentials (token or session cookie) and every subscription kind go through can(). */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, ClientToServerEvents, ServerToClientEvents, Subscription } from '../shared/live.js';
import { issueToken } from '../server/auth/tokens.js';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from './helpers/app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
let app: TestApp;
const tokens: Record<string, string> = {};
const sockets: ClientSocket[] = [];

/** Connects; answers the socket, or the connect_error's message. */
function connect(auth: { token?: string }, headers: Record<string, string> = {}): Promise<ClientSocket | string> {
  const socket: ClientSocket = io(app.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: headers });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

function subscribe(socket: ClientSocket, subscription: Subscription): Promise<Ack> {
  return new Promise((resolve) => socket.emit('subscribe', subscription, resolve));
}

beforeAll(async () => {
  app = await startTestApp();
  const db = app.database.db;
  tokens.admin = TEST_ADMIN_TOKEN;
  for (const role of ['leader', 'presenter', 'display', 'ingest'] as const) tokens[role] = (await issueToken(db, { name: role, role })).token;
  tokens.unit_head = (await issueToken(db, { name: 'head', role: 'unit_head', units: ['HN-HK'] })).token;
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await app.close();
});

const CITY: Subscription = { view: 'city', period: 'today' };
const OWN: Subscription = { view: 'unit', unitCode: 'HN-HK', period: 'today' };
const OTHER: Subscription = { view: 'unit', unitCode: 'HN-BD', period: 'today' };

describe('subscriptions by role', () => {
  const Y = 'ok', N = 'forbidden';
  const table: [string, string, string, string][] = [
    // role        city own other
    ['admin', Y, Y, Y],
    ['leader', Y, Y, Y],
    ['unit_head', Y, Y, N],
    ['presenter', Y, Y, Y],
    ['display', Y, Y, Y],
    ['ingest', N, N, N],
  ];
  it.each(table)('%s: city %s, own unit %s, other unit %s', async (role, city, own, other) => {
    const socket = await connect({ token: tokens[role] });
    if (typeof socket === 'string') throw new Error(`connect refused: ${socket}`);
    const outcome = (ack: Ack) => (ack.ok ? 'ok' : ack.error.code);
    expect(outcome(await subscribe(socket, CITY))).toBe(city);
    expect(outcome(await subscribe(socket, OWN))).toBe(own);
    expect(outcome(await subscribe(socket, OTHER))).toBe(other);
    socket.close();
  });
});

describe('handshake', () => {
  it('refuses no credentials and unknown tokens', async () => {
    expect(await connect({})).toBe('unauthorized');
    expect(await connect({ token: 'mct_nobody' })).toBe('unauthorized');
  });

  it('accepts a session cookie from our own origin only', async () => {
    const created = await app.api('/api/v1/admin/users', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'head2', password: 'a long enough passphrase', role: 'unit_head', units: ['HN-HK'] }),
    });
    expect(created.status).toBe(201);
    const login = await app.api('/api/v1/auth/login', {
      method: 'POST', token: null, headers: { 'content-type': 'application/json', 'x-requested-with': 'motcua' },
      body: JSON.stringify({ username: 'head2', password: 'a long enough passphrase' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const host = new URL(app.url).host;
    const socket = await connect({}, { cookie, origin: `http://${host}` });
    if (typeof socket === 'string') throw new Error(`connect refused: ${socket}`);
    expect((await subscribe(socket, OWN)).ok).toBe(true);
    expect(await subscribe(socket, OTHER)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    socket.close();
    // another site's page riding the browser's cookie is refused
    expect(await connect({}, { cookie, origin: 'http://evil.example' })).toMatch(/^(unauthorized|forbidden)$/);
  });

  it('closes the sockets of a revoked token within seconds', async () => {
    const issued = await (await app.api('/api/v1/admin/tokens', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'display', name: 'wall', playlist: 'views=overview' }),
    })).json();
    const socket = await connect({ token: issued.secret });
    if (typeof socket === 'string') throw new Error(`connect refused: ${socket}`);
    expect((await subscribe(socket, CITY)).ok).toBe(true);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    const started = Date.now();
    expect((await app.api(`/api/v1/admin/tokens/${issued.token.id}/revoke`, { method: 'POST' })).status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await connect({ token: issued.secret })).toBe('unauthorized');
  });
});
