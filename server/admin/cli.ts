/** `npm run admin -- <command>`: user and token administration straight on the server's database. */
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readRunningServer } from '../auth/bootstrap.js';
import { Catalog } from '../catalog/catalog.service.js';
import { configFromEnv } from '../config.js';
import { migrateToLatest, openDatabase } from '../db/connect.js';
import { AppError } from '../http/errors.js';
import { databaseBackend, httpBackend } from './backend.js';
import { runCommand, USAGE, UsageError } from './commands.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Asks without echoing what is typed. */
async function prompt(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, resolve);
      muted = true;
    });
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) throw new UsageError('no terminal to ask for the password on: pipe it with --password-stdin');
  const first = await prompt('Password: ');
  const second = await prompt('Again: ');
  if (first !== second) throw new UsageError('the two passwords differ');
  return first;
}

function readAdminTokenFile(dataDir: string): string | null {
  try {
    return readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv[0] === 'help' || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return argv.length === 0 ? 2 : 0;
  }
  const config = configFromEnv();
  const out = (text: string) => process.stdout.write(text + '\n');
  const running = readRunningServer(config);
  if (running && config.dataDir !== null) {
    const token = config.adminToken ?? readAdminTokenFile(config.dataDir);
    if (!token) throw new Error(`a server (pid ${running.pid}) holds the embedded database; set ADMIN_TOKEN or stop it first`);
    process.stderr.write(`(the server at ${running.url} holds the embedded database: going through its admin API)\n`);
    return runCommand(argv, { backend: httpBackend(running.url, token), out, readPassword });
  }
  if (config.dataDir !== null && !config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrateToLatest(database.db);
    // A fresh database gets its catalog as the server would load it, so --units can name real units.
    const units = await database.db.selectFrom('units').select('code').limit(1).execute();
    if (units.length === 0) await new Catalog(database.db).initialize(config.unitCatalog);
    return await runCommand(argv, { backend: databaseBackend(database.db), out, readPassword });
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`${error instanceof AppError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
