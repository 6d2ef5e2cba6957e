/**
 * The wall display's weight and speed: the gzip size of the JavaScript `/display` loads (from dist/client after
 * `npm run build:client`), and the time from navigation to the first figures on screen in headless Chromium.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { LoadGenerator } from './lib/load.js';
import { ROOT, startServerProcess } from './lib/server-process.js';
import { percentile, type Figure } from './lib/stats.js';
import { BENCH_TOKEN, freshPostgres } from './lib/postgres.js';

const DIST = path.join(ROOT, 'dist', 'client');

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? jsFiles(full) : name.endsWith('.js') ? [full] : [];
  });
}

export async function clientBenchmarks(log: (line: string) => void): Promise<Figure[]> {
  log('building the client (npm run build:client)…');
  const build = spawnSync('npm', ['run', 'build:client'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`client build failed:\n${build.stdout}\n${build.stderr}`);
  // Every chunk the build emits, lazy ones included: an upper bound of what /display loads.
  const files = jsFiles(DIST);
  const gzip = files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
  const raw = files.reduce((sum, file) => sum + statSync(file).size, 0);
  log(`  ${files.length} JS files, ${(raw / 1024).toFixed(0)} KB, ${(gzip / 1024).toFixed(1)} KB gzip`);
  const figures: Figure[] = [{
    name: 'Client JavaScript for /display, gzip (all chunks of the build, an upper bound)',
    value: gzip / 1024, unit: 'KB', target: { op: '<=', value: 300 }, note: `${files.length} files, ${(raw / 1024).toFixed(0)} KB before gzip`,
  }];

  const database = await freshPostgres();
  const server = await startServerProcess({ DATABASE_URL: database.url, ADMIN_TOKEN: BENCH_TOKEN });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    // Some figures to show: 20,000 events over the last 30 days.
    const load = new LoadGenerator({ url: server.url, token: BENCH_TOKEN, run: `c${Date.now()}`, batchSize: 1000, concurrency: 2 });
    for (let n = 0; n < 20; n += 1) await load.send(n);
    load.close();
    const samples: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      // A fresh context each time: nothing cached, as on a display that just booted.
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${server.url}/display?token=${BENCH_TOKEN}`);
      await page.waitForFunction(() => [...document.querySelectorAll('[data-kpi] .kpi-value')].some((el) => /\d/.test(el.textContent ?? '')), undefined, { timeout: 30_000 });
      samples.push(performance.now() - started);
      await context.close();
    }
    const first = samples.shift() ?? Number.NaN;
    const median = percentile(samples, 50);
    log(`  navigation to first figures: median ${Math.round(median)} ms over ${samples.length} cold loads (first load, with Chromium warming up: ${Math.round(first)} ms)`);
    figures.push({
      name: '/display from navigation to first figures, headless Chromium, localhost (median of cold contexts)',
      value: median, unit: 'ms', target: { op: '<=', value: 1500 },
      note: `worst ${Math.round(Math.max(...samples))} ms; the very first load (browser process warming up) ${Math.round(first)} ms`,
    });
  } finally {
    await browser.close();
    await server.stop();
    await database.drop();
  }
  return figures;
}
