/**
 * The city's procedures page in a real browser: reached from the top navigation with the period kept, the most
 * late and overdue procedures first with their figures, sorted by a clicked column, found by name or code, narrowed
 * to one field and exported as shown; one procedure's units, opened from its name, where it runs late first; and the
 * presenter's slide of those running late, frozen until taken again; with no error in the browser's console.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/app.js';
import { ensureClientBuilt, hasChromium, launchBrowser, screenshot } from './browser.js';

const VIEWPORT = { width: 1920, height: 1080 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.skipIf(!hasChromium)('procedures page in a browser', { timeout: 60_000 }, () => {
  let app: TestApp;
  let browser: Browser;
  /** Errors the browser reported (console errors, uncaught exceptions), on any page of this file. */
  const browserErrors: string[] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    app = await startTestApp();
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const received = (dossierId: string, procedureCode: string, at: number, dueAt: number, unitCode = 'HN-HK') => ({
      id: `${dossierId}-r`, type: 'dossier.received', at: iso(at), unitCode, dossierId, procedureCode, channel: 'counter', dueAt: iso(dueAt),
    });
    const resolved = (dossierId: string, at: number, unitCode = 'HN-HK') => ({ id: `${dossierId}-x`, type: 'dossier.resolved', at: iso(at), unitCode, dossierId, outcome: 'approved' });
    const posted = await app.post([
      // A land-use certificate resolved a day late, and another past its due date and still in progress.
      received('LAND-1', 'DD-GCN', now - 3 * DAY, now - 2 * DAY), resolved('LAND-1', now - DAY),
      received('LAND-2', 'DD-GCN', now - 2 * DAY, now - DAY),
      // Birth registrations: one resolved before its due date, two in progress within theirs.
      received('BIRTH-1', 'TP-KS', now - 2 * DAY, now + DAY), resolved('BIRTH-1', now - DAY),
      received('BIRTH-2', 'TP-KS', now - HOUR, now + 3 * DAY),
      received('BIRTH-3', 'TP-KS', now - HOUR, now + 3 * DAY),
      // Land-use certificates at the department too, resolved 15 and 17 days ago (in 30 days, not in 7): one late, one on time.
      received('STNMT-1', 'DD-GCN', now - 20 * DAY, now - 18 * DAY, 'HN-STNMT'), resolved('STNMT-1', now - 15 * DAY, 'HN-STNMT'),
      received('STNMT-2', 'DD-GCN', now - 20 * DAY, now - 15 * DAY, 'HN-STNMT'), resolved('STNMT-2', now - 17 * DAY, 'HN-STNMT'),
    ]);
    expect(posted.status).toBe(200);
    expect(posted.body.rejected).toEqual([]);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** `reads`: the paths and queries of the procedure's snapshots the page asks the API for, from its first. */
  async function open(path: string, reads?: { code: string; paths: string[] }): Promise<Page> {
    const page = await browser.newPage({ viewport: VIEWPORT, locale: 'vi-VN', acceptDownloads: true });
    if (reads) {
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname === `/api/v1/procedures/${reads.code}/snapshot`) reads.paths.push(url.pathname + url.search);
      });
    }
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(`${path}: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => browserErrors.push(`${path}: ${error.message}`));
    await page.goto(`${app.url}${path}${path.includes('?') ? '&' : '?'}token=${TEST_ADMIN_TOKEN}`);
    return page;
  }

  /**
   * Clicks a column's heading twice: the rows come in `first` order (the heading marked `direction`), then the other
   * way round. Answers the heading.
   */
  async function sortTwice(table: Locator, heading: string, order: () => Promise<(string | null)[]>, first: string[], direction: 'ascending' | 'descending') {
    const th = table.locator('thead th').filter({ hasText: heading });
    await th.getByRole('button').click();
    await expect.poll(order).toEqual(first);
    expect(await th.getAttribute('aria-sort')).toBe(direction);
    await th.getByRole('button').click();
    await expect.poll(order).toEqual([...first].reverse());
    expect(await th.getAttribute('aria-sort')).toBe(direction === 'ascending' ? 'descending' : 'ascending');
    return th;
  }

  /**
   * In full screen a slide's twelve rows all show, with no scrolling, at 1920×1080, 1366×768 and 1024×768 (`also`
   * checks more at each); the 1024 picture saved as `shot`. Leaves full screen.
   */
  async function everyRowInFullScreen(page: Page, slide: Locator, shot: string, also?: (at: string) => Promise<void>) {
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    const lastRowShown = () => slide.locator('.slide-fit').evaluate((box) => {
      const rows = box.querySelectorAll('tbody tr');
      const last = rows[rows.length - 1]?.getBoundingClientRect();
      const bottom = Math.min(box.getBoundingClientRect().bottom, innerHeight);
      return { rows: rows.length, shown: last !== undefined && last.bottom <= bottom + 0.5 };
    });
    for (const viewport of [VIEWPORT, { width: 1366, height: 768 }, { width: 1024, height: 768 }]) {
      await page.setViewportSize(viewport);
      const at = `${viewport.width}×${viewport.height}`;
      await expect.poll(lastRowShown, { message: at }).toEqual({ rows: 12, shown: true });
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollHeight - innerHeight), { message: at }).toBeLessThanOrEqual(0);
      await also?.(at);
      if (viewport.width === 1024) await screenshot(page, shot);
    }
    await page.keyboard.press('f');
  }

  /** Figures as the pages write them: counts as they are, the rate in percent with one decimal and a comma. */
  const shown = (f: { received: number; resolved: number; resolvedLate: number; onTimeRate: number | null; pending: number; overdue: number }) => [
    String(f.received), String(f.resolved), String(f.resolvedLate),
    f.onTimeRate === null ? '–' : `${(f.onTimeRate * 100).toFixed(1).replace('.', ',')} %`, String(f.pending), String(f.overdue),
  ];
  /** A local date (Hà Nội's) `daysAgo` days before today, as yyyy-MM-dd. */
  const localDate = (daysAgo: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() - daysAgo * DAY));
  /** The same as the pages write it, dd/MM/yyyy. */
  const shownDate = (daysAgo: number) => localDate(daysAgo).split('-').reverse().join('/');
  /**
   * Fourteen days to today: Hoàn Kiếm's land-use certificates (3 and 2 days ago) in it, the department's (20 to 15 days
   * ago) in the fourteen before, which it is compared with.
   */
  const fortnight = `from=${localDate(13)}&to=${localDate(0)}`;
  type Totals = { received: number; resolved: number; resolvedLate: number; onTimeRate: number | null; pending: number; overdue: number };
  const TILE_KEYS = ['received', 'resolved', 'resolvedLate', 'onTimeRate', 'pending', 'overdue'] as const;
  /**
   * Each tile's change as the overview writes it, from two answers of the API: an arrow, the signed difference (points
   * for the rate, one decimal), and its colour: down is good news for late and overdue, pending is neither.
   */
  const changes = (now: Totals, before: Totals) => TILE_KEYS.map((key) => {
    const [a, b] = [now[key], before[key]];
    if (a === null || b === null) return { key, text: 'chưa có so với kỳ trước', trend: 'none' };
    const percent = key === 'onTimeRate';
    const change = percent ? Math.round((a - b) * 1000) / 10 : a - b;
    const digits = (Math.abs(change)).toFixed(percent ? 1 : 0).replace('.', ',');
    const signed = change > 0 ? `+${digits}` : change < 0 ? `−${digits}` : digits;
    const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '■';
    const better = key === 'pending' ? null : key === 'resolvedLate' || key === 'overdue' ? change < 0 : change > 0;
    const trend = change === 0 ? 'same' : better === null ? 'neutral' : better ? 'better' : 'worse';
    return { key, text: `${arrow} ${signed}${percent ? ' điểm %' : ''} so với kỳ trước`, trend };
  });
  /** The changes shown on the city's totals' tiles, on a page or a slide. */
  const shownChanges = (scope: Page | Locator) => scope.getByRole('region', { name: 'Toàn thành phố' }).locator('.kpi').evaluateAll((tiles) =>
    tiles.map((tile) => {
      const change = tile.querySelector('.kpi-change');
      return {
        key: tile.getAttribute('data-kpi'),
        text: (change?.textContent ?? '').replace(/\u00a0/g, ' '),
        trend: [...(change?.classList ?? [])].find((c) => c.startsWith('trend-'))?.slice('trend-'.length),
      };
    }));
  /** The read of the figures and the read of the period compared with, by where each begins. */
  const readFrom = (paths: string[], daysAgo: number) => paths.find((path) => new URL(path, app.url).searchParams.get('from') === `${localDate(daysAgo)}T00:00:00+07:00`);
  const table = (page: Page) => page.locator('table.procedure-table');
  /** The procedures' codes, top to bottom. */
  const order = (page: Page) => table(page).locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-procedure')));
  /** A row's cells after the procedure's name, as shown (no-break spaces as spaces). */
  const cells = async (page: Page, code: string) =>
    (await table(page).locator(`tr[data-procedure="${code}"] td`).allTextContents()).map((text) => text.replace(/\u00a0/g, ' '));

  it('is in the top navigation with the period kept, and lists the most late and overdue procedures first', async () => {
    const page = await open('/rankings?period=7d');
    await page.getByRole('navigation').getByRole('link', { name: 'Thủ tục', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe('/procedures?period=7d');
    await table(page).waitFor();
    expect(await page.getByRole('link', { name: 'Thủ tục', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(await page.locator('.period-line').textContent()).toMatch(/^Kỳ báo cáo: \d{2}\/\d{2}\/\d{4} – \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    expect(await order(page)).toEqual(['DD-GCN', 'TP-KS']);
    const land = table(page).locator('tr[data-procedure="DD-GCN"] th');
    // The code under the name.
    expect(await land.innerText()).toBe('Cấp Giấy chứng nhận quyền sử dụng đất lần đầu\nDD-GCN');
    // field, received, resolved, late, on time, pending, overdue now
    expect(await cells(page, 'DD-GCN')).toEqual(['Đất đai', '2', '1', '1', '0,0 %', '1', '1']);
    expect(await cells(page, 'TP-KS')).toEqual(['Hộ tịch', '3', '1', '0', '100,0 %', '2', '0']);
    expect(await page.getByRole('status').filter({ hasText: 'thủ tục' }).textContent()).toBe('2/2 thủ tục');
    expect(await page.getByText('Thủ tục có nhiều hồ sơ trễ hạn và quá hạn nhất xếp trước').count()).toBe(1);
    await screenshot(page, 'procedures');
    await page.close();
    expect(browserErrors).toEqual([]);
  });

  it('sorts by a clicked column, the other way on a second click, and back to the late and overdue first', async () => {
    const page = await open('/procedures?period=7d');
    await table(page).waitFor();
    const received = await sortTwice(table(page), 'Tiếp nhận', () => order(page), ['TP-KS', 'DD-GCN'], 'descending');
    // The on-time rate first sorts worst first; a second click puts the best first.
    await sortTwice(table(page), 'Đúng hạn', () => order(page), ['DD-GCN', 'TP-KS'], 'ascending');
    expect(await received.getAttribute('aria-sort')).toBe('none');

    await page.getByRole('button', { name: 'Xếp lại: nhiều hồ sơ trễ hạn và quá hạn nhất trước' }).click();
    await expect.poll(() => order(page)).toEqual(['DD-GCN', 'TP-KS']);
    await page.getByText('Thủ tục có nhiều hồ sơ trễ hạn và quá hạn nhất xếp trước').waitFor();
    await page.close();
    expect(browserErrors).toEqual([]);
  });

  it('finds procedures by name or code, narrows them to one field, and exports the rows shown', async () => {
    const page = await open('/procedures?period=7d');
    await table(page).waitFor();
    const search = page.getByRole('searchbox', { name: 'Tìm theo tên, mã hoặc lĩnh vực' });
    await search.fill('đất');
    await expect.poll(() => order(page)).toEqual(['DD-GCN']);
    expect(await page.getByText('1/2 thủ tục').count()).toBe(1);
    await search.fill('tp-ks');
    await expect.poll(() => order(page)).toEqual(['TP-KS']);
    await search.fill('');
    await expect.poll(() => order(page)).toEqual(['DD-GCN', 'TP-KS']);

    const field = page.getByRole('combobox', { name: 'Lĩnh vực' });
    expect(await field.locator('option').allTextContents()).toEqual(['Tất cả lĩnh vực', 'Đất đai', 'Hộ tịch']);
    await field.selectOption({ label: 'Hộ tịch' });
    await expect.poll(() => order(page)).toEqual(['TP-KS']);
    await search.fill('đất');
    await page.getByText('Không có thủ tục nào khớp với điều kiện lọc').waitFor();
    await search.fill('');
    await expect.poll(() => order(page)).toEqual(['TP-KS']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Thủ-tục-hành-chính-toàn-thành-phố–Hộ-tịch-\d{2}-\d{2}-\d{4}–\d{2}-\d{2}-\d{4}\.csv$/);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.replace(/^\ufeff/, '').trim().split('\r\n')).toEqual([
      'Thủ tục,Mã thủ tục,Lĩnh vực,Tiếp nhận,Đã giải quyết,Trễ hạn,Đúng hạn (%),Đang xử lý,Quá hạn',
      'Đăng ký khai sinh,TP-KS,Hộ tịch,3,1,0,100,2,0',
    ]);
    await page.close();
    expect(browserErrors).toEqual([]);
  });

  it('says so when no procedure had a dossier in the period', async () => {
    const page = await open('/procedures?from=2020-01-01&to=2020-01-31');
    await page.getByText('Chưa có dữ liệu cho kỳ này').waitFor();
    expect(await table(page).count()).toBe(0);
    await page.close();
    expect(browserErrors).toEqual([]);
  });

  describe('one procedure’s units', () => {
    const units = (page: Page) => page.locator('table.procedure-units-table');
    /** The units' codes, top to bottom. */
    const unitOrder = (page: Page) => units(page).locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-unit')));
    const unitCells = async (page: Page, code: string) =>
      (await units(page).locator(`tr[data-unit="${code}"] td`).allTextContents()).map((text) => text.replace(/\u00a0/g, ' '));

    it('opens from the procedure’s name with the period kept: the city’s totals, then the units where it runs late first, as the API counts them', async () => {
      const api = await app.get('/api/v1/procedures/DD-GCN/snapshot?period=30d');
      // Hoàn Kiếm: one resolved late and one overdue now; the department: one late and one on time, 15 and 17 days ago.
      expect(api.units.map((u: { code: string; kind: string }) => [u.code, u.kind])).toEqual([['HN-HK', 'district'], ['HN-STNMT', 'department']]);
      const [hk, stnmt] = api.units;
      expect(shown(hk)).toEqual(['2', '1', '1', '0,0 %', '1', '1']);
      expect(shown(stnmt)).toEqual(['2', '2', '1', '50,0 %', '0', '0']);
      expect(shown(api.procedure)).toEqual(['4', '3', '2', '33,3 %', '1', '1']);

      const page = await open('/procedures?period=30d');
      await table(page).waitFor();
      await table(page).getByRole('link', { name: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu' }).click();
      await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe('/procedures/DD-GCN?period=30d');
      await units(page).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu' }).waitFor();
      expect(await page.locator('.procedure-head p').textContent()).toBe('DD-GCN · Lĩnh vực: Đất đai');
      // Compared with the period before, as the overview is.
      expect(await page.locator('.period-line').textContent())
        .toMatch(/^Kỳ báo cáo: \d{2}\/\d{2}\/\d{4} – \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · Kỳ trước: \d{2}\/\d{2}\/\d{4} – \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

      // The city's totals: received, resolved, late, on time, pending, overdue now.
      const tiles = page.getByRole('region', { name: 'Toàn thành phố' }).locator('.kpi-value');
      expect((await tiles.allTextContents()).map((text) => text.replace(/\u00a0/g, ' '))).toEqual(shown(api.procedure));

      expect(await unitOrder(page)).toEqual(['HN-HK', 'HN-STNMT']);
      expect(await units(page).locator('tbody th').allTextContents()).toEqual(['Quận Hoàn Kiếm', 'Sở Tài nguyên và Môi trường']);
      expect(await unitCells(page, 'HN-HK')).toEqual(['Quận, huyện, thị xã', ...shown(hk)]);
      expect(await unitCells(page, 'HN-STNMT')).toEqual(['Sở, ban, ngành', ...shown(stnmt)]);
      expect(await page.getByRole('status').filter({ hasText: 'đơn vị' }).textContent()).toBe('2 đơn vị có hồ sơ của thủ tục');
      expect(await page.getByText('Đơn vị có nhiều hồ sơ trễ hạn và quá hạn nhất xếp trước').count()).toBe(1);
      await screenshot(page, 'procedure-units');

      // The back link keeps the period.
      expect(await page.getByRole('link', { name: '← Về danh sách thủ tục' }).getAttribute('href')).toBe('/procedures?period=30d');
      await page.close();
      expect(browserErrors).toEqual([]);
    });

    it('shows each city total’s change against the period before as the API counts both, a year before when asked, kept in the address and the links', async () => {
      const reads = { code: 'DD-GCN', paths: [] as string[] };
      const page = await open(`/procedures/DD-GCN?${fortnight}`, reads);
      await units(page).waitFor();
      // Compared with the fourteen days before, up to the same point of time (to the 5 minutes: the overview's).
      await expect.poll(() => page.locator('.period-line').textContent())
        .toMatch(new RegExp(`^Kỳ báo cáo: ${shownDate(13)} – ${shownDate(0)} \\d{2}:\\d{2} · Kỳ trước: ${shownDate(27)} – ${shownDate(14)} \\d{2}:\\d{2}$`));
      await expect.poll(() => readFrom(reads.paths, 27)).toBeDefined();
      const current = await app.get(readFrom(reads.paths, 13) ?? '');
      const previous = await app.get(readFrom(reads.paths, 27) ?? '');
      // Hoàn Kiếm's two against the department's two: not a comparison with nothing.
      expect(shown(current.procedure)).toEqual(['2', '1', '1', '0,0 %', '1', '1']);
      expect(shown(previous.procedure)).toEqual(['2', '2', '1', '50,0 %', '0', '0']);
      const expected = changes(current.procedure, previous.procedure);
      expect(expected.map((c) => c.text)).toEqual([
        '■ 0 so với kỳ trước', '▼ −1 so với kỳ trước', '■ 0 so với kỳ trước', '▼ −50,0 điểm % so với kỳ trước', '▲ +1 so với kỳ trước', '▲ +1 so với kỳ trước',
      ]);
      await expect.poll(() => shownChanges(page)).toEqual(expected);
      expect(expected.map((c) => c.trend)).toEqual(['same', 'worse', 'same', 'worse', 'neutral', 'worse']);
      // Late and overdue in the warning colour, as the page had them.
      expect(await page.locator('[data-kpi="overdue"] .kpi-value').getAttribute('class')).toContain('warn');
      expect(await page.locator('[data-kpi="overdue"]').getAttribute('title')).toBe('Hồ sơ đang xử lý đã quá ngày hẹn trả');
      await screenshot(page, 'procedure-units-compared');

      // A year before: in the address, the period line and each tile; nothing then in this data, as the overview says it.
      const versus = page.getByRole('combobox', { name: 'So với', exact: true });
      expect(await versus.inputValue()).toBe('previous');
      await versus.selectOption({ label: 'Cùng kỳ năm trước' });
      await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('year');
      expect(new URL(page.url()).pathname).toBe('/procedures/DD-GCN');
      expect([new URL(page.url()).searchParams.get('from'), new URL(page.url()).searchParams.get('to')]).toEqual([localDate(13), localDate(0)]);
      const yearAgo = (daysAgo: number) => { const [y, m, d] = localDate(daysAgo).split('-'); return `${d}/${m}/${Number(y) - 1}`; };
      await expect.poll(() => page.locator('.period-line').textContent()).toMatch(new RegExp(` · Cùng kỳ năm trước: ${yearAgo(13)} – ${yearAgo(0)} \\d{2}:\\d{2}$`));
      await expect.poll(async () => (await shownChanges(page)).map((c) => [c.text, c.trend]))
        .toEqual(TILE_KEYS.map(() => ['chưa có so với cùng kỳ năm trước', 'none']));

      // Kept by the links: back to the procedures, a unit's page, the navigation; and from the procedures back here.
      const query = (href: string | null) => Object.fromEntries(new URL(href ?? '', app.url).searchParams);
      const kept = { from: localDate(13), to: localDate(0), compare: 'year' };
      expect(query(await units(page).getByRole('link', { name: 'Quận Hoàn Kiếm' }).getAttribute('href'))).toEqual(kept);
      expect(query(await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan', exact: true }).getAttribute('href'))).toEqual(kept);
      await page.getByRole('link', { name: '← Về danh sách thủ tục' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/procedures');
      expect(query(page.url())).toMatchObject(kept);
      await table(page).getByRole('link', { name: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/procedures/DD-GCN');
      expect(query(page.url())).toMatchObject(kept);
      await units(page).waitFor();
      expect(await page.getByRole('combobox', { name: 'So với', exact: true }).inputValue()).toBe('yearAgo');
      await expect.poll(() => page.locator('.period-line').textContent()).toMatch(/ · Cùng kỳ năm trước: /);
      await page.close();
      expect(browserErrors).toEqual([]);
    });

    it('sorts by a clicked column, exports the rows as shown, and opens a unit’s page with the period kept', async () => {
      const page = await open('/procedures/DD-GCN?period=30d');
      await units(page).waitFor();
      await sortTwice(units(page), 'Đã giải quyết', () => unitOrder(page), ['HN-STNMT', 'HN-HK'], 'descending');
      // The on-time rate first sorts worst first; a second click puts the best first.
      await sortTwice(units(page), 'Đúng hạn', () => unitOrder(page), ['HN-HK', 'HN-STNMT'], 'ascending');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^Các-đơn-vị-giải-quyết-thủ-tục–DD-GCN-\d{2}-\d{2}-\d{4}–\d{2}-\d{2}-\d{4}\.csv$/);
      expect(readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n')).toEqual([
        'Đơn vị,Mã đơn vị,Loại đơn vị,Tiếp nhận,Đã giải quyết,Trễ hạn,Đúng hạn (%),Đang xử lý,Quá hạn',
        'Sở Tài nguyên và Môi trường,HN-STNMT,"Sở, ban, ngành",2,2,1,50,0,0',
        'Quận Hoàn Kiếm,HN-HK,"Quận, huyện, thị xã",2,1,1,0,1,1',
      ]);

      await page.getByRole('button', { name: 'Xếp lại: nhiều hồ sơ trễ hạn và quá hạn nhất trước' }).click();
      await expect.poll(() => unitOrder(page)).toEqual(['HN-HK', 'HN-STNMT']);

      await units(page).getByRole('link', { name: 'Sở Tài nguyên và Môi trường' }).click();
      await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe('/unit/HN-STNMT?period=30d');
      await page.getByRole('heading', { level: 1, name: 'Sở Tài nguyên và Môi trường' }).waitFor();
      await page.close();
      expect(browserErrors).toEqual([]);
    });

    it('reads in English', async () => {
      const page = await open('/procedures/DD-GCN?period=30d');
      await units(page).waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Units handling the procedure' }).waitFor();
      expect(await unitCells(page, 'HN-STNMT').then((cells) => cells[0])).toBe('Department');
      expect(await page.getByRole('link', { name: '← Back to procedures' }).count()).toBe(1);
      await page.close();
      expect(browserErrors).toEqual([]);
    });

    it('opens from a unit’s late procedures with the period kept, under the procedures’ place in the navigation', async () => {
      const page = await open('/unit/HN-HK?period=30d');
      await page.getByRole('region', { name: 'Thủ tục có nhiều hồ sơ trễ hạn nhất' })
        .getByRole('link', { name: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu' }).click();
      await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe('/procedures/DD-GCN?period=30d');
      await units(page).waitFor();
      expect(await page.locator('.topbar nav [aria-current="page"]').allTextContents()).toEqual(['Thủ tục']);
      await page.close();
      expect(browserErrors).toEqual([]);
    });

    it('says so when no unit had a dossier of it in the period', async () => {
      const page = await open('/procedures/XD-GPXD?period=7d');
      await page.getByText('Trong kỳ này không đơn vị nào tiếp nhận hay giải quyết hồ sơ của thủ tục, cũng không có hồ sơ nào đang xử lý.').waitFor();
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await units(page).count()).toBe(0);
      await page.close();
      expect(browserErrors).toEqual([]);
    });

    it('names a code the catalog does not have, with the way back to the procedures and nothing to retry', async () => {
      const page = await open('/procedures/NO-SUCH?period=7d');
      await page.getByRole('alert').filter({ hasText: 'Không có thủ tục nào mang mã NO-SUCH trong danh mục' }).waitFor();
      expect(await page.getByRole('button', { name: 'Thử lại' }).count()).toBe(0);
      await page.getByRole('link', { name: '← Về danh sách thủ tục' }).click();
      await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe('/procedures?period=7d');
      await table(page).waitFor();
      await page.close();
      // The browser reports the API's 404 itself, as a console error; nothing else.
      const refused = browserErrors.filter((error) => error.startsWith('/procedures/NO-SUCH?period=7d: ') && error.includes('404')
        && error.endsWith('/api/v1/procedures/NO-SUCH/snapshot?period=7d)'));
      expect(refused).toHaveLength(1);
      expect(browserErrors.filter((error) => !refused.includes(error))).toEqual([]);
      browserErrors.splice(0, browserErrors.length);
    });
  });

  // Last: it posts dossiers the tests above do not expect.
  it('shows the presenter the city’s procedures running late, frozen until taken again, whole on a 1024×768 projector', async () => {
    const page = await open('/present?period=7d');
    await page.locator('.slide.current [data-kpi="received"]').waitFor();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const slide = page.locator('.slide.current');
    await expect.poll(() => slide.getAttribute('data-slide')).toBe('procedures');
    expect(await page.getByText('Trang 4/4').count()).toBe(1);
    const slideTable = slide.locator('table.procedure-table');
    const slideOrder = () => slideTable.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-procedure')));
    const slideCells = async (code: string) =>
      (await slideTable.locator(`tr[data-procedure="${code}"] td`).allTextContents()).map((text) => text.replace(/\u00a0/g, ' '));
    const count = slide.getByTestId('procedures-count');
    await slideTable.waitFor();
    await slide.getByRole('heading', { name: 'Thủ tục có hồ sơ trễ hạn, quá hạn' }).waitFor();
    expect(await slide.locator('.period-line').textContent()).toMatch(/^Kỳ báo cáo: \d{2}\/\d{2}\/\d{4} – \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    // Only what runs late: the birth registrations, all within their due dates, are counted but not listed.
    expect(await slideOrder()).toEqual(['DD-GCN']);
    expect(await slideCells('DD-GCN')).toEqual(['Đất đai', '2', '1', '1', '0,0 %', '1', '1']);
    expect(await count.textContent()).toBe('2 thủ tục có hồ sơ trong kỳ, trong đó 1 thủ tục có hồ sơ trễ hạn hoặc quá hạn.');
    // No tools on a slide: neither search nor field filter nor sorting.
    expect(await slide.locator('input, select, button.sort').count()).toBe(0);
    // Nor a procedure's link to its units: the dashboard's.
    expect(await slideTable.getByRole('link').count()).toBe(0);

    // Received after the instant the figures were frozen at (the page's load), due a second later: overdue at once.
    await page.waitForTimeout(1000);
    const now = Date.now();
    const overdue = (procedureCode: string, n: number) => ({
      id: `late-${procedureCode}-${n}-r`, type: 'dossier.received', at: new Date(now).toISOString(), unitCode: 'HN-HK',
      dossierId: `late-${procedureCode}-${n}`, procedureCode, channel: 'counter', dueAt: new Date(now + 1000).toISOString(),
    });
    // The twelve with the longest names, one overdue dossier each; the building permits three.
    const others = ['YT-ATTP', 'DD-CN', 'TT-GPTTDT', 'MT-DTM', 'DN-THAY', 'YT-CCHN', 'LD-GPLD', 'TP-HTNN', 'LD-TCTN', 'DN-DT', 'XD-GPXDCT', 'TP-CT'];
    const posted = await app.post([...[1, 2, 3].map((n) => overdue('XD-GPXD', n)), ...others.map((code) => overdue(code, 1))]);
    expect(posted.status).toBe(200);
    expect(posted.body.rejected).toEqual([]);
    await page.waitForTimeout(1500);
    // Another period and back: read again, as at the frozen instant, so none of them.
    const period = page.locator('.present-bar').getByRole('combobox', { name: 'Kỳ', exact: true });
    await period.selectOption('30d');
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('30d');
    await period.selectOption('7d');
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('7d');
    await slideTable.waitFor();
    await page.waitForTimeout(1000);
    expect(await slideOrder()).toEqual(['DD-GCN']);
    expect(await count.textContent()).toBe('2 thủ tục có hồ sơ trong kỳ, trong đó 1 thủ tục có hồ sơ trễ hạn hoặc quá hạn.');

    // Taken again: the most late and overdue first, ties by code as the server orders them, at most twelve.
    await page.getByRole('button', { name: 'Làm mới' }).click();
    const ties = [...others].sort((a, b) => a.localeCompare(b));
    await expect.poll(slideOrder).toEqual(['XD-GPXD', 'DD-GCN', ...ties.slice(0, 10)]);
    expect(await slideCells('XD-GPXD')).toEqual(['Xây dựng', '3', '0', '0', '–', '3', '3']);
    expect(await slideCells('DD-GCN')).toEqual(['Đất đai', '2', '1', '1', '0,0 %', '1', '1']);
    expect(await count.textContent()).toBe('15 thủ tục có hồ sơ trong kỳ, trong đó 14 thủ tục có hồ sơ trễ hạn hoặc quá hạn. '
      + 'Bảng nêu 12 thủ tục có nhiều hồ sơ trễ hạn và quá hạn nhất.');

    // The export has every procedure, the slide's picture is named after it.
    const [csv] = await Promise.all([page.waitForEvent('download'), slide.getByRole('button', { name: 'Tải CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^Thủ-tục-hành-chính-toàn-thành-phố-\d{2}-\d{2}-\d{4}–\d{2}-\d{2}-\d{4}\.csv$/);
    expect(readFileSync(await csv.path(), 'utf8').trim().split('\r\n')).toHaveLength(1 + 15);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải trang này (PNG)' }).click()]);
    expect(png.suggestedFilename()).toMatch(/^Thủ-tục-có-hồ-sơ-trễ-hạn-quá-hạn-\d{2}-\d{2}-\d{4}–\d{2}-\d{2}-\d{4}\.png$/);

    // In full screen every row shows, the longest names included, down to a 4:3 projector.
    await everyRowInFullScreen(page, slide, 'present-procedures-1024');
    await page.close();
    expect(browserErrors).toEqual([]);
  });

  // After the slide above: it posts dossiers of the land-use certificates, whose figures the tests above check.
  it('adds a procedure’s slide to the presenter’s from the bar, after the city’s procedures: its units as the API counts them, frozen until taken again, the first twelve of them whole on a 1024×768 projector, all of them exported', async () => {
    const page = await open('/present?period=30d');
    await page.locator('.slide.current [data-kpi="received"]').waitFor();
    await page.getByRole('combobox', { name: 'Thêm thủ tục' }).selectOption({ label: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu' });
    await page.getByRole('button', { name: 'Thêm thủ tục' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('procedures')).toBe('DD-GCN');
    expect(new URL(page.url()).searchParams.get('period')).toBe('30d');
    const slideKeys = () => page.locator('.slide').evaluateAll((slides) => slides.map((s) => s.getAttribute('data-slide')));
    expect(await slideKeys()).toEqual(['overview', 'rankings:district', 'rankings:department', 'procedures', 'procedure:DD-GCN']);
    // Chosen once: no longer offered.
    expect(await page.getByRole('combobox', { name: 'Thêm thủ tục' }).locator('option[value="DD-GCN"]').count()).toBe(0);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    const slide = page.locator('.slide.current');
    await expect.poll(() => slide.getAttribute('data-slide')).toBe('procedure:DD-GCN');
    expect(await page.getByText('Trang 5/5').count()).toBe(1);

    const slideUnits = slide.locator('table.procedure-units-table');
    const slideOrder = () => slideUnits.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-unit')));
    const slideCells = async (code: string) =>
      (await slideUnits.locator(`tr[data-unit="${code}"] td`).allTextContents()).map((text) => text.replace(/\u00a0/g, ' '));
    const tiles = async () => (await slide.getByRole('region', { name: 'Toàn thành phố' }).locator('.kpi-value').allTextContents()).map((text) => text.replace(/\u00a0/g, ' '));
    const count = slide.getByTestId('procedure-units-count');
    type Figures = Parameters<typeof shown>[0];
    type UnitFigures = Figures & { code: string; kind: string };
    const kindName: Record<string, string> = { district: 'Quận, huyện, thị xã', department: 'Sở, ban, ngành', commune: 'Xã, phường, thị trấn' };
    /** What the slide must show, from the server's own answer as at the instant the figures were frozen. */
    const expectFrom = async (api: { procedure: Figures; units: UnitFigures[] }) => {
      expect(await tiles()).toEqual(shown(api.procedure));
      expect(await slideOrder()).toEqual(api.units.slice(0, 12).map((u) => u.code));
      for (const u of api.units.slice(0, 12)) expect(await slideCells(u.code)).toEqual([kindName[u.kind], ...shown(u)]);
    };
    await slideUnits.waitFor();
    await slide.getByRole('heading', { level: 1, name: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu' }).waitFor();
    expect(await slide.locator('.procedure-head p').textContent()).toBe('DD-GCN · Lĩnh vực: Đất đai');
    expect(await slide.locator('.period-line').textContent())
      .toMatch(/^Kỳ báo cáo: \d{2}\/\d{2}\/\d{4} – \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · Kỳ trước: \d{2}\/\d{2}\/\d{4} – \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const before = await app.get('/api/v1/procedures/DD-GCN/snapshot?period=30d');
    expect(before.units.map((u: UnitFigures) => u.code)).toEqual(['HN-HK', 'HN-STNMT']);
    await expectFrom(before);
    expect(await count.textContent()).toBe('2 đơn vị có hồ sơ của thủ tục');
    // No tools on a slide: no sorting, no unit's link.
    expect(await slide.locator('input, select, button.sort').count()).toBe(0);
    expect(await slideUnits.getByRole('link').count()).toBe(0);

    // Received after the instant the figures were frozen at, due a second later, in twelve more units (the longest
    // names first): overdue at once.
    await page.waitForTimeout(1000);
    const now = Date.now();
    const catalog = (await app.get('/api/v1/units')) as { code: string; name: string; kind: string }[];
    const more = catalog.filter((u) => u.kind !== 'commune' && !['HN-HK', 'HN-STNMT'].includes(u.code))
      .sort((a, b) => b.name.length - a.name.length).slice(0, 12);
    const posted = await app.post(more.map((u) => ({
      id: `slide-DD-GCN-${u.code}-r`, type: 'dossier.received', at: new Date(now).toISOString(), unitCode: u.code,
      dossierId: `slide-DD-GCN-${u.code}`, procedureCode: 'DD-GCN', channel: 'counter', dueAt: new Date(now + 1000).toISOString(),
    })));
    expect(posted.status).toBe(200);
    expect(posted.body.rejected).toEqual([]);
    await page.waitForTimeout(1500);
    // Another period and back: read again, as at the frozen instant, so none of them.
    const period = page.locator('.present-bar').getByRole('combobox', { name: 'Kỳ', exact: true });
    await period.selectOption('7d');
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('7d');
    await period.selectOption('30d');
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('30d');
    expect(new URL(page.url()).searchParams.get('procedures')).toBe('DD-GCN');
    await expect.poll(slideOrder).toEqual(['HN-HK', 'HN-STNMT']);
    await page.waitForTimeout(1000);
    await expectFrom(before);

    // Taken again: fourteen units, the first twelve listed, and how many there are.
    await page.getByRole('button', { name: 'Làm mới' }).click();
    await expect.poll(async () => (await slideOrder()).length).toBe(12);
    const after = await app.get('/api/v1/procedures/DD-GCN/snapshot?period=30d');
    expect(after.units).toHaveLength(14);
    await expectFrom(after);
    expect(await count.textContent()).toBe('Bảng nêu 12/14 đơn vị có hồ sơ của thủ tục: những đơn vị có nhiều hồ sơ trễ hạn và quá hạn nhất.');

    // The export has every unit; the slide's picture is named after the procedure.
    const [csv] = await Promise.all([page.waitForEvent('download'), slide.getByRole('button', { name: 'Tải CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^Các-đơn-vị-giải-quyết-thủ-tục–DD-GCN-\d{2}-\d{2}-\d{4}–\d{2}-\d{2}-\d{4}\.csv$/);
    const lines = readFileSync(await csv.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines).toHaveLength(1 + 14);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(expect.arrayContaining(['Quận Hoàn Kiếm', 'Sở Tài nguyên và Môi trường']));
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải trang này (PNG)' }).click()]);
    expect(png.suggestedFilename()).toMatch(/^Cấp-Giấy-chứng-nhận-quyền-sử-dụng-đất-lần-đầu-\d{2}-\d{2}-\d{4}–\d{2}-\d{2}-\d{4}\.png$/);

    // In full screen the twelve rows show whole with the name and the totals above them, down to a 4:3 projector.
    await everyRowInFullScreen(page, slide, 'present-procedure-1024', async (at) => expect(await slide.locator('.procedure-head h1').isVisible(), at).toBe(true));
    await page.setViewportSize(VIEWPORT);

    // Removed from the deck, it leaves the address.
    await slide.getByRole('button', { name: 'Bỏ' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('procedures')).toBeNull();
    await expect.poll(slideKeys).toEqual(['overview', 'rankings:district', 'rankings:department', 'procedures']);
    await page.close();
    expect(browserErrors).toEqual([]);
  });

  // After the slide above, which posts dossiers of the land-use certificates: its figures are read from the API.
  it('shows the changes of a procedure’s city totals on its slide, frozen with its figures until taken again', async () => {
    const reads = { code: 'DD-GCN', paths: [] as string[] };
    const page = await open(`/present?${fortnight}&procedures=DD-GCN`, reads);
    await page.locator('.slide.current [data-kpi="received"]').waitFor();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    const slide = page.locator('.slide.current');
    await expect.poll(() => slide.getAttribute('data-slide')).toBe('procedure:DD-GCN');
    await slide.locator('table.procedure-units-table').waitFor();
    await expect.poll(() => slide.locator('.period-line').textContent())
      .toMatch(new RegExp(`^Kỳ báo cáo: ${shownDate(13)} – ${shownDate(0)} \\d{2}:\\d{2} · Kỳ trước: ${shownDate(27)} – ${shownDate(14)} \\d{2}:\\d{2}$`));
    /** Both reads of a freezing, as the slide asked for them: the period up to the instant, the period before up to the same point. */
    const answers = async (paths: string[]) => {
      await expect.poll(() => [readFrom(paths, 13), readFrom(paths, 27)].every((path) => path !== undefined)).toBe(true);
      const [current, previous] = [readFrom(paths, 13) ?? '', readFrom(paths, 27) ?? ''];
      // The same instant, fourteen days apart.
      const until = (path: string) => Date.parse(new URL(path, app.url).searchParams.get('to') ?? '');
      expect(until(current) - until(previous)).toBe(14 * DAY);
      return { current: (await app.get(current)).procedure as Totals, previous: (await app.get(previous)).procedure as Totals };
    };
    const frozen = await answers(reads.paths);
    // The department's two in the fortnight before: a comparison with figures.
    expect(shown(frozen.previous)).toEqual(['2', '2', '1', '50,0 %', '0', '0']);
    await expect.poll(() => shownChanges(slide)).toEqual(changes(frozen.current, frozen.previous));

    // Received after the instant the figures were frozen at: not on the slide, nor in its changes, even with the
    // comparison read again (a year before and back).
    await page.waitForTimeout(1000);
    const posted = await app.post([{
      id: 'compared-DD-GCN-r', type: 'dossier.received', at: new Date().toISOString(), unitCode: 'HN-HK',
      dossierId: 'compared-DD-GCN', procedureCode: 'DD-GCN', channel: 'counter', dueAt: new Date(Date.now() + 3 * DAY).toISOString(),
    }]);
    expect(posted.status).toBe(200);
    expect(posted.body.rejected).toEqual([]);
    const versus = page.locator('.present-bar').getByRole('combobox', { name: 'So với', exact: true });
    await versus.selectOption({ label: 'Cùng kỳ năm trước' });
    await expect.poll(() => slide.locator('.period-line').textContent()).toMatch(/ · Cùng kỳ năm trước: /);
    await versus.selectOption({ label: 'Kỳ trước' });
    await expect.poll(() => slide.locator('.period-line').textContent()).toMatch(/ · Kỳ trước: /);
    await page.waitForTimeout(1000);
    await expect.poll(() => shownChanges(slide)).toEqual(changes(frozen.current, frozen.previous));

    // Taken again: one more received and pending than when frozen, against the same fortnight before.
    reads.paths.splice(0, reads.paths.length);
    await page.getByRole('button', { name: 'Làm mới' }).click();
    const taken = await answers(reads.paths);
    expect([taken.current.received - frozen.current.received, taken.current.pending - frozen.current.pending]).toEqual([1, 1]);
    expect(taken.previous).toEqual(frozen.previous);
    await expect.poll(() => shownChanges(slide)).toEqual(changes(taken.current, taken.previous));
    await page.close();
    expect(browserErrors).toEqual([]);
  });

  it('names on its slide a procedure of a deck that the catalog does not have, the other slides as they were', async () => {
    const page = await open('/present?period=30d&procedures=NO-SUCH,DD-GCN');
    await page.locator('.slide.current [data-kpi="received"]').waitFor();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    const slide = page.locator('.slide.current');
    await expect.poll(() => slide.getAttribute('data-slide')).toBe('procedure:NO-SUCH');
    await slide.getByRole('alert').filter({ hasText: 'Không có thủ tục nào mang mã NO-SUCH trong danh mục' }).waitFor();
    expect(await slide.getByRole('button', { name: 'Thử lại' }).count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => slide.getAttribute('data-slide')).toBe('procedure:DD-GCN');
    await slide.locator('table.procedure-units-table').waitFor();
    await page.close();
    // The browser reports the API's 404 itself, as a console error; nothing else.
    const refused = browserErrors.filter((error) => error.includes('404') && error.includes('/api/v1/procedures/NO-SUCH/snapshot?'));
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(browserErrors.filter((error) => !refused.includes(error))).toEqual([]);
    browserErrors.splice(0, browserErrors.length);
  });
});
