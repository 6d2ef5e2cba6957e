/**
 * `npm run bench`: every benchmark of issue 6, each printed beside its target, and docs/BENCHMARKS.md written
 * with the date, the machine and the commit. PostgreSQL comes from BENCH_DATABASE_URL / TEST_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres). BENCH_ONLY=ingest,snapshot,client,live,wall picks some;
 * BENCH_DOSSIERS and BENCH_SOCKETS scale the two largest down (the report says so).
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clientBenchmarks } from './client.bench.js';
import { ingestBenchmarks } from './ingest.bench.js';
import { ROOT } from './lib/server-process.js';
import { describe, meets, type Figure } from './lib/stats.js';
import { liveBenchmarks } from './live.bench.js';
import { snapshotBenchmark } from './snapshot.bench.js';
import { wallBenchmark } from './wall.bench.js';

const SUITES: Record<string, (log: (line: string) => void) => Promise<Figure[]>> = {
  ingest: ingestBenchmarks,
  snapshot: snapshotBenchmark,
  client: clientBenchmarks,
  live: liveBenchmarks,
  wall: wallBenchmark,
};

const log = (line: string) => process.stdout.write(line + '\n');

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function commit(): string {
  try {
    const sha = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
    // The bench's own outputs (written after each suite) do not make the code measured differ from the commit.
    const dirty = execSync('git status --porcelain --untracked-files=no -- . :!bench/results.json :!docs/BENCHMARKS.md', { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

const fmt = (v: number | null) => (v === null || Number.isNaN(v) ? 'not measured' : Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 1 }));

/** Each suite's last results, kept so `BENCH_ONLY=…` reruns one suite without dropping the others' figures. */
interface SuiteResult {
  at: string;
  commit: string;
  /** Where it ran (absent in results recorded before the machine was kept per suite). */
  machine?: string;
  loadAverage: number[];
  figures: Figure[];
  failure?: string;
}
const RESULTS = path.join(ROOT, 'bench', 'results.json');

/** One line per machine the kept results were measured on, naming its suites: a rerun of some suites may run elsewhere. */
function machines(results: Record<string, SuiteResult>): string[] {
  const bySuite = new Map<string, string[]>();
  for (const [name, r] of Object.entries(results)) {
    const where = r.machine ?? 'not recorded';
    bySuite.set(where, [...(bySuite.get(where) ?? []), name]);
  }
  if (bySuite.size === 1) return [`- Machine: ${[...bySuite.keys()][0]}`];
  return [...bySuite].map(([where, suites]) => `- Machine for ${suites.join(', ')}: ${where}`);
}

function report(results: Record<string, SuiteResult>, started: Date, seconds: number): string {
  const figures = Object.values(results).flatMap((r) => r.figures.map((f) => ({ ...f, note: `${f.note ? f.note + '; ' : ''}measured ${r.at.slice(0, 16).replace('T', ' ')} UTC, load average ${r.loadAverage[0]?.toFixed(1)}` })));
  const failures = Object.entries(results).filter(([, r]) => r.failure).map(([name, r]) => `${name} (failed: ${r.failure})`);
  const rows = figures.map((f) => {
    const ok = meets(f);
    const target = f.target ? `${f.target.op === '>=' ? '≥' : '≤'} ${fmt(f.target.value)} ${f.unit}` : '—';
    return `| ${f.name} | ${fmt(f.value)} ${f.value === null ? '' : f.unit} | ${target} | ${ok === null ? '—' : ok ? 'met' : '**MISSED**'} | ${f.note ?? ''} |`;
  });
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); the analysis below the table is kept by hand in bench/FINDINGS.md and copied in.',
    '',
    `- Report written: ${started.toISOString()}; suites measured ${[...new Set(Object.values(results).map((r) => r.at.slice(0, 16).replace('T', ' ')))].sort().join(', ')} UTC (this run: ${Math.round(seconds)} s)`,
    ...machines(results),
    `- Commit measured: ${[...new Set(Object.values(results).map((r) => r.commit))].join(', ')}`,
    // The load when each suite ran, not when the report is written: a report may be rewritten later, elsewhere.
    '- The machine is shared: other work running at the same time lowers every figure (each row notes the 1-minute load average when its suite ran; 2 means both cores already busy).',
    '',
    '| figure | measured | target | | notes |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ...failures.map((f) => `| ${f} | failed | | **MISSED** | |`),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const started = new Date();
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean) ?? Object.keys(SUITES);
  const figures: Figure[] = [];
  const results = (existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {}) as Record<string, SuiteResult>;
  for (const name of only) {
    const suite = SUITES[name];
    if (!suite) throw new Error(`unknown benchmark '${name}' (have: ${Object.keys(SUITES).join(', ')})`);
    log(`\n== ${name}`);
    try {
      const measured = await suite(log);
      for (const f of measured) log(describe(f));
      figures.push(...measured);
      results[name] = { at: new Date().toISOString(), commit: commit(), machine: machine(), loadAverage: os.loadavg(), figures: measured };
    } catch (error) {
      log(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      results[name] = { at: new Date().toISOString(), commit: commit(), machine: machine(), loadAverage: os.loadavg(), figures: [], failure: error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error) };
    }
    writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  }
  log('\n== summary');
  for (const f of figures) log(describe(f));
  let findings = '';
  try {
    findings = (await import('node:fs')).readFileSync(path.join(ROOT, 'bench', 'FINDINGS.md'), 'utf8');
  } catch {
    findings = '';
  }
  const file = path.join(ROOT, 'docs', 'BENCHMARKS.md');
  writeFileSync(file, report(results, started, (Date.now() - started.getTime()) / 1000) + (findings ? '\n' + findings : ''));
  log(`\nwritten to ${path.relative(ROOT, file)}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
