import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Another live process holds the embedded database's directory. */
export class DataDirInUse extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(`the embedded database in ${dir} is in use by another process (pid ${pid}): stop it first, or set DATA_DIR to another directory `
      + `(if pid ${pid} is no motcua-live server, remove ${path.join(dir, 'lock')})`);
  }
}

/**
 * Takes an embedded database's directory for this process, or says which process holds it. PGlite is a single
 * PostgreSQL backend inside the process, with no postmaster to keep a second one out: two processes on one directory
 * each keep their own buffers and write over each other's pages (a second `npm start` in another terminal did, and
 * took down the first one's notice to the admin CLI when it stopped). A lock left by a process that is gone (a crash,
 * `kill -9`) is taken over. Answers the function that gives the directory up.
 */
export function holdDataDir(dir: string): () => void {
  const file = path.join(dir, 'lock');
  for (let attempt = 0; ; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        if (holderOf(file) !== process.pid) return;
        try {
          unlinkSync(file);
        } catch {
          // Already gone: nothing to give up.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = holderOf(file);
      // This process again (a test reopening its directory) is no other writer.
      if (holder !== null && holder !== process.pid && isRunning(holder)) throw new DataDirInUse(dir, holder);
      if (attempt > 0) throw new DataDirInUse(dir, holder ?? -1);
      unlinkSync(file);
    }
  }
}

function holderOf(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
