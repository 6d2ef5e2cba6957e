/**
 * The wall display while its server is away: every view of the playlist keeps showing its last figures, marked
 * with their time, as the views rotate (never a loading screen, never "unit not found"), and takes up live figures
 * again once the server is back. And the unit's overdue list shows whole rows only, saying how many more there are.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Unit } from '../../shared/catalog.js';
import { startTestApp, TEST_ADMIN_TOKEN, testConfig, type TestApp } from '../helpers/app.js';
import { ensureClientBuilt, hasChromium, launchBrowser, screenshot } from './browser.js';
import { postEvents, seedEvents } from './seed.js';

const UNIT = 'HN-HK';
const DAY = 86_400_000;
/** More overdue dossiers than any screen has room for, with procedure names long enough to wrap. */
const OVERDUE = 14;

describe.skipIf(!hasChromium)('wall display without its server', { timeout: 120_000 }, () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureClientBuilt();
    app = await startTestApp();
    const units = (await app.get('/api/v1/units')) as Unit[];
    await postEvents(app.url, TEST_ADMIN_TOKEN, seedEvents(units, new Date(), { days: 3, perUnitPerDay: 3, prefix: 'outage' }));
    const now = Date.now();
    const overdue = Array.from({ length: OVERDUE }, (_, i) => ({
      id: `outage-overdue-${i}`, type: 'dossier.received', at: new Date(now - (20 + i) * DAY).toISOString(), unitCode: UNIT,
      dossierId: `outage-overdue-${i}`, procedureCode: i % 2 ? 'DD-GCN' : 'XD-GPXD', channel: 'counter', dueAt: new Date(now - (10 + i) * DAY).toISOString(),
    }));
    expect((await app.post(overdue)).status).toBe(200);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(path: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await browser.newPage({ viewport, locale: 'vi-VN' });
    await page.goto(`${app.url}${path}&token=${TEST_ADMIN_TOKEN}`);
    return page;
  }

  /** What each view shows that only its figures can fill. */
  const figuresOf = (page: Page, view: string): Promise<string> => {
    if (view === 'overview') return page.locator('[data-kpi="received"] .kpi-value').innerText();
    if (view.startsWith('rankings:')) return page.locator('table.ranking tbody tr').first().innerText();
    if (view === 'procedures') return page.locator('.display-body table.procedure-table tbody').innerText();
    return page.locator('.unit-head').innerText();
  };
  const bodyText = (page: Page) => page.locator('.display-body').innerText();

  /**
   * The overdue list of the unit on screen: its rows against the bottom of the card that clips them, and the
   * "+N" line. A row cut by the card, or one the line covers, is a row half shown; the line is inside the card and
   * covers neither the card's title nor any row.
   */
  const overdueList = (page: Page) => page.evaluate(() => {
    const card = document.querySelector('.u-overdue')!.getBoundingClientRect();
    const rows = [...document.querySelectorAll('.u-overdue tbody tr')].map((row) => row.getBoundingClientRect());
    const more = document.querySelector('.u-overdue .more');
    const moreBox = more?.getBoundingClientRect();
    const title = document.querySelector('.u-overdue h2')!;
    const range = document.createRange();
    range.selectNodeContents(title);
    const titleText = range.getBoundingClientRect();
    const apart = (a: DOMRect, b: DOMRect) => a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5 || a.right <= b.left + 0.5 || b.right <= a.left + 0.5;
    return {
      total: Number(title.querySelector('.num')?.textContent?.replace(/\D/g, '')),
      rows: rows.length,
      cut: rows.filter((r) => r.bottom > card.bottom + 0.5 || (moreBox !== undefined && !apart(r, moreBox))).length,
      moreText: more?.textContent ?? null,
      moreInside: moreBox === undefined || (moreBox.bottom <= card.bottom + 0.5 && moreBox.right <= card.right + 0.5 && moreBox.top >= card.top - 0.5 && apart(moreBox, titleText)),
    };
  });

  it('shows whole overdue rows only, and how many more there are, at 1920×1080 and 1366×768', async () => {
    const page = await open(`/display?views=unit:${UNIT}&interval=3600&period=today`, { width: 1920, height: 1080 });
    await page.locator('.u-overdue tbody tr').first().waitFor();
    for (const viewport of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }]) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(500);
      const list = await overdueList(page);
      expect(list.cut).toBe(0);
      expect(list.rows).toBeGreaterThanOrEqual(4);
      expect(list.total).toBeGreaterThanOrEqual(OVERDUE);
      expect(list.rows).toBeLessThan(list.total);
      expect(list.moreText).toBe(`+${list.total - list.rows} hồ sơ khác`);
      expect(list.moreInside).toBe(true);
      await screenshot(page, `display-unit-overdue-${viewport.width}`);
    }
    await page.close();
  });

  it('shrinks a ranking’s text until every row shows whole, when the catalog is larger than the layout was drawn for', async () => {
    const units = (await app.get('/api/v1/units')) as Unit[];
    const more = 30 - units.filter((u) => u.kind === 'department').length;
    const added = Array.from({ length: more }, (_, i) => ({
      code: `HN-SO-${i}`, name: `Ban Quản lý dự án đầu tư xây dựng công trình giao thông số ${i + 1}`, kind: 'department', parentCode: null,
    }));
    expect((await app.api('/api/v1/units', { method: 'PUT', body: JSON.stringify(added), headers: { 'content-type': 'application/json' } })).status).toBe(200);
    const page = await open('/display?views=rankings:department&interval=3600&period=today', { width: 1366, height: 768 });
    const fit = () => page.evaluate(() => {
      const rows = [...document.querySelectorAll('table.ranking tbody tr')].map((tr) => tr.getBoundingClientRect().bottom);
      const table = document.querySelector('table.ranking');
      return {
        rows: rows.length,
        inside: Math.max(...rows) <= document.querySelector('.display-body')!.getBoundingClientRect().bottom + 0.5,
        fontSize: table ? parseFloat(getComputedStyle(table).fontSize) : 0,
        rootSize: parseFloat(getComputedStyle(document.documentElement).fontSize),
      };
    });
    for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(viewport);
      await expect.poll(async () => (await fit()).rows, { timeout: 15_000 }).toBe(30);
      await expect.poll(async () => (await fit()).inside, { timeout: 5_000 }).toBe(true);
      // And still after the live updates that follow (a wider figure makes a name wrap anew).
      await page.waitForTimeout(2000);
      const { inside, fontSize, rootSize } = await fit();
      expect(inside).toBe(true);
      // Smaller than designed (1.2rem), and still no smaller than it may get.
      expect(fontSize).toBeLessThan(1.2 * rootSize - 0.5);
      expect(fontSize).toBeGreaterThanOrEqual(0.6 * 1.2 * rootSize - 0.5);
      await screenshot(page, `display-rankings-long-${viewport.width}`);
    }
    await page.close();
  });

  it('keeps every view’s last figures, marked stale, while the server is down, and goes live again after', async () => {
    // The procedures are read over REST, not pushed: they are kept and marked all the same.
    const views = ['overview', 'rankings:district', 'procedures', `unit:${UNIT}`];
    // Long enough a view for every check below to run while it is on screen, on a busy machine too.
    const page = await open(`/display?views=${views.join(',')}&interval=8&period=today`, { width: 1920, height: 1080 });
    const view = async () => (await page.locator('.display').getAttribute('data-view')) ?? '';
    const mark = page.getByTestId('stale-mark');

    // Every view once with the server up: what it shows is what it must keep showing.
    const shown = new Map<string, string>();
    for (const name of views) {
      await expect.poll(view, { timeout: 15_000 }).toBe(name);
      await expect.poll(() => figuresOf(page, name).catch(() => ''), { timeout: 10_000 }).not.toBe('');
      await page.waitForTimeout(1000);
      shown.set(name, await figuresOf(page, name));
      expect(await mark.count()).toBe(0);
    }

    const port = app.port;
    await app.close();
    await page.getByTestId('stale-banner').waitFor({ timeout: 15_000 });

    // Each view again, mounted afresh while the server is away: its figures, the time they are from, nothing else.
    const seen = new Set<string>();
    let current = await view();
    while (seen.size < views.length) {
      await expect.poll(view, { timeout: 15_000 }).not.toBe(current);
      current = await view();
      await page.waitForTimeout(1500);
      expect(await view()).toBe(current);
      const text = await bodyText(page);
      expect(text).not.toContain('Đang tải');
      expect(text).not.toContain('Không tìm thấy');
      expect(await figuresOf(page, current)).toBe(shown.get(current));
      expect(await mark.innerText()).toMatch(/^Số liệu lúc \d{2}:\d{2}:\d{2}$/);
      if (current.startsWith('unit:')) expect(await overdueList(page)).toMatchObject({ cut: 0, moreInside: true });
      await screenshot(page, `display-outage-${current.replace(':', '-')}`);
      seen.add(current);
    }

    app = await startTestApp({ config: testConfig({ port }) });
    await expect.poll(() => page.getByTestId('stale-banner').count(), { timeout: 45_000 }).toBe(0);
    await expect.poll(() => mark.count(), { timeout: 15_000 }).toBe(0);
    await page.close();
  }, 150_000);
});
