/**
 * Wall display heap probe, a diagnosis aid beside `bench/wall.bench.ts` (not part of `npm run bench`): opens
 * /display on a running server, and samples heap after GC in the middle of every visit of each view, so a rise
 * that belongs to one view can be told from one of the whole page. DISPLAY_JS_FLAGS="--no-opt --no-maglev
 * --no-sparkplug" keeps V8 from compiling code while it runs: what still grows then is data the page retains.
 * DISPLAY_SNAPSHOTS=<dir> writes heap snapshots of the first overview visit and of the end, to diff.
 *
 *   DISPLAY_URL=http://127.0.0.1:3555 DISPLAY_TOKEN=… DISPLAY_SECONDS=300 DISPLAY_INTERVAL=10 npx tsx bench/display-heap.ts
 */
import { writeFileSync } from 'node:fs';
import { chromium, type CDPSession, type Page } from 'playwright-core';

const base = process.env.DISPLAY_URL ?? 'http://127.0.0.1:3555';
const token = process.env.DISPLAY_TOKEN ?? '';
const seconds = Number(process.env.DISPLAY_SECONDS ?? 180);
const views = process.env.DISPLAY_VIEWS ?? 'overview,rankings:district';
const interval = Number(process.env.DISPLAY_INTERVAL ?? 10);
const snapshotDir = process.env.DISPLAY_SNAPSHOTS ?? null;
const jsFlags = process.env.DISPLAY_JS_FLAGS ?? '';

async function writeSnapshot(cdp: CDPSession, file: string): Promise<void> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  writeFileSync(file, chunks.join(''));
}

async function sample(page: Page, cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  const view = await page.locator('.display').getAttribute('data-view').catch(() => null);
  return { heap: usedSize, nodes: metric('Nodes'), listeners: metric('JSEventListeners'), view: view ?? '?' };
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(jsFlags ? [`--js-flags=${jsFlags}`] : [])],
});
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.enable');
  await page.goto(`${base}/display?token=${token}&views=${views}&interval=${interval}`);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-kpi] .kpi-value')].some((el) => /\d/.test(el.textContent ?? '')), undefined, { timeout: 30_000 });
  const started = Date.now();
  const byView = new Map<string, { first: number; last: number }>();
  let overviewVisits = 0;
  let lastView: string | null = null;
  while (Date.now() - started < seconds * 1000) {
    // Wait for the next slide, then sample half-way through it.
    await page.waitForFunction((before) => document.querySelector('.display')?.getAttribute('data-view') !== before, lastView, { timeout: 60_000, polling: 200 });
    await new Promise((r) => setTimeout(r, (interval * 1000) / 2));
    const s = await sample(page, cdp);
    lastView = s.view;
    const seen = byView.get(s.view);
    byView.set(s.view, { first: seen?.first ?? s.heap, last: s.heap });
    console.log(`${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s  ${s.view.padEnd(20)} heap ${mb(s.heap)} MB  nodes ${s.nodes}  listeners ${s.listeners}`);
    if (snapshotDir && s.view === 'overview' && ++overviewVisits === 1) await writeSnapshot(cdp, `${snapshotDir}/first.heapsnapshot`);
  }
  if (snapshotDir) await writeSnapshot(cdp, `${snapshotDir}/last.heapsnapshot`);
  for (const [view, { first, last }] of byView) console.log(`${view}: ${mb(first)} → ${mb(last)} MB (${(((last - first) / first) * 100).toFixed(1)} %)`);
} finally {
  await browser.close();
}
