/** The admin CLI: its commands against the app's database, then the real `npm run admin` process once. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackend } from '../server/admin/backend.js';
import { runCommand, UsageError } from '../server/admin/commands.js';
import { revocationOf, startTestApp, type TestApp } from './helpers/app.js';

let app: TestApp;
const PASSWORD = 'typed at the terminal';

async function admin(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCommand(argv, { backend: databaseBackend(app.database.db), out: (t) => lines.push(t), readPassword: async () => PASSWORD });
  return { code, out: lines.join('\n') };
}

const secretIn = (out: string) => /secret \(shown once, store it now\): (\S+)/.exec(out)?.[1] ?? '';

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('admin commands', () => {
  it('creates a unit_head who can sign in and sees only their units in detail', async () => {
    expect((await admin('create-user', '--username', 'Minh', '--role', 'unit_head', '--units', 'HN-HK', '--name', 'Nguyễn Minh')).code).toBe(0);
    const login = await app.api('/api/v1/auth/login', {
      method: 'POST', token: null,
      headers: { 'content-type': 'application/json', 'x-requested-with': 'motcua' },
      body: JSON.stringify({ username: 'minh', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ name: 'Nguyễn Minh', role: 'unit_head', units: ['HN-HK'] });
  });

  it('refuses bad input with the reason', async () => {
    await expect(admin('create-user', '--username', 'x y', '--role', 'leader')).rejects.toThrow(UsageError);
    await expect(admin('create-user', '--username', 'lan', '--role', 'boss')).rejects.toThrow(/--role/);
    await expect(admin('create-user', '--username', 'lan', '--role', 'unit_head')).rejects.toThrow(/needs at least one unit/);
    await expect(admin('create-user', '--username', 'lan', '--role', 'unit_head', '--units', 'HN-NOPE')).rejects.toThrow(/unknown unit codes: HN-NOPE/);
    await expect(admin('create-user', '--username', 'minh', '--role', 'leader')).rejects.toThrow(/taken/);
    await expect(admin('issue-display-token', '--name', 'x', '--playlist', 'views=overview,charts&interval=2')).rejects.toThrow(/unknown view 'charts'.*interval/);
    await expect(admin('issue-display-token', '--name', 'x', '--playlist', 'views=overview&period=week')).rejects.toThrow(/period must be one of today, 7d/);
    await expect(admin('frobnicate')).rejects.toThrow(/unknown command/);
  });

  it('assigns units, then disables the user', async () => {
    expect((await admin('assign-units', '--username', 'minh', '--units', 'HN-HK,HN-BD')).out).toMatch(/HN-HK, HN-BD/);
    expect((await admin('disable-user', '--username', 'minh')).code).toBe(0);
    const users = JSON.parse((await admin('list', 'users', '--json')).out).users as { username: string; units: string[]; disabledAt: string | null }[];
    expect(users.find((u) => u.username === 'minh')).toMatchObject({ units: ['HN-HK', 'HN-BD'], disabledAt: expect.any(String) });
  });

  it('issues a display token with its playlist, shown once, then revokes it and closes its connections', async () => {
    const issued = await admin('issue-display-token', '--name', 'Sảnh UBND', '--playlist', 'views=overview,rankings:department,unit:HN-HK&interval=45&period=month');
    const secret = secretIn(issued.out);
    expect(secret).toMatch(/^mct_/);
    expect(await app.get('/api/v1/me', secret)).toMatchObject({ role: 'display', name: 'Sảnh UBND', playlist: { views: 'overview,rankings:department,unit:HN-HK', interval: 45, period: 'month' } });
    expect((await admin('list', 'tokens')).out).toContain('playlist views=overview,rankings:department,unit:HN-HK&interval=45&period=month');
    expect((await admin('list', 'tokens')).out).not.toContain(secret);

    const id = JSON.parse((await admin('list', 'tokens', '--json')).out).tokens.find((t: { name: string }) => t.name === 'Sảnh UBND').id as string;
    const revoked = revocationOf(app, id);
    expect((await admin('revoke', '--id', id)).code).toBe(0);
    await revoked; // the CLI is another process: the server notices by polling
    expect((await app.api('/api/v1/me', { token: secret })).status).toBe(401);
  });

  it('issues an ingest key limited to units', async () => {
    const secret = secretIn((await admin('issue-ingest-key', '--name', 'kiosk', '--units', 'HN-BD')).out);
    const at = new Date().toISOString();
    const res = await app.post([{ id: 'cli-1', type: 'rating.submitted', at, unitCode: 'HN-HK', score: 5 }], secret);
    expect(res.body.rejected[0].error).toMatch(/may not write events for 'HN-HK'/);
  });

  it('keeps an audit trail of it all', async () => {
    const actions = JSON.parse((await admin('list', 'audit', '--json')).out).audit.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'user.units_assigned', 'user.disabled', 'token.issued', 'token.revoked', 'login.succeeded']));
  });
});

describe('npm run admin', () => {
  it('runs on a fresh embedded database: migrates, loads the catalog, creates a user from --password-stdin', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mcl-cli-'));
    try {
      const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ADMIN_TOKEN: '' };
      const cli = path.resolve('server/admin/cli.ts');
      const tsx = path.resolve('node_modules/.bin/tsx');
      const run = promisify(execFile);
      const child = run(tsx, [cli, 'create-user', '--username', 'first-admin', '--role', 'admin', '--password-stdin'], { env });
      child.child.stdin?.end(`${PASSWORD}\n`);
      expect((await child).stdout).toMatch(/created user first-admin \(admin\)/);
      const listed = JSON.parse((await run(tsx, [cli, 'list', 'users', '--json'], { env })).stdout);
      expect(listed.users).toEqual([expect.objectContaining({ username: 'first-admin', role: 'admin' })]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
