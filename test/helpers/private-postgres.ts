/**
 * A PostgreSQL server of a test's own (initdb into a temporary directory, its own port), so that a fault test can
 * really stop and start PostgreSQL without disturbing the machine's server, which other tests share. Uses the
 * machine's PostgreSQL binaries; run as root (CI), they run as the `postgres` user, as PostgreSQL requires.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../bench/lib/server-process.js';

const run = promisify(execFile);

/** The directory of initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/N/bin (Debian's layout). */
function findBinaries(): string | null {
  const candidates = [process.env.PG_BIN];
  const lib = '/usr/lib/postgresql';
  if (existsSync(lib)) {
    const versions = readdirSync(lib).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(lib, v, 'bin')));
  }
  return candidates.find((dir): dir is string => !!dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) ?? null;
}

export const postgresBinaries = findBinaries();

export type StopMode = 'fast' | 'immediate';

export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    private readonly port: number,
    private readonly asPostgres: boolean,
  ) {}

  /** initdb (trust authentication, TCP on 127.0.0.1 only) and start. */
  static async create(): Promise<PrivatePostgres> {
    if (!postgresBinaries) throw new Error('no PostgreSQL server binaries (initdb, pg_ctl) found; set PG_BIN');
    const dir = mkdtempSync(path.join(tmpdir(), 'mcl-pg-'));
    const asPostgres = userInfo().uid === 0;
    if (asPostgres) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: group } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(group.trim()));
    }
    const server = new PrivatePostgres(postgresBinaries, dir, await freePort(), asPostgres);
    try {
      await server.pg('initdb', ['-D', server.data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
      await server.start();
    } catch (error) {
      await server.destroy();
      throw error;
    }
    return server;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get data(): string {
    return path.join(this.dir, 'data');
  }

  private async pg(program: string, args: string[]): Promise<void> {
    const file = path.join(this.bin, program);
    await (this.asPostgres ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args));
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
    await this.pg('pg_ctl', ['start', '-w', '-t', '60', '-D', this.data, '-l', path.join(this.dir, 'server.log'), '-o', options]);
  }

  /** `fast`: clients are told the server shuts down, committed work is checkpointed; `immediate`: as a crash, recovered from the WAL at the next start. */
  async stop(mode: StopMode): Promise<void> {
    await this.pg('pg_ctl', ['stop', '-w', '-t', '60', '-D', this.data, '-m', mode]);
  }

  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
