/**
 * Where a run's CPU went, from Linux's /proc: the server process, the machine's PostgreSQL processes, this process
 * (the load generator), and how busy the whole machine was. Read before and after a run; the difference per event
 * says which part to work on. Elsewhere than Linux, or with PostgreSQL on another machine, the parts read 0.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second on every common platform. */
const TICKS_PER_SECOND = 100;

export interface CpuSample {
  server: number;
  postgres: number;
  generator: number;
  /** The machine's busy and total time, all cores. */
  busy: number;
  total: number;
}

/**
 * utime + stime of a process, in seconds, and its command name; null if it is gone. With `reaped`, the CPU of its
 * children that have exited and been waited for is added (cutime + cstime).
 */
function processCpu(pid: string, reaped = false): { comm: string; seconds: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0);
    return { comm: stat.slice(stat.indexOf('(') + 1, close), seconds: ticks / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

function postgresCpu(): number {
  let seconds = 0;
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  // A backend that exits during a run (an idle pool connection closed, an autovacuum worker done) takes its CPU out
  // of the live processes' sum; the postmaster, which waits for it, then counts it among its children's. So every
  // PostgreSQL process is read with its reaped children (only the postmaster has any).
  for (const pid of pids) {
    const cpu = processCpu(pid, true);
    if (cpu?.comm === 'postgres') seconds += cpu.seconds;
  }
  return seconds;
}

function machineCpu(): { busy: number; total: number } {
  try {
    const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
    const ticks = (cpu ?? '').split(/\s+/).slice(1).map(Number);
    const total = ticks.reduce((sum, t) => sum + t, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
  } catch {
    return { busy: 0, total: 0 };
  }
}

export function sampleCpu(serverPid: number | undefined): CpuSample {
  const usage = process.cpuUsage();
  return {
    server: serverPid === undefined ? 0 : (processCpu(String(serverPid))?.seconds ?? 0),
    postgres: postgresCpu(),
    generator: (usage.user + usage.system) / 1e6,
    ...machineCpu(),
  };
}

/**
 * "CPU per event: server 21 µs, PostgreSQL 25 µs, load generator 3 µs; machine 85 % busy" (without PostgreSQL for
 * the embedded engine, which runs inside the server).
 */
export function describeCpu(before: CpuSample, after: CpuSample, events: number, options: { postgres: boolean }): string {
  const perEvent = (key: 'server' | 'postgres' | 'generator') => `${(((after[key] - before[key]) * 1e6) / Math.max(1, events)).toFixed(1)} µs`;
  const busy = (after.busy - before.busy) / Math.max(1e-9, after.total - before.total);
  const parts = [`server ${perEvent('server')}`, ...(options.postgres ? [`PostgreSQL ${perEvent('postgres')}`] : []), `load generator ${perEvent('generator')}`];
  return `CPU per event: ${parts.join(', ')}; machine ${Math.round(busy * 100)} % busy`;
}
