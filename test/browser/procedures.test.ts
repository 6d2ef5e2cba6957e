/**
 * The city's procedures page in a real browser: reached from the top navigation with the period kept, the most
 * late and overdue procedures first with their figures, sorted by a clicked column, found by name or code, narrowed
 * to one field and exported as shown; with no error in the browser's console.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
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
    const received = (dossierId: string, procedureCode: string, at: number, dueAt: number) => ({
      id: `${dossierId}-r`, type: 'dossier.received', at: iso(at), unitCode: 'HN-HK', dossierId, procedureCode, channel: 'counter', dueAt: iso(dueAt),
    });
    const resolved = (dossierId: string, at: number) => ({ id: `${dossierId}-x`, type: 'dossier.resolved', at: iso(at), unitCode: 'HN-HK', dossierId, outcome: 'approved' });
    const posted = await app.post([
      // A land-use certificate resolved a day late, and another past its due date and still in progress.
      received('LAND-1', 'DD-GCN', now - 3 * DAY, now - 2 * DAY), resolved('LAND-1', now - DAY),
      received('LAND-2', 'DD-GCN', now - 2 * DAY, now - DAY),
      // Birth registrations: one resolved before its due date, two in progress within theirs.
      received('BIRTH-1', 'TP-KS', now - 2 * DAY, now + DAY), resolved('BIRTH-1', now - DAY),
      received('BIRTH-2', 'TP-KS', now - HOUR, now + 3 * DAY),
      received('BIRTH-3', 'TP-KS', now - HOUR, now + 3 * DAY),
    ]);
    expect(posted.status).toBe(200);
    expect(posted.body.rejected).toEqual([]);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: VIEWPORT, locale: 'vi-VN', acceptDownloads: true });
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(`${path}: ${message.text()}`);
    });
    page.on('pageerror', (error) => browserErrors.push(`${path}: ${error.message}`));
    await page.goto(`${app.url}${path}${path.includes('?') ? '&' : '?'}token=${TEST_ADMIN_TOKEN}`);
    return page;
  }

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
    const received = table(page).locator('thead th').filter({ hasText: 'Tiếp nhận' });
    await received.getByRole('button').click();
    await expect.poll(() => order(page)).toEqual(['TP-KS', 'DD-GCN']);
    expect(await received.getAttribute('aria-sort')).toBe('descending');
    await received.getByRole('button').click();
    await expect.poll(() => order(page)).toEqual(['DD-GCN', 'TP-KS']);
    expect(await received.getAttribute('aria-sort')).toBe('ascending');

    // The on-time rate first sorts worst first; a second click puts the best first.
    const onTime = table(page).locator('thead th').filter({ hasText: 'Đúng hạn' });
    await onTime.getByRole('button').click();
    await expect.poll(() => order(page)).toEqual(['DD-GCN', 'TP-KS']);
    await onTime.getByRole('button').click();
    await expect.poll(() => order(page)).toEqual(['TP-KS', 'DD-GCN']);
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
});
