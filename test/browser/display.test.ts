/**
 * The client against the real server: live numbers on the wall display, view rotation, language,
 * CSV export and the stale banner when the server goes away and comes back.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorBackfill } from '../../shared/api.js';
import type { Unit } from '../../shared/catalog.js';
import type { ProcedureSnapshot, ProcedureUnitsSnapshot, Snapshot } from '../../shared/snapshot.js';
import { createFormatter } from '../../client/src/lib/format.js';
import { earlierPeriods, periodRange, rangeParams, type PeriodChoice } from '../../client/src/lib/periods.js';
import { EARLIER_PERIODS } from '../../client/src/lib/rankings.js';
import { startTestApp, TEST_ADMIN_TOKEN, testConfig, type TestApp } from '../helpers/app.js';
import { ensureClientBuilt, hasChromium, launchBrowser, screenshot } from './browser.js';
import { postEvents, seedEvents } from './seed.js';

const VIEWPORT = { width: 1920, height: 1080 };

/** Today in the city (the test server's time zone) and the month up to it, as exported file names write them. */
const today = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' })
  .format(new Date()).replaceAll('/', '-');
const monthSoFar = today.startsWith('01-') ? today : `01-${today.slice(3)}–${today}`;

describe.skipIf(!hasChromium)('client in a browser', { timeout: 60_000 }, () => {
  let app: TestApp;
  let browser: Browser;
  let units: Unit[];
  /** What `/api/v1/health` says of the simulator's back-fill (none but in the test about it). */
  let backfill: SimulatorBackfill | null = null;

  beforeAll(async () => {
    ensureClientBuilt();
    app = await startTestApp({ simulatorBackfill: () => backfill });
    units = (await app.get('/api/v1/units')) as Unit[];
    await postEvents(app.url, TEST_ADMIN_TOKEN, seedEvents(units, new Date(), { days: 8, perUnitPerDay: 4 }));
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(path: string, viewport = VIEWPORT): Promise<Page> {
    const page = await browser.newPage({ viewport, locale: 'vi-VN', acceptDownloads: true });
    const separator = path.includes('?') ? '&' : '?';
    await page.goto(`${app.url}${path}${separator}token=${TEST_ADMIN_TOKEN}`);
    return page;
  }

  const receivedTile = (page: Page) => page.locator('[data-kpi="received"] .kpi-value');
  const asCount = (text: string) => Number(text.replace(/\D/g, ''));

  it('shows the token-less address and a live number that follows posted events', async () => {
    const page = await open('/display?views=overview&interval=3600&period=today');
    await expect.poll(() => page.url()).not.toContain('token=');
    await expect.poll(async () => (await page.getByTestId('updated').textContent()) ?? '', { timeout: 15_000 }).toMatch(/Cập nhật \d{2}:\d{2}:\d{2}/);
    const before = asCount((await receivedTile(page).textContent()) ?? '');
    const unit = units.find((u) => u.kind === 'district');
    const at = new Date(Date.now() - 60_000).toISOString();
    const events = [1, 2, 3].map((i) => ({
      id: `browser-live-${i}`, type: 'dossier.received', at, unitCode: unit?.code, dossierId: `browser-live-${i}`,
      procedureCode: 'TP-KS', channel: 'online', dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    }));
    expect((await app.post(events)).status).toBe(200);
    await expect.poll(async () => asCount((await receivedTile(page).textContent()) ?? ''), { timeout: 10_000 }).toBe(before + 3);

    // A dossier already past its due date makes the unit's overdue count rise: the ticker says so, by unit only.
    const late = { id: 'browser-late-1', type: 'dossier.received', at: new Date(Date.now() - 7_200_000).toISOString(), unitCode: unit?.code,
      dossierId: 'browser-late-1', procedureCode: 'TP-KS', channel: 'counter', dueAt: new Date(Date.now() - 3_600_000).toISOString() };
    expect((await app.post([late])).status).toBe(200);
    const ticker = page.locator('.ticker li');
    await expect.poll(() => ticker.allTextContents(), { timeout: 10_000 }).toContainEqual(expect.stringContaining(`${unit?.name}: quá hạn tăng`));
    expect((await ticker.allTextContents()).join(' ')).not.toContain('browser-late-1');
    await screenshot(page, 'display-overview');
    await page.close();
  });

  /** The cards and tiles of the wall display that do not end inside the screen (the display never scrolls). */
  const offScreen = (page: Page) => page.evaluate(() =>
    [...document.querySelectorAll('.display-body .card, .display-body .kpi')]
      .filter((el) => { const r = el.getBoundingClientRect(); return r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5; })
      .map((el) => el.className));
  /**
   * How far the view's grid ends from the bottom of the display: it takes the height left, whatever its lists
   * hold (no card runs off the bottom when they are long, no gap is left when they are short).
   */
  const gapBelow = (page: Page, grid: string) => page.evaluate((selector) =>
    document.querySelector('.display-body')!.getBoundingClientRect().bottom - document.querySelector(selector)!.getBoundingClientRect().bottom, grid);

  it('rotates the views of its playlist, each within the screen', async () => {
    const page = await open('/display?views=overview,rankings:district,unit:HN-HK&interval=5&period=today');
    const view = () => page.locator('.display').getAttribute('data-view');
    await expect.poll(view).toBe('overview');
    await page.locator('.c-mini').first().waitFor();
    expect(await offScreen(page)).toEqual([]);
    expect(Math.abs(await gapBelow(page, '.overview-grid'))).toBeLessThan(2);
    // No mouse to hover a tile's ▲▼: the slides that show changes say what they compare with; a unit's slide shows none.
    const compare = page.getByTestId('wall-compare');
    expect(await compare.textContent()).toBe('▲▼ so với hôm qua cùng giờ');
    await expect.poll(view, { timeout: 9_000 }).toBe('rankings:district');
    expect(await compare.textContent()).toBe('▲▼ so với hôm qua cùng giờ');
    await expect(page.locator('table.ranking tbody tr').first()).toBeTruthy();
    await page.waitForTimeout(1500);
    expect(await offScreen(page)).toEqual([]);
    await screenshot(page, 'display-rankings');
    await expect.poll(view, { timeout: 9_000 }).toBe('unit:HN-HK');
    await page.waitForTimeout(1500);
    expect(await compare.count()).toBe(0);
    expect(await offScreen(page)).toEqual([]);
    expect(Math.abs(await gapBelow(page, '.unit-grid'))).toBeLessThan(2);
    await screenshot(page, 'display-unit');
    await page.close();
  });

  it('keeps its one-screen layout on a 4:3 projector and a 21:9 screen', async () => {
    for (const viewport of [{ width: 1024, height: 768 }, { width: 2560, height: 1080 }]) {
      const page = await browser.newPage({ viewport, locale: 'vi-VN' });
      for (const view of ['overview', 'rankings:district', 'procedures', 'procedure:DD-GCN', 'unit:HN-HK']) {
        await page.goto(`${app.url}/display?views=${view}&token=${TEST_ADMIN_TOKEN}`);
        await page.locator('.display-body .card, .display-body table.ranking').first().waitFor();
        await page.waitForTimeout(1000);
        expect(await offScreen(page), `${view} at ${viewport.width}×${viewport.height}`).toEqual([]);
      }
      await page.close();
    }
  });

  it('keeps the dashboard’s top bar to one line from a 1024-pixel projector to a laptop, with the period and comparison selects', async () => {
    const page = await open('/unit/HN-HK', { width: 1024, height: 768 });
    for (const [width, path, ready] of [
      [1024, '/unit/HN-HK', '.unit-head'], [1024, '/procedures/DD-CN', '.procedure-head'], [1024, '/', '[data-kpi="received"]'],
      [1366, '/', '[data-kpi="received"]'], [1280, '/rankings', 'table.ranking'], [1024, '/rankings', 'table.ranking'],
    ] as const) {
      await page.setViewportSize({ width, height: 768 });
      await page.goto(`${app.url}${path}`);
      await page.locator(ready).first().waitFor();
      // One line: every item shown in the bar overlaps every other vertically (a wrapped item starts below the first line).
      const rows = await page.locator('header.topbar > *').evaluateAll((items) =>
        items.map((item) => item.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => ({ top: r.top, bottom: r.bottom })),
      );
      expect(rows.length, `${path} at ${width}`).toBeGreaterThan(4);
      expect(Math.max(...rows.map((r) => r.top)), `${path} at ${width}`).toBeLessThan(Math.min(...rows.map((r) => r.bottom)));
    }
    // The rankings compare: the selects' labels, shown only on a wider screen, still name them for a screen reader.
    await page.getByRole('combobox', { name: 'So với' }).waitFor();
    await page.close();
  });

  it('switches to English and keeps the choice', async () => {
    // Seven days: their charts have a line at any hour (today's has a single point, so none, until 01:00).
    const page = await open('/?period=7d');
    await page.locator('[data-kpi="received"]').waitFor();
    expect(await page.locator('[data-kpi="received"] .kpi-label').textContent()).toBe('Tiếp nhận');
    // The README's picture: the charts drawn and the changes against the week before in.
    await page.locator('.c-rates .recharts-line').first().waitFor();
    await expect.poll(() => page.locator('[data-kpi="received"] .kpi-change').textContent()).toMatch(/^[▲▼■]/);
    await screenshot(page, 'overview');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('[data-kpi="received"] .kpi-label').textContent()).toBe('Received');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await expect.poll(() => page.locator('[data-kpi="received"] .kpi-label').textContent()).toBe('Received');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await expect.poll(() => page.locator('[data-kpi="received"] .kpi-label').textContent()).toBe('Tiếp nhận');
    await page.close();
  });

  it('exports the rankings as CSV with a BOM and Vietnamese names', async () => {
    const page = await open('/rankings?kind=district&period=7d');
    await page.locator('table.ranking tbody tr').first().waitFor();
    // The README's picture: with the trend lines drawn.
    await page.locator('table.ranking svg.sparkline').first().waitFor();
    await screenshot(page, 'rankings');
    const overdueHeader = page.locator('table.ranking thead th').filter({ hasText: 'Quá hạn' });
    await overdueHeader.getByRole('button').click();
    expect(await overdueHeader.getAttribute('aria-sort')).toBe('descending');
    const overdue = await page.locator('table.ranking tbody tr td:last-child').allTextContents();
    const counts = overdue.map((text) => Number(text.replace(/\D/g, '')));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Xếp-hạng–Quận-huyện-thị-xã-\d{2}-\d{2}-\d{4}(–\d{2}-\d{2}-\d{4})?\.csv$/);
    const file = await download.path();
    const text = readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('Hạng,±,Đơn vị,Điểm,Xếp loại');
    const district = units.filter((u) => u.kind === 'district');
    expect(text.trim().split('\r\n')).toHaveLength(district.length + 1);
    expect(text).toContain('Quận Hoàn Kiếm');
    await page.close();
  });

  it('exports the rankings as an XLSX workbook named after their period', async () => {
    const page = await open('/rankings?kind=department&period=month');
    await page.locator('table.ranking tbody tr').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải Excel' }).click()]);
    expect(download.suggestedFilename()).toBe(`Xếp-hạng–Sở-ban-ngành-${monthSoFar}.xlsx`);
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await page.close();
  });

  it('exports the overview as an XLSX workbook named after its day', async () => {
    const page = await open('/?period=today');
    await page.locator('[data-kpi="received"]').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải Excel' }).first().click()]);
    expect(download.suggestedFilename()).toBe(`Tổng-quan-${today}.xlsx`);
    expect(readFileSync(await download.path()).subarray(0, 2).toString('latin1')).toBe('PK');
    await page.close();
  });

  it('names a custom range and the period it is compared with', async () => {
    const page = await open('/rankings?from=2026-11-01&to=2026-11-15');
    await page.locator('table.ranking tbody tr').first().waitFor();
    expect(await page.locator('.period-line').textContent()).toBe('Kỳ báo cáo: 01/11/2026 – 15/11/2026 23:59 · Kỳ trước: 17/10/2026 – 01/11/2026 00:00');
    await page.close();
  });

  it('asks for an access code without a token, and again when the server refuses one', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(`${app.url}/rankings`);
    await page.getByRole('heading', { name: 'Cần mã truy cập' }).waitFor();
    await screenshot(page, 'sign-in');
    await page.getByLabel('Mã truy cập').fill('not-a-valid-token-at-all');
    await page.getByRole('button', { name: 'Vào bảng điều hành' }).click();
    await page.getByText('Mã truy cập không còn hiệu lực').waitFor();
    await page.getByLabel('Mã truy cập').fill(TEST_ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Vào bảng điều hành' }).click();
    await page.locator('table.ranking tbody tr').first().waitFor();
    await page.close();
  });

  it('plays the playlist an administrator gave a display token', async () => {
    const issued = await app.api('/api/v1/admin/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'display', name: 'Màn hình sảnh', playlist: 'views=rankings:department&interval=60' }),
    });
    expect(issued.status).toBeLessThan(300);
    const { secret } = (await issued.json()) as { secret: string };
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(`${app.url}/display?token=${encodeURIComponent(secret)}`);
    await expect.poll(() => page.locator('.display').getAttribute('data-view'), { timeout: 15_000 }).toBe('rankings:department');
    await page.close();
  });

  it('signs in with a password, follows live figures over the session cookie, and signs out', async () => {
    const created = await app.api('/api/v1/admin/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'lanh.dao', displayName: 'Lãnh đạo UBND', password: 'mat-khau-dai-du-10', role: 'leader' }),
    });
    expect(created.status).toBeLessThan(300);
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(`${app.url}/`);
    await page.getByLabel('Tên đăng nhập').fill('lanh.dao');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau-roi');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Sai tên đăng nhập hoặc mật khẩu.').waitFor();
    await page.getByLabel('Mật khẩu').fill('mat-khau-dai-du-10');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Lãnh đạo UBND').waitFor();
    await expect.poll(async () => (await page.getByTestId('updated').textContent()) ?? '', { timeout: 15_000 }).toMatch(/Cập nhật \d{2}:/);
    // Signing out reloads the page; the sign-in notice can show before that (the server drops the session's socket).
    // Closed only once the reload has loaded: a close racing a navigation's commit can hang forever in Chromium
    // (crbug.com/536385539, microsoft/playwright#42068), which is what timed this test out in some full runs.
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await reloaded;
    await page.getByRole('heading', { name: 'Cần mã truy cập' }).waitFor();
    await page.close();
  });

  it('prints the presenter report one slide per A4 landscape page', async () => {
    const page = await open('/present?period=7d&units=HN-HK');
    await page.locator('.slide.current [data-kpi="received"]').waitFor();
    await page.locator('[data-slide="unit:HN-HK"] table.explain').waitFor({ state: 'attached' });
    await page.locator('[data-slide="rankings:department"] table.ranking').waitFor({ state: 'attached' });
    await page.locator('[data-slide="procedures"] table.procedure-table').waitFor({ state: 'attached' });
    // The tallest form of the report: the previous period has arrived, so the ranking rows have their trend lines.
    for (const kind of ['district', 'department']) {
      await page.locator(`[data-slide="rankings:${kind}"] svg.sparkline`).first().waitFor({ state: 'attached' });
    }
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    // Five slides (overview, districts, departments, procedures, one unit), each on its own page and fitting it.
    expect(pages).toHaveLength(5);
    await page.close();
  });

  it('opens a unit by its address and explains its score', async () => {
    const page = await open('/unit/HN-HK?period=30d');
    await page.getByRole('heading', { name: 'Quận Hoàn Kiếm' }).waitFor();
    await page.locator('table.explain tfoot').waitFor();
    expect(await page.locator('table.explain tbody tr').count()).toBe(6);
    await screenshot(page, 'unit');
    expect(await page.locator('.period-line').textContent()).toMatch(/^Kỳ báo cáo: \d{2}\/\d{2}\/\d{4} – \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const overdue = page.locator('section.u-overdue');
    const [download] = await Promise.all([page.waitForEvent('download'), overdue.getByRole('button', { name: 'Tải Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^Quận-Hoàn-Kiếm–Hồ-sơ-quá-hạn-đang-xử-lý-\\d{2}-\\d{2}-\\d{4}–${today}\\.xlsx$`));
    await page.close();
  });

  it('says so at an address it has no page for, rather than showing the city as that unit', async () => {
    const page = await open('/units/HN-HK?period=30d');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Không có trang /units/HN-HK');
    expect(await page.locator('[data-kpi]').count()).toBe(0);
    await page.getByRole('link', { name: '← Về trang tổng quan' }).click();
    await page.locator('[data-kpi="received"]').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(new URL(page.url()).searchParams.get('period')).toBe('30d');
    await page.close();
  });

  it('shows the presenter slides and steps through them with the keyboard', async () => {
    const page = await open('/present?period=month&units=HN-HK');
    await page.locator('.slide.current [data-kpi="received"]').waitFor();
    // The audience sees which period the slides show (from the 1st of the month up to the frozen moment) and the one compared.
    expect(await page.locator('.slide.current .period-line').textContent()).toMatch(/^Kỳ báo cáo: 01\/\d{2}\/\d{4} – \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · Kỳ trước: \d{2}\/\d{2}\/\d{4} – /);
    await screenshot(page, 'present-overview');
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('.slide.current').getByRole('button', { name: 'Tải ảnh PNG' }).first().click()]);
    expect(png.suggestedFilename()).toBe(`Tiếp-nhận-và-giải-quyết-theo-thời-gian-${monthSoFar}.png`);
    expect(readFileSync(await png.path()).subarray(1, 4).toString('latin1')).toBe('PNG');
    // The whole slide as one picture for the deck, named after the slide and its period: all of it, with a margin of
    // 16 px around it, at twice the pixels of the page.
    const slideSize = () => page.locator('.slide.current').evaluate((s: HTMLElement) => ({ width: s.offsetWidth, height: s.offsetHeight }));
    const slideImage = async () => {
      // Once the slide is drawn whole: its size holds still.
      let size = await slideSize();
      await expect.poll(async () => {
        const now = await slideSize();
        const same = now.width === size.width && now.height === size.height;
        size = now;
        return same;
      }, { interval: 500, timeout: 15_000 }).toBe(true);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải trang này (PNG)' }).click()]);
      const bytes = readFileSync(await download.path());
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }).toEqual({ width: 2 * (size.width + 32), height: 2 * (size.height + 32) });
      return download.suggestedFilename();
    };
    // Its charts drawn (a line needs two days of the month: on the 1st there is none, the chart is there all the same).
    await page.locator('.slide.current .c-rates .recharts-surface').first().waitFor();
    expect(await slideImage()).toBe(`Tổng-quan-${monthSoFar}.png`);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.slide.current').getAttribute('data-slide')).toBe('rankings:district');
    await page.locator('.slide.current .period-line').waitFor();
    expect(await page.locator('.slide.current .period-line').textContent()).toMatch(/^Kỳ báo cáo: 01\/\d{2}\/\d{4} – .* · Kỳ trước: /);
    for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown');
    await expect.poll(() => page.locator('.slide.current').getAttribute('data-slide')).toBe('unit:HN-HK');
    // Its comparison with the city comes after the unit's own figures.
    await page.locator('.slide.current table.compare').waitFor();
    expect(await slideImage()).toBe(`Quận-Hoàn-Kiếm-${monthSoFar}.png`);
    await page.keyboard.press('PageUp');
    await expect.poll(() => page.locator('.slide.current').getAttribute('data-slide')).toBe('procedures');
    // Arrow keys on the focused unit list only choose; the button adds.
    const slideCount = await page.locator('.slide').count();
    await page.getByRole('combobox', { name: 'Thêm đơn vị' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('.slide').count()).toBe(slideCount);
    await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await expect.poll(() => page.locator('.slide').count()).toBe(slideCount + 1);
    await page.close();
  });

  it('compares with the same period a year before when asked, and keeps that choice as the period changes', async () => {
    const page = await open('/present?period=month');
    await page.locator('.slide.current [data-kpi="received"]').waitFor();
    const line = page.locator('.slide.current .period-line');
    await expect.poll(() => line.textContent()).toMatch(/· Kỳ trước: 01\//);
    const [, month, year] = today.split('-');
    await page.locator('.present-bar').getByRole('combobox', { name: 'So với', exact: true }).selectOption({ label: 'Cùng kỳ năm trước' });
    await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('year');
    await expect.poll(() => line.textContent()).toMatch(new RegExp(`· Cùng kỳ năm trước: 01/${month}/${Number(year) - 1} – \\d{2}/${month}/${Number(year) - 1} \\d{2}:\\d{2}$`));
    // Nothing was received a year before in this data: each tile says so, rather than showing a change against nothing.
    const change = page.locator('.slide.current [data-kpi="received"] .kpi-change');
    await expect.poll(() => change.getAttribute('title')).toBe('so với cùng kỳ năm trước');
    expect(await change.innerText()).toMatch(/^chưa có/);
    await page.locator('.present-bar').getByRole('combobox', { name: 'Kỳ', exact: true }).selectOption({ label: 'Quý này' });
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('quarter');
    expect(new URL(page.url()).searchParams.get('compare')).toBe('year');
    await expect.poll(() => line.textContent()).toMatch(new RegExp(`· Cùng kỳ năm trước: \\d{2}/\\d{2}/${Number(year) - 1} – `));
    await page.locator('.present-bar').getByRole('combobox', { name: 'So với', exact: true }).selectOption({ label: 'Kỳ trước' });
    await expect.poll(() => new URL(page.url()).searchParams.has('compare')).toBe(false);
    await expect.poll(() => line.textContent()).toMatch(/· Kỳ trước: /);
    await page.close();
  });

  it('ranks against the same period a year before on the dashboard, and keeps that choice from page to page', async () => {
    const page = await open('/rankings?period=month&compare=year');
    await expect.poll(() => page.locator('.period-line').textContent()).toMatch(/· Cùng kỳ năm trước: 01\//);
    // No scores a year before in this data: no rank moves, and each row says why.
    const move = page.locator('table.ranking tbody tr').first().locator('.rank-change');
    expect(await move.getAttribute('title')).toBe('cùng kỳ năm trước chưa có điểm để so sánh');
    expect(await page.getByRole('combobox', { name: 'So với', exact: true }).inputValue()).toBe('yearAgo');
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('year');
    await expect.poll(() => page.locator('.period-line').textContent()).toMatch(/· Cùng kỳ năm trước: /);
    // A unit's page compares it with the city, not with another period: no such choice there.
    await page.goto(`${app.url}/unit/HN-HK?period=month&compare=year`);
    await page.locator('.unit-head').waitFor();
    expect(await page.getByRole('combobox', { name: 'So với', exact: true }).count()).toBe(0);
    await page.close();
  });

  it('keeps the presenter’s figures at the instant they were frozen, whatever period is read after it', async () => {
    const page = await open('/present?period=today');
    const received = page.locator('.slide.current [data-kpi="received"] .kpi-value');
    await received.waitFor();
    const frozen = asCount((await received.textContent()) ?? '');
    const unit = units.find((u) => u.kind === 'district');
    // Received after the instant the figures were frozen at (the page's load).
    await page.waitForTimeout(1000);
    const at = new Date().toISOString();
    const events = [1, 2].map((i) => ({
      id: `browser-frozen-${i}`, type: 'dossier.received', at, unitCode: unit?.code, dossierId: `browser-frozen-${i}`,
      procedureCode: 'TP-KS', channel: 'online', dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    }));
    expect((await app.post(events)).status).toBe(200);
    // Another period and back: both read after the events, both as at the frozen instant.
    const period = page.locator('.present-bar').getByRole('combobox', { name: 'Kỳ', exact: true });
    await period.selectOption('7d');
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('7d');
    await period.selectOption('today');
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('today');
    await page.waitForTimeout(1000);
    expect(asCount((await received.textContent()) ?? '')).toBe(frozen);
    // Taken again: the slide keeps its figures while the new ones are read (slowly, here), then shows them.
    await page.route('**/api/v1/snapshot?**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue().catch(() => undefined);
    });
    await page.getByRole('button', { name: 'Làm mới' }).click();
    await page.waitForTimeout(300);
    expect(asCount((await received.textContent({ timeout: 100 })) ?? '')).toBe(frozen);
    await expect.poll(async () => asCount((await received.textContent()) ?? '')).toBe(frozen + 2);
    await page.close();
  });

  it('names a unit of an old deck that the catalog no longer has, rather than offering to retry', async () => {
    const page = await open('/present?period=month&units=HN-GONE');
    await page.locator('.slide.current [data-kpi="received"]').waitFor();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.slide.current').getAttribute('data-slide')).toBe('unit:HN-GONE');
    await expect.poll(() => page.locator('.slide.current .empty').textContent()).toBe('Không tìm thấy đơn vị HN-GONE');
    expect(await page.locator('.slide.current').getByRole('button', { name: 'Thử lại' }).count()).toBe(0);
    await page.close();
  });

  it('gives each presenter slide the whole screen in full screen, every slide whole at 1920×1080, 1366×768 and 1024×768', async () => {
    const page = await open('/present?period=month&units=HN-HK');
    await page.locator('.slide.current [data-kpi="received"]').waitFor();
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    // The bar floats out of sight, the export buttons step aside, a unit takes its one-screen layout; the keys still step.
    await expect.poll(() => page.locator('.present-bar').evaluate((bar) => getComputedStyle(bar).opacity)).toBe('0');
    expect(await page.locator('.slide.current [data-no-export]').first().isVisible()).toBe(false);
    for (const slide of ['overview', 'rankings:district', 'rankings:department', 'procedures', 'unit:HN-HK']) {
      await expect.poll(() => page.locator('.slide.current').getAttribute('data-slide')).toBe(slide);
      await page.locator('.slide.current .period-line').waitFor();
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => document.documentElement.scrollHeight - innerHeight), slide).toBeLessThanOrEqual(0);
      await page.keyboard.press('ArrowRight');
    }
    expect(await page.locator('.slide.current .unit-display').count()).toBe(1);
    // Smaller projectors: at 1366×768 the overview's charts give way, and the 30 districts with every component of
    // their score (≈ 140 px too tall there at full size) shrink their text until the last row shows; at 1024×768
    // (4:3) the slides keep that layout, smaller.
    const lastRowShown = () => page.locator('.slide.current .slide-fit').evaluate((box) => {
      const rows = box.querySelectorAll('tbody tr');
      const last = rows[rows.length - 1]?.getBoundingClientRect();
      const bottom = Math.min(box.getBoundingClientRect().bottom, innerHeight);
      return { rows: rows.length, shown: last !== undefined && last.bottom <= bottom + 0.5 };
    });
    for (const viewport of [{ width: 1366, height: 768 }, { width: 1024, height: 768 }]) {
      await page.setViewportSize(viewport);
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
      for (const slide of ['overview', 'rankings:district', 'rankings:department', 'procedures', 'unit:HN-HK']) {
        await expect.poll(() => page.locator('.slide.current').getAttribute('data-slide')).toBe(slide);
        if (slide === 'rankings:district') {
          await expect.poll(lastRowShown).toEqual({ rows: units.filter((u) => u.kind === 'district').length, shown: true });
        }
        await expect.poll(() => page.evaluate(() => document.documentElement.scrollHeight - innerHeight), { message: `${slide} at ${viewport.width}×${viewport.height}` })
          .toBeLessThanOrEqual(0);
        await page.keyboard.press('ArrowRight');
      }
    }
    await page.setViewportSize(VIEWPORT);
    // Out of full screen, the unit's slide is its report page again, with its exports.
    await page.keyboard.press('f');
    await expect.poll(() => page.locator('.slide.current .unit-present').count()).toBe(1);
    expect(await page.locator('.slide.current [data-no-export]').first().isVisible()).toBe(true);
    await page.close();
  });

  it('draws each ranking’s trend line over the days before today, moves its last point with today’s score, and keeps it across the wall’s rotations', async () => {
    const unit = units.find((u) => u.kind === 'district')!;
    const timeZone = (await app.get('/api/v1/config') as { timeZone: string }).timeZone;
    const today: PeriodChoice = { type: 'named', period: 'today' };
    const days = earlierPeriods(today, periodRange(today, new Date(), timeZone), EARLIER_PERIODS, timeZone);
    const scores = await Promise.all(days.map(async (day) => {
      const snapshot = await app.get(`/api/v1/snapshot?${new URLSearchParams(rangeParams(day, timeZone))}`) as Snapshot;
      return snapshot.units.find((u) => u.code === unit.code)?.score ?? null;
    }));
    const earlier = scores.filter((score) => score !== null);
    expect(earlier.length).toBeGreaterThan(1);

    const page = await open('/display?views=rankings:district,overview&interval=5&period=today');
    const view = () => page.locator('.display').getAttribute('data-view');
    /** The scores the unit's trend line is drawn through, as its label reads them ("Xu hướng: 80,1 → 83,1"). */
    const line = () => page.evaluate((name) => {
      const row = [...document.querySelectorAll('table.ranking tbody tr')].find((r) => r.querySelector('.unit-name')?.textContent?.trim() === name);
      const label = row?.querySelector('svg.sparkline')?.getAttribute('aria-label') ?? '';
      return label.includes(': ') ? label.split(': ')[1]!.split(' → ').map((v) => Number(v.replace(',', '.'))) : [];
    }, unit.name);
    await expect.poll(view, { timeout: 15_000 }).toBe('rankings:district');
    await expect.poll(async () => (await line()).length, { timeout: 10_000 }).toBe(earlier.length + 1);
    const before = await line();
    expect(before.slice(0, -1)).toEqual(earlier.map((score) => Math.round(score * 10) / 10));

    // Dossiers of the unit resolved today, days late: today's score falls, the days before stay as they were.
    const day = 86_400_000;
    const late = [1, 2, 3, 4, 5].flatMap((i) => [
      { id: `trend-${i}`, type: 'dossier.received', at: new Date(Date.now() - 5 * day).toISOString(), unitCode: unit.code, dossierId: `trend-${i}`,
        procedureCode: 'TP-KS', channel: 'counter', dueAt: new Date(Date.now() - 3 * day).toISOString() },
      { id: `trend-${i}-x`, type: 'dossier.resolved', at: new Date(Date.now() - 60_000).toISOString(), unitCode: unit.code, dossierId: `trend-${i}`, outcome: 'approved' },
    ]);
    expect((await app.post(late)).status).toBe(200);
    await expect.poll(async () => (await line()).at(-1)!, { timeout: 10_000 }).toBeLessThan(before.at(-1)!);
    const moved = await line();
    expect(moved.slice(0, -1)).toEqual(before.slice(0, -1));

    // Round the playlist: the ranking is mounted afresh, its line drawn through the same days (polled over the next
    // turns: on a busy machine the first may pass before the page is asked; today's point follows the clock).
    await expect.poll(view, { timeout: 15_000 }).toBe('overview');
    await expect.poll(view, { timeout: 15_000 }).toBe('rankings:district');
    await expect.poll(async () => (await line()).slice(0, -1), { timeout: 15_000 }).toEqual(moved.slice(0, -1));
    await page.close();
  });

  describe('the city’s procedures that run late', () => {
    /** The twelve procedures of the catalog with the longest names, to be the wall's whole list. */
    const LONG_NAMED = ['YT-ATTP', 'DD-CN', 'TT-GPTTDT', 'MT-DTM', 'DN-THAY', 'YT-CCHN', 'LD-GPLD', 'TP-HTNN', 'LD-TCTN', 'DN-DT', 'XD-GPXDCT', 'TP-CT'];
    /** `n` dossiers of a procedure, received two hours ago and overdue since an hour ago. */
    const overdue = (procedureCode: string, n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({
      id: `${prefix}-${procedureCode}-${i}`, type: 'dossier.received', at: new Date(Date.now() - 2 * 3_600_000).toISOString(), unitCode: 'HN-HK',
      dossierId: `${prefix}-${procedureCode}-${i}`, procedureCode, channel: 'counter', dueAt: new Date(Date.now() - 3_600_000).toISOString(),
    }));
    /** The wall's rows: each procedure's code, then its cells as shown (no-break spaces as spaces). */
    const wallRows = (page: Page) => page.locator('.display-body table.procedure-table tbody tr').evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-procedure'), ...[...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.replace(/\u00a0/g, ' '))]));
    /** What the wall must show, from the server's own answer: the first twelve with a dossier late or overdue, and the count line. */
    const expected = async (period: string) => {
      const fmt = createFormatter('vi', ((await app.get('/api/v1/config')) as { timeZone: string }).timeZone);
      const { procedures } = (await app.get(`/api/v1/procedures/snapshot?period=${period}`)) as ProcedureSnapshot;
      const late = procedures.filter((p) => p.resolvedLate + p.overdue > 0);
      const rows = late.slice(0, 12).map((p) => [p.procedureCode, p.name ?? p.procedureCode, p.field ?? '–',
        fmt.count(p.received), fmt.count(p.resolvedLate), fmt.percent(p.onTimeRate, 1), fmt.count(p.overdue)].map((text) => text.replace(/\u00a0/g, ' ')));
      const count = `${fmt.count(procedures.length)} thủ tục có hồ sơ trong kỳ, trong đó ${fmt.count(late.length)} thủ tục có hồ sơ trễ hạn hoặc quá hạn.`;
      return { rows, count: late.length > 12 ? `${count} Bảng nêu 12 thủ tục có nhiều hồ sơ trễ hạn và quá hạn nhất.` : count };
    };
    /** Where the slide ends, and how many of the wall's rows end above it (a row below it is cut). */
    const rowsShown = (page: Page) => page.evaluate(() => {
      const end = Math.min(document.querySelector('.display-body')!.getBoundingClientRect().bottom, innerHeight);
      const rows = [...document.querySelectorAll('.display-body table.procedure-table tbody tr')].map((row) => row.getBoundingClientRect().bottom);
      return { rows: rows.length, whole: rows.filter((bottom) => bottom <= end + 0.5).length, scroll: document.documentElement.scrollHeight - innerHeight };
    });

    it('lists the most late and overdue first with their counts and how many run late, whole on every screen, read again every minute, stale when a read fails, with no console error', async () => {
      // Twelve procedures with long names ahead of the seeded ones: the list is full, and its names wrap.
      expect((await app.post(LONG_NAMED.flatMap((code) => overdue(code, 100, 'wall-procedures')))).status).toBe(200);
      const page = await browser.newPage({ viewport: VIEWPORT, locale: 'vi-VN' });
      const errors: string[] = [];
      page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
      page.on('pageerror', (error) => errors.push(error.message));
      let reads = 0;
      let refuse = false;
      await page.route('**/api/v1/procedures/snapshot?**', async (route) => {
        reads += 1;
        await (refuse ? route.abort('connectionrefused') : route.continue()).catch(() => undefined);
      });
      // The page's clock is the test's, to move a minute on at once. Socket.IO's client takes the server gone when a
      // ping is that late, and would reconnect (and so read again): the server is said to allow it ten minutes.
      await page.clock.install();
      await page.routeWebSocket(/\/socket\.io\//, (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((message) => server.send(message));
        server.onMessage((message) => ws.send(typeof message === 'string' && message.startsWith('0{') ? message.replace(/"pingTimeout":\d+/, '"pingTimeout":600000') : message));
      });
      await page.goto(`${app.url}/display?views=procedures&interval=3600&period=7d&token=${TEST_ADMIN_TOKEN}`);
      await expect.poll(() => page.locator('.display').getAttribute('data-view')).toBe('procedures');
      await page.locator('.display-body table.procedure-table tbody tr').first().waitFor();
      expect(await page.locator('.display-head h1').innerText()).toMatch(/^Thủ tục có hồ sơ trễ hạn, quá hạn · 7 ngày/);
      const before = await expected('7d');
      expect(before.rows).toHaveLength(12);
      expect(await wallRows(page)).toEqual(before.rows);
      expect(await page.getByTestId('procedures-count').textContent()).toBe(before.count);
      // No ▲▼ on this slide; the time of its figures, read, not pushed.
      expect(await page.getByTestId('wall-compare').count()).toBe(0);
      await expect.poll(() => page.getByTestId('updated').textContent()).toMatch(/^Cập nhật \d{2}:\d{2}:\d{2}$/);
      expect(await page.getByTestId('stale-banner').count()).toBe(0);
      await screenshot(page, 'display-procedures');

      // From a 4:3 projector to 4K, every row whole with no scrolling, the text shrunk where the names wrap.
      for (const viewport of [{ width: 1366, height: 768 }, { width: 1024, height: 768 }, { width: 2560, height: 1080 }, { width: 3840, height: 2160 }, VIEWPORT]) {
        await page.setViewportSize(viewport);
        const at = `${viewport.width}×${viewport.height}`;
        await expect.poll(() => rowsShown(page), { message: at }).toEqual({ rows: 12, whole: 12, scroll: 0 });
        expect(await offScreen(page), at).toEqual([]);
        if (viewport.width === 1024) await screenshot(page, 'display-procedures-1024');
      }

      // Not pushed: a new overdue dossier waits for the next read, a minute after the first.
      expect((await app.post(overdue('DD-CN', 200, 'wall-procedures-more'))).status).toBe(200);
      const after = await expected('7d');
      expect(after.rows[0]).toEqual(expect.arrayContaining(['DD-CN', '300']));
      await page.waitForTimeout(1000);
      expect(await wallRows(page)).toEqual(before.rows);
      expect(reads).toBe(1);
      await page.clock.fastForward(60_000);
      await expect.poll(() => wallRows(page)).toEqual(after.rows);
      expect(reads).toBe(2);
      expect(await page.getByTestId('stale-banner').count()).toBe(0);
      expect(errors).toEqual([]);

      // A read that fails while the live channel is up: the figures stay, and the banner says since when they are.
      refuse = true;
      await page.clock.fastForward(60_000);
      const banner = page.getByTestId('stale-banner');
      await expect.poll(() => banner.count()).toBe(1);
      expect(await banner.textContent()).toMatch(/^Chưa nhận được cập nhật từ \d{2}:\d{2}:\d{2} – số liệu có thể đã cũ\.$/);
      expect(await wallRows(page)).toEqual(after.rows);
      expect(reads).toBe(3);
      refuse = false;
      await page.clock.fastForward(60_000);
      await expect.poll(() => banner.count()).toBe(0);
      expect(reads).toBe(4);
      // Only the refused read's own error.
      expect(errors).toEqual([expect.stringContaining('net::ERR_CONNECTION_REFUSED')]);
      await page.close();
    });

    it('reads them again when they come back into rotation, showing the last figures while the read is in flight', async () => {
      const page = await open('/display?views=procedures,overview&interval=8&period=7d');
      const view = () => page.locator('.display').getAttribute('data-view');
      await expect.poll(view, { timeout: 15_000 }).toBe('procedures');
      const first = await expected('7d');
      await expect.poll(() => wallRows(page)).toEqual(first.rows);
      // Slowly answered from now on; and the figures change meanwhile.
      await page.route('**/api/v1/procedures/snapshot?**', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        await route.continue().catch(() => undefined);
      });
      expect((await app.post(overdue('TP-CT', 300, 'wall-procedures-rotation'))).status).toBe(200);
      const next = await expected('7d');
      expect(next.rows[0]![0]).toBe('TP-CT');
      await expect.poll(view, { timeout: 15_000 }).toBe('overview');
      await expect.poll(view, { timeout: 15_000 }).toBe('procedures');
      // Back on screen, the read in flight: the figures of its last turn, no loading screen, not marked stale.
      expect(await wallRows(page)).toEqual(first.rows);
      expect(await page.locator('.display-body').innerText()).not.toContain('Đang tải');
      expect(await page.getByTestId('stale-banner').count()).toBe(0);
      await expect.poll(() => wallRows(page), { timeout: 6_000 }).toEqual(next.rows);
      expect(await page.getByTestId('procedures-count').textContent()).toBe(next.count);
      await page.close();
    });
  });

  it('shows one procedure across the units, where it runs late first, whole from a 4:3 projector to 4K, and names a code the catalog does not have while the rotation goes on', async () => {
    // Land transfers overdue in fourteen units (Hoàn Kiếm has its own from the tests above), the longest names first:
    // more than the twelve listed.
    const others = units.filter((u) => u.kind !== 'commune' && u.code !== 'HN-HK').sort((a, b) => b.name.length - a.name.length).slice(0, 14);
    const events = others.flatMap((u, i) => Array.from({ length: 14 - i }, (_, n) => ({
      id: `wall-procedure-${u.code}-${n}`, type: 'dossier.received', at: new Date(Date.now() - 2 * 3_600_000).toISOString(), unitCode: u.code,
      dossierId: `wall-procedure-${u.code}-${n}`, procedureCode: 'DD-CN', channel: 'counter', dueAt: new Date(Date.now() - 3_600_000).toISOString(),
    })));
    expect((await app.post(events)).status).toBe(200);
    const fmt = createFormatter('vi', ((await app.get('/api/v1/config')) as { timeZone: string }).timeZone);
    const api = (await app.get('/api/v1/procedures/DD-CN/snapshot?period=7d')) as ProcedureUnitsSnapshot;
    expect(api.units.length).toBeGreaterThanOrEqual(14);
    const plain = (text: string) => text.replace(/\u00a0/g, ' ');

    const page = await browser.newPage({ viewport: VIEWPORT, locale: 'vi-VN' });
    const errors: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.url}/display?views=procedure:DD-CN&interval=3600&period=7d&token=${TEST_ADMIN_TOKEN}`);
    await expect.poll(() => page.locator('.display').getAttribute('data-view')).toBe('procedure:DD-CN');
    const rows = page.locator('.display-body table.procedure-units-table tbody tr');
    await rows.first().waitFor();
    expect(await page.locator('.display-head h1').innerText()).toMatch(/^Thủ tục · 7 ngày/);
    await page.getByRole('heading', { level: 1, name: 'Đăng ký biến động, chuyển nhượng quyền sử dụng đất' }).waitFor();
    expect(await page.locator('.procedure-head p').textContent()).toBe('DD-CN · Lĩnh vực: Đất đai');
    // Its totals, then the first twelve units as the server orders them: unit, received, late, on time, overdue now.
    const total = api.procedure;
    expect((await page.locator('.display-body .kpi-value').allTextContents()).map(plain)).toEqual([
      fmt.count(total.received), fmt.count(total.resolved), fmt.count(total.resolvedLate), fmt.percent(total.onTimeRate, 1), fmt.count(total.pending), fmt.count(total.overdue),
    ].map(plain));
    const wallRows = () => rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-unit'), ...[...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.replace(/\u00a0/g, ' '))]));
    expect(await wallRows()).toEqual(api.units.slice(0, 12).map((u) => [u.code, u.name, fmt.count(u.received), fmt.count(u.resolvedLate), fmt.percent(u.onTimeRate, 1), fmt.count(u.overdue)].map(plain)));
    expect(await page.getByTestId('procedure-units-count').textContent())
      .toBe(`Bảng nêu 12/${api.units.length} đơn vị có hồ sơ của thủ tục: những đơn vị có nhiều hồ sơ trễ hạn và quá hạn nhất.`);
    await expect.poll(() => page.getByTestId('updated').textContent()).toMatch(/^Cập nhật \d{2}:\d{2}:\d{2}$/);
    expect(await page.getByTestId('stale-banner').count()).toBe(0);
    await screenshot(page, 'display-procedure');

    /** Where the slide ends, and how many of its rows end above it (a row below it is cut). */
    const rowsShown = () => page.evaluate(() => {
      const end = Math.min(document.querySelector('.display-body')!.getBoundingClientRect().bottom, innerHeight);
      const bottoms = [...document.querySelectorAll('.display-body table.procedure-units-table tbody tr')].map((row) => row.getBoundingClientRect().bottom);
      return { rows: bottoms.length, whole: bottoms.filter((bottom) => bottom <= end + 0.5).length, scroll: document.documentElement.scrollHeight - innerHeight };
    });
    for (const viewport of [{ width: 1024, height: 768 }, { width: 1366, height: 768 }, { width: 3840, height: 2160 }, VIEWPORT]) {
      await page.setViewportSize(viewport);
      const at = `${viewport.width}×${viewport.height}`;
      await expect.poll(rowsShown, { message: at }).toEqual({ rows: 12, whole: 12, scroll: 0 });
      expect(await offScreen(page), at).toEqual([]);
      if (viewport.width === 1024) await screenshot(page, 'display-procedure-1024');
    }
    expect(errors).toEqual([]);
    await page.close();

    // A code the catalog does not have: said in a sentence, not stale, and the next view comes on.
    const unknown = await open('/display?views=procedure:NO-SUCH,overview&interval=5&period=7d');
    const view = () => unknown.locator('.display').getAttribute('data-view');
    await expect.poll(view).toBe('procedure:NO-SUCH');
    await unknown.getByText('Không có thủ tục nào mang mã NO-SUCH trong danh mục').waitFor();
    expect(await unknown.getByTestId('stale-banner').count()).toBe(0);
    await expect.poll(view, { timeout: 9_000 }).toBe('overview');
    await unknown.locator('[data-kpi="received"]').waitFor();
    await unknown.close();
  });

  it('says while the simulator back-fills that earlier figures are incomplete, keeps the ticker quiet meanwhile, tells the presenter to refresh, and clears when done', async () => {
    backfill = { days: 92, daysDone: 5, addingHistory: true, doneAt: null };
    try {
      const page = await open('/display?views=overview&interval=3600&period=today');
      const banner = page.getByTestId('backfill-banner');
      await expect.poll(() => banner.textContent(), { timeout: 15_000 }).toContain('(5/92 ngày)');
      await expect.poll(async () => (await page.getByTestId('updated').textContent()) ?? '', { timeout: 15_000 }).toMatch(/Cập nhật/);
      // The slide ends above the banner, as above the stale one.
      const [body, bar] = await Promise.all([page.locator('.display-body').boundingBox(), banner.boundingBox()]);
      expect(body!.y + body!.height).toBeLessThanOrEqual(bar!.y);
      await screenshot(page, 'display-backfill');

      const unit = units.find((u) => u.kind === 'district');
      // Received a minute ago (today, so the tile moves), due half a minute ago (overdue at once).
      const late = (id: string) => ({ id, type: 'dossier.received', at: new Date(Date.now() - 60_000).toISOString(), unitCode: unit?.code,
        dossierId: id, procedureCode: 'TP-KS', channel: 'counter', dueAt: new Date(Date.now() - 30_000).toISOString() });
      const ticker = page.locator('.ticker li');
      const before = asCount((await receivedTile(page).textContent()) ?? '');
      expect((await app.post([late('browser-backfill-1')])).status).toBe(200);
      // The update arrived, the overdue count rose, and the ticker calls none of the history arriving news.
      await expect.poll(async () => asCount((await receivedTile(page).textContent()) ?? ''), { timeout: 10_000 }).toBe(before + 1);
      expect(await ticker.count()).toBe(0);

      backfill = { ...backfill, daysDone: 40 };
      await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain('(40/92 ngày)');
      // The presenter freezes figures: while the history arrives it says so, and after, that these were frozen too early.
      const present = await open('/present?period=month');
      const note = present.getByTestId('backfill-note');
      await expect.poll(() => note.textContent(), { timeout: 15_000 }).toMatch(/\(40\/92 ngày\).*Bấm Làm mới khi nạp xong/);
      backfill = { ...backfill, daysDone: 92, doneAt: new Date().toISOString() };
      await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0);
      expect((await app.post([late('browser-backfill-2')])).status).toBe(200);
      await expect.poll(() => ticker.allTextContents(), { timeout: 10_000 }).toContainEqual(expect.stringContaining(`${unit?.name}: quá hạn tăng`));
      await expect.poll(() => note.textContent(), { timeout: 10_000 }).toContain('trước khi dữ liệu mô phỏng nạp xong');
      await present.getByRole('button', { name: 'Làm mới' }).click();
      await expect.poll(() => note.count(), { timeout: 5_000 }).toBe(0);
      await present.close();
      await page.close();
    } finally {
      backfill = null;
    }
  });

  it('shows the stale banner while the server is away, hiding no ranking row, and clears it when it is back', async () => {
    const page = await open('/display?views=rankings:district&interval=3600&period=today');
    // The departments' long names wrap on a smaller screen: their text shrinks until every row shows whole.
    const small = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    await small.goto(`${app.url}/display?views=rankings:department&interval=3600&period=today&token=${TEST_ADMIN_TOKEN}`);
    const departments = units.filter((u) => u.kind === 'department').length;
    /** Where the slide ends, and where its lowest ranking row does. */
    const fit = (p: Page) => p.evaluate(() => {
      const rows = [...document.querySelectorAll('table.ranking tbody tr')].map((tr) => tr.getBoundingClientRect().bottom);
      return { rows: rows.length, lowest: Math.max(...rows), end: document.querySelector('.display-body')!.getBoundingClientRect().bottom };
    });
    const banner = page.getByTestId('stale-banner');
    await expect.poll(async () => (await page.getByTestId('updated').textContent()) ?? '', { timeout: 15_000 }).toMatch(/Cập nhật/);
    await expect.poll(async () => (await fit(small)).rows, { timeout: 15_000 }).toBe(Math.min(30, departments));
    expect(await banner.count()).toBe(0);
    const port = app.port;
    await app.close();
    await expect.poll(() => banner.count(), { timeout: 15_000 }).toBe(1);
    expect(await banner.textContent()).toContain('Mất kết nối');
    // The banner covers nothing: the slide ends above it, and so does every row.
    const [body, bar] = await Promise.all([page.locator('.display-body').boundingBox(), banner.boundingBox()]);
    expect(body!.y + body!.height).toBeLessThanOrEqual(bar!.y);
    expect(await fit(page)).toMatchObject({ rows: 30, lowest: expect.toSatisfy((y: number) => y <= body!.y + body!.height) });
    await small.getByTestId('stale-banner').waitFor({ timeout: 15_000 });
    await expect.poll(async () => { const f = await fit(small); return f.lowest <= f.end + 0.5; }, { timeout: 5_000 }).toBe(true);
    await screenshot(page, 'display-stale');
    await screenshot(small, 'display-stale-departments-1366');
    app = await startTestApp({ config: testConfig({ port }) });
    await expect.poll(() => banner.count(), { timeout: 45_000 }).toBe(0);
    await small.close();
    await page.close();
  }, 90_000);
});
