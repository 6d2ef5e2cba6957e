/**
 * One process at a time on an embedded database's directory: PGlite has no postmaster to keep a second backend out,
 * and two processes on one directory write over each other's pages.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../bench/lib/server-process.js';
import { DataDirInUse, holdDataDir } from '../server/db/data-dir-lock.js';
import { engine, TEST_ADMIN_TOKEN } from './helpers/app.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mcl-lock-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('holdDataDir', () => {
  it('takes the directory, refuses it while another live process holds it, and takes over a dead one’s lock', async () => {
    const dir = tempDir();
    const lock = path.join(dir, 'lock');
    const release = holdDataDir(dir);
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
    release();
    expect(existsSync(lock)).toBe(false);

    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(lock, `${other.pid}\n`);
      expect(() => holdDataDir(dir)).toThrow(DataDirInUse);
      expect(() => holdDataDir(dir)).toThrow(`in use by another process (pid ${other.pid})`);
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    // The holder is gone (a crash, kill -9): its lock is stale.
    const takeOver = holdDataDir(dir);
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
    takeOver();
  });

  it('gives up only a lock of its own', () => {
    const dir = tempDir();
    const release = holdDataDir(dir);
    writeFileSync(path.join(dir, 'lock'), '999999999\n');
    release();
    expect(readFileSync(path.join(dir, 'lock'), 'utf8').trim()).toBe('999999999');
  });
});

// Two server processes on the embedded engine: the PostgreSQL pass of the suite does not use it, and the PGlite pass runs this.
describe.runIf(engine === 'pglite')('a second server on the same embedded database', { timeout: 120_000 }, () => {
  it('is refused with the first one named, and the first one keeps serving and its notice to the admin CLI', async () => {
    const dataDir = tempDir();
    const env = { DATA_DIR: dataDir, ADMIN_TOKEN: TEST_ADMIN_TOKEN };
    const first = await startServerProcess(env);
    try {
      await expect(startServerProcess(env)).rejects.toThrow(`the embedded database in ${dataDir} is in use by another process (pid ${first.child.pid})`);
      expect((await fetch(`${first.url}/api/v1/ready`)).status).toBe(200);
      expect(JSON.parse(readFileSync(path.join(dataDir, 'server.json'), 'utf8'))).toMatchObject({ pid: first.child.pid });
    } finally {
      await first.stop();
    }
    // Stopped, it gives the directory up.
    const next = await startServerProcess(env);
    await next.stop();
  });
});
