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

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** The pages the entry loads on other addresses than /display (a page added later is counted: an upper bound). */
const OTHER_PAGES = new Set(['src/views/DashboardPages.tsx', 'src/views/PresentPage.tsx', 'src/admin/AdminPage.tsx']);

/**
 * The scripts /display can load, from the build's manifest: the entry and every chunk it imports or may load later
 * (the display page, its charts, the spreadsheet writer…), less the other pages and what only they import.
 */
export function displayScripts(manifest: Record<string, ManifestChunk>): string[] {
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  if (!entry || !manifest['src/views/DisplayPage.tsx']) throw new Error('the build manifest has no entry or no display page');
  const files = new Set<string>();
  const visit = (chunk: ManifestChunk) => {
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const key of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) {
      const next = manifest[key];
      if (next && !OTHER_PAGES.has(key)) visit(next);
    }
  };
  visit(entry);
  return [...files].filter((file) => file.endsWith('.js'));
}

export async function clientBenchmarks(log: (line: string) => void): Promise<Figure[]> {
  log('building the client (npm run build:client)…');
  const build = spawnSync('npm', ['run', 'build:client'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`client build failed:\n${build.stdout}\n${build.stderr}`);
  const manifest = JSON.parse(readFileSync(path.join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const files = displayScripts(manifest).map((file) => path.join(DIST, file));
  const gzip = files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
  const raw = files.reduce((sum, file) => sum + statSync(file).size, 0);
  const all = readdirSync(path.join(DIST, 'assets')).filter((name) => name.endsWith('.js'));
  const allGzip = all.reduce((sum, name) => sum + gzipSync(readFileSync(path.join(DIST, 'assets', name)), { level: 9 }).length, 0);
  log(`  ${files.length} JS files, ${(raw / 1024).toFixed(0)} KB, ${(gzip / 1024).toFixed(1)} KB gzip (the whole build: ${all.length} files, ${(allGzip / 1024).toFixed(1)} KB gzip)`);
  const figures: Figure[] = [{
    name: 'Client JavaScript for /display, gzip (the entry and every chunk it can load but the other pages)',
    value: gzip / 1024, unit: 'KB', target: { op: '<=', value: 300 },
    note: `${files.length} files, ${(raw / 1024).toFixed(0)} KB before gzip; the other pages' chunks left out (the whole build: ${all.length} files, ${(allGzip / 1024).toFixed(0)} KB gzip)`,
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
