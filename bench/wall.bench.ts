/**
 * The wall display over an accelerated day: /display open in headless Chromium while the events of a busy day
 * arrive compressed into half an hour (a small batch of today's events every 300 ms, so the display takes one
 * live update after another, rankings moving). JS heap (after a forced GC) and DOM node count are read through
 * the DevTools protocol after a warm-up and at the end.
 */
import { chromium } from 'playwright-core';
import { makeBatch } from './lib/events.js';
import { startServerProcess } from './lib/server-process.js';
import { percentile, type Figure } from './lib/stats.js';
import { BENCH_TOKEN, freshPostgres } from './lib/postgres.js';

export async function wallBenchmark(log: (line: string) => void): Promise<Figure[]> {
  // Thirty minutes of live batches (with the warm-up ≈ 6,700 of 20 events: days of a busy city's events): a few minutes still show V8 settling
  // (a 240 s run measured 13 % where 1800 s measured 8 %), and a wall runs for weeks.
  const seconds = Number(process.env.BENCH_WALL_SECONDS ?? 1800);
  // V8 keeps compiling the views' code for minutes as they rotate (bench/display-heap.ts shows a flat heap with
  // the compilers off): the start sample waits for that to settle, so the figure is growth in steady state.
  const warmUpSeconds = Number(process.env.BENCH_WALL_WARMUP_SECONDS ?? 300);
  const database = await freshPostgres();
  const server = await startServerProcess({ DATABASE_URL: database.url, ADMIN_TOKEN: BENCH_TOKEN, LIVE_INTERVAL_MS: '250' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  let posting = true;
  let batches = 0;
  const run = `wall${Date.now()}`;
  const poster = (async () => {
    while (posting) {
      // Today's events: received now, across the catalog's units (the generator's `now` window shifted to today).
      const events = makeBatch(run, batches, 20, Date.now() + 29 * 86_400_000).map((e) => ({ ...e, at: new Date(Date.now() - 1000).toISOString() }));
      batches += 1;
      await fetch(`${server.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(events) }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const sample = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
      const view = await page.locator('.display').getAttribute('data-view').catch(() => null);
      return { heap: get('JSHeapUsedSize'), nodes: get('Nodes'), view };
    };
    await page.goto(`${server.url}/display?token=${BENCH_TOKEN}`);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-kpi] .kpi-value')].some((el) => /\d/.test(el.textContent ?? '')), undefined, { timeout: 30_000 });
    await new Promise((r) => setTimeout(r, warmUpSeconds * 1000));
    const start = await sample();
    log(`  after warm-up: heap ${(start.heap / 1024 / 1024).toFixed(1)} MB, ${start.nodes} DOM nodes; running ${seconds} s of accelerated events…`);
    const samples = [start];
    for (let elapsed = 0; elapsed < seconds; elapsed += 10) {
      await new Promise((r) => setTimeout(r, Math.min(10, seconds - elapsed) * 1000));
      samples.push(await sample());
    }
    // The display rotates through its views (overview, rankings…), each with its own DOM and data: compare like
    // with like. A visit is a run of samples on one view; a sample can fall in the first second of a visit, before
    // the view has drawn (≈ 1 MB below the next one), so a visit counts by its median. Per view, its first visit
    // after the warm-up against its last; the figure is the worst view.
    log(`  samples (heap MB / DOM nodes / view): ${samples.map((s) => `${(s.heap / 1024 / 1024).toFixed(1)}/${s.nodes}/${s.view ?? '?'}`).join(', ')}`);
    const visits: { view: string; heap: number[]; nodes: number[] }[] = [];
    for (const s of samples) {
      const current = visits.at(-1);
      if (current && current.view === (s.view ?? '?')) {
        current.heap.push(s.heap);
        current.nodes.push(s.nodes);
      } else visits.push({ view: s.view ?? '?', heap: [s.heap], nodes: [s.nodes] });
    }
    const views = [...new Set(visits.map((v) => v.view))].flatMap((view) => {
      const first = visits.find((v) => v.view === view);
      const last = visits.findLast((v) => v.view === view);
      if (!first || !last || first === last) return [];
      const growth = (before: number[], after: number[]) => ((percentile(after, 50) - percentile(before, 50)) / percentile(before, 50)) * 100;
      return [{ view, heapFrom: percentile(first.heap, 50), heapTo: percentile(last.heap, 50), heap: growth(first.heap, last.heap), nodesFrom: percentile(first.nodes, 50), nodesTo: percentile(last.nodes, 50), nodes: growth(first.nodes, last.nodes) }];
    });
    if (views.length === 0) throw new Error('the display showed no view twice: run longer (BENCH_WALL_SECONDS)');
    const worstHeap = views.reduce((a, b) => (b.heap > a.heap ? b : a));
    const worstNodes = views.reduce((a, b) => (b.nodes > a.nodes ? b : a));
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    const perView = views.map((v) => `${v.view} ${mb(v.heapFrom)} → ${mb(v.heapTo)} MB (${v.heap.toFixed(1)} %)`).join(', ');
    log(`  per view, first visit against last (medians): ${perView}`);
    log(`  DOM nodes per view: ${views.map((v) => `${v.view} ${v.nodesFrom} → ${v.nodesTo}`).join(', ')}; ${batches} batches posted`);
    return [
      { name: `Wall display, ${batches} live batches of 20 events in ${warmUpSeconds} + ${seconds} s (accelerated busy days): JS heap growth after GC, worst view`, value: worstHeap.heap, unit: '%', target: { op: '<=', value: 10 }, note: `${perView}: each view's first visit after a ${warmUpSeconds} s warm-up under the same load against its last, medians of the 10-second samples of a visit; live events only (the clock does not cross midnight)` },
      { name: 'Wall display over the same run: DOM node count growth, worst view', value: worstNodes.nodes, unit: '%', target: { op: '<=', value: 5 }, note: `${worstNodes.view}: ${worstNodes.nodesFrom} → ${worstNodes.nodesTo} nodes; the issue asks for "flat": 5 % allows for a ranking row appearing` },
    ];
  } finally {
    posting = false;
    await poster;
    await browser.close();
    await server.stop();
    await database.drop();
  }
}
