/**
 * The admin page in a real browser: an administrator issues a wall-display token there, the wall shows its
 * playlist, and revoking the token on the same page sends the wall to the sign-in notice within seconds; the
 * holiday calendar and the procedures' processing times are edited there; the rejected events are read there.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../server/auth/tokens.js';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/app.js';
import { ensureClientBuilt, hasChromium, launchBrowser, screenshot } from './browser.js';

const VIEWPORT = { width: 1920, height: 1080 };

describe.skipIf(!hasChromium)('admin page in a browser', { timeout: 90_000 }, () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureClientBuilt();
    app = await startTestApp();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('issues a display token, and revoking it sends its wall to the sign-in notice', async () => {
    const admin = await browser.newPage({ viewport: VIEWPORT, locale: 'vi-VN' });
    admin.on('dialog', (dialog) => void dialog.accept());
    await admin.goto(`${app.url}/?token=${TEST_ADMIN_TOKEN}`);
    await admin.getByRole('link', { name: 'Quản trị' }).click();
    await admin.getByRole('heading', { name: 'Người dùng' }).waitFor();

    const name = 'Màn hình phòng điều hành';
    const form = admin.locator('form').filter({ has: admin.getByRole('button', { name: 'Cấp mã màn hình' }) });
    await form.getByLabel('Tên').fill(name);
    // The playlist is chosen slide by slide, units from the catalog: no address to type.
    await form.getByLabel('Tổng quan').uncheck();
    await form.getByLabel('Xếp hạng – Sở, ban, ngành').uncheck();
    await form.getByLabel('Thủ tục có hồ sơ trễ hạn, quá hạn').check();
    await form.getByRole('combobox', { name: 'Thêm trang của đơn vị' }).selectOption({ label: 'Quận Hoàn Kiếm' });
    await form.getByRole('button', { name: 'Thêm trang của đơn vị' }).click();
    // Procedures from the catalog too, played after the city's slides and before the units'.
    await form.getByRole('combobox', { name: 'Thêm trang của thủ tục' }).selectOption({ label: 'Đăng ký biến động, chuyển nhượng quyền sử dụng đất' });
    await form.getByRole('button', { name: 'Thêm trang của thủ tục' }).click();
    await form.locator('.chip').filter({ hasText: 'Đăng ký biến động, chuyển nhượng quyền sử dụng đất' }).waitFor();
    expect(await form.getByRole('combobox', { name: 'Thêm trang của thủ tục' }).locator('option[value="DD-CN"]').count()).toBe(0);
    await form.getByLabel('Số giây mỗi trang').fill('60');
    await form.getByLabel('Kỳ số liệu').selectOption({ label: 'Tháng này' });
    await form.getByRole('button', { name: 'Cấp mã màn hình' }).click();
    const link = admin.locator('code').filter({ hasText: '/display?token=' });
    await link.waitFor();
    const displayUrl = (await link.textContent()) ?? '';
    expect(displayUrl).toMatch(/\/display\?token=/);
    await screenshot(admin, 'admin');

    const wall = await browser.newPage({ viewport: VIEWPORT, locale: 'vi-VN' });
    await wall.goto(displayUrl);
    await expect.poll(() => wall.locator('.display').getAttribute('data-view'), { timeout: 20_000 }).toBe('rankings:district');
    // The token's period, though its address names none.
    expect(await wall.locator('.display-head h1').innerText()).toContain('· Tháng này');

    // The token is listed by name (escaped text) with a revoke button; its slides apart, their names having commas.
    const row = admin.locator('tr').filter({ hasText: name });
    expect(await row.locator('td').nth(2).innerText())
      .toBe('Xếp hạng – Quận, huyện, thị xã; Thủ tục có hồ sơ trễ hạn, quá hạn; Đăng ký biến động, chuyển nhượng quyền sử dụng đất; Quận Hoàn Kiếm · 60 s · Tháng này');
    const { tokens } = (await app.get('/api/v1/admin/tokens')) as { tokens: { name: string; playlist: unknown }[] };
    expect(tokens.find((token) => token.name === name)?.playlist).toEqual({ views: 'rankings:district,procedures,procedure:DD-CN,unit:HN-HK', interval: 60, period: 'month' });
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    await row.getByText('Đã thu hồi').waitFor();
    // Roles and audit actions by name, not by code.
    expect(await row.locator('td').nth(1).innerText()).toBe('Màn hình');
    const log = admin.locator('section').filter({ has: admin.getByRole('heading', { name: 'Nhật ký kiểm toán' }) });
    await log.getByRole('cell', { name: 'Thu hồi mã', exact: true }).first().waitFor();
    await log.getByRole('cell', { name: 'Cấp mã', exact: true }).first().waitFor();
    // The token by its name, not its id.
    expect(await log.locator('tr').filter({ hasText: 'Thu hồi mã' }).locator('td').nth(3).innerText()).toBe(name);
    expect(await log.locator('tbody').innerText()).not.toMatch(/token\.(issued|revoked)/);
    await wall.getByRole('heading', { name: 'Cần mã truy cập' }).waitFor({ timeout: 15_000 });

    // The audit log records the issue and the revocation.
    const audit = await app.get('/api/v1/admin/audit');
    const actions = JSON.stringify(audit);
    expect(actions).toMatch(/revoke/i);
    await wall.close();
    await admin.close();
  });

  it('a unit head signs in to a link to their own unit, and is told plainly when a unit is not theirs', async () => {
    const created = await app.api('/api/v1/admin/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'truong-hk', displayName: 'Trưởng phòng Hoàn Kiếm', password: 'mat-khau-dai-du-12', role: 'unit_head', units: ['HN-HK'] }),
    });
    expect(created.status).toBe(201);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    await page.goto(`${app.url}/`);
    await page.getByLabel('Tên đăng nhập').fill('truong-hk');
    await page.getByLabel('Mật khẩu').fill('mat-khau-dai-du-12');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Đơn vị của tôi' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/unit/HN-HK');
    await page.locator('.unit-view, [data-kpi]').first().waitFor();
    await page.goto(`${app.url}/unit/HN-BD`);
    await page.getByText('Tài khoản này không được xem đơn vị HN-BD').waitFor();
    expect(await page.getByText('Không tìm thấy đơn vị').count()).toBe(0);
    // The rankings link only the units they may open; the presenter offers only those.
    await page.getByRole('link', { name: 'Xếp hạng', exact: true }).click();
    await page.locator('tr[data-unit="HN-BD"]').waitFor();
    expect(await page.locator('tr[data-unit="HN-BD"] a').count()).toBe(0);
    expect(await page.locator('tr[data-unit="HN-HK"] a').getAttribute('href')).toMatch(/^\/unit\/HN-HK/);
    await expect.poll(() => page.getByTestId('updated').textContent()).toMatch(/^Cập nhật \d{2}:\d{2}:\d{2}$/);
    // Back to the refused unit (no reload): its page shows no time of the figures the rankings had, since nothing
    // on it is live (and that time would have turned into the stale banner 90 s later).
    await page.goBack();
    await page.getByText('Tài khoản này không được xem đơn vị HN-BD').waitFor();
    await expect.poll(() => page.getByTestId('updated').textContent()).toBe('Đã kết nối máy chủ trực tuyến');
    await page.goto(`${app.url}/present`);
    await page.getByLabel('Thêm đơn vị').locator('option[value="HN-HK"]').waitFor({ state: 'attached' });
    expect(await page.getByLabel('Thêm đơn vị').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['', 'HN-HK']);
    await page.close();
  });

  it('edits the holiday calendar a year at a time, and says why a change is refused', async () => {
    const year = String(new Date().getFullYear() + 1);
    const date = `${year}-12-30`;
    const ofYear = async () => ((await app.get('/api/v1/holidays')) as { date: string; name: string }[]).filter((h) => h.date.startsWith(`${year}-`));
    const before = await ofYear();
    const admin = await browser.newPage({ viewport: VIEWPORT, locale: 'vi-VN' });
    await admin.goto(`${app.url}/admin?token=${TEST_ADMIN_TOKEN}`);
    const card = admin.locator('section').filter({ has: admin.getByRole('heading', { name: 'Lịch nghỉ lễ' }) });
    const rows = card.getByTestId('holidays').locator('tbody tr');
    await card.getByLabel('Năm').selectOption(year);
    // Adding replaces the year's list: until the calendar is read, there is nothing to add to.
    await expect.poll(() => card.getByRole('button', { name: 'Thêm ngày nghỉ' }).isEnabled()).toBe(true);
    await expect.poll(() => rows.count()).toBe(Math.max(1, before.length));

    await card.getByLabel('Ngày', { exact: true }).fill(date);
    await card.getByLabel('Tên ngày nghỉ').fill('Nghỉ bù thử nghiệm');
    await card.getByRole('button', { name: 'Thêm ngày nghỉ' }).click();
    const added = rows.filter({ hasText: 'Nghỉ bù thử nghiệm' });
    await added.waitFor();
    expect(await added.locator('td').first().innerText()).toMatch(new RegExp(`^Thứ .+, 30/12/${year}$`));
    expect(await ofYear()).toEqual([...before, { date, name: 'Nghỉ bù thử nghiệm' }]);
    // The change is in the audit log.
    await admin.locator('tr').filter({ hasText: 'Thay đổi qua API' }).first().waitFor();

    // The same date again: the server's reason, and the calendar as it was.
    await card.getByLabel('Ngày', { exact: true }).fill(date);
    await card.getByLabel('Tên ngày nghỉ').fill('Lần nữa');
    await card.getByRole('button', { name: 'Thêm ngày nghỉ' }).click();
    await expect.poll(() => card.getByRole('alert').innerText()).toContain(date);
    expect(await card.getByLabel('Tên ngày nghỉ').inputValue()).toBe('Lần nữa');
    expect(await ofYear()).toEqual([...before, { date, name: 'Nghỉ bù thử nghiệm' }]);

    await card.getByRole('button', { name: `Bỏ Nghỉ bù thử nghiệm (${date})` }).click();
    await expect.poll(() => added.count()).toBe(0);
    expect(await ofYear()).toEqual(before);
    await admin.close();
  });

  it('finds a procedure, changes its processing time in place, and adds a new one', async () => {
    type Procedure = { code: string; processingDays: number; level: string };
    const stored = async (code: string) => ((await app.get('/api/v1/procedures')) as Procedure[]).find((p) => p.code === code);
    const admin = await browser.newPage({ viewport: VIEWPORT, locale: 'vi-VN' });
    await admin.goto(`${app.url}/admin?token=${TEST_ADMIN_TOKEN}`);
    const card = admin.locator('section').filter({ has: admin.getByRole('heading', { name: 'Thủ tục hành chính' }) });
    const rows = card.getByTestId('procedures').locator('tbody tr');
    await card.getByLabel('Tìm theo mã, tên hoặc lĩnh vực').fill('khai sinh');
    // Until the catalog is read the table says so in a row of its own: wait for the procedure, then count.
    await expect.poll(() => rows.first().innerText()).toContain('TP-KS');
    expect(await rows.count()).toBe(1);

    const days = card.getByLabel('Thời hạn (ngày làm việc): TP-KS');
    const save = rows.first().getByRole('button', { name: 'Lưu' });
    expect(await save.isDisabled()).toBe(true);
    const before = (await stored('TP-KS'))!.processingDays;
    await days.fill(String(before + 2));
    await save.click();
    await expect.poll(async () => (await stored('TP-KS'))?.processingDays).toBe(before + 2);
    await expect.poll(() => save.isDisabled()).toBe(true);
    await days.fill(String(before));
    await save.click();
    await expect.poll(async () => (await stored('TP-KS'))?.processingDays).toBe(before);

    await card.getByLabel('Mã', { exact: true }).fill('HN-TEST-01');
    await card.getByLabel('Tên thủ tục').fill('Thủ tục <b>thử nghiệm</b>');
    await card.getByLabel('Lĩnh vực', { exact: true }).fill('Thử nghiệm');
    await card.getByLabel('Cấp', { exact: true }).selectOption({ label: 'Cấp huyện' });
    await card.getByRole('spinbutton', { name: 'Thời hạn (ngày làm việc)', exact: true }).fill('12');
    await card.getByRole('button', { name: 'Thêm thủ tục' }).click();
    // Found at once: the search now holds its code; its name as text.
    await expect.poll(() => rows.first().innerText()).toContain('Thủ tục <b>thử nghiệm</b>');
    expect(await stored('HN-TEST-01')).toMatchObject({ processingDays: 12, level: 'district' });
    await admin.close();
  });

  it('shows the events a source sent that were rejected: who sent them, why, what was sent, and older ones on request', async () => {
    const { token } = await issueToken(app.database.db, { name: 'Một cửa quận <b>Ba Đình</b>', role: 'ingest' });
    const at = new Date(Date.now() - 60_000).toISOString();
    const events = Array.from({ length: 51 }, (_, i) => ({
      id: `admin-rejected-${i}`, type: 'dossier.received', at, unitCode: 'HN-NOWHERE', dossierId: `D-admin-rejected-${i}`, procedureCode: 'TP-KS', channel: 'online',
    }));
    expect((await app.post(events, token)).body).toMatchObject({ accepted: 0, duplicates: 0 });

    const admin = await browser.newPage({ viewport: VIEWPORT, locale: 'vi-VN' });
    await admin.goto(`${app.url}/admin?token=${TEST_ADMIN_TOKEN}`);
    const table = admin.getByTestId('rejected-events');
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(50);
    // Newest first: the batch's last event, the source's name as text, its place in the batch counted from 1.
    const newest = rows.first().locator('td');
    expect(await newest.nth(1).innerText()).toBe('Một cửa quận <b>Ba Đình</b>');
    expect(await newest.nth(2).innerText()).toBe('51');
    expect(await newest.nth(3).innerText()).toBe('admin-rejected-50');
    expect(await newest.nth(4).innerText()).toContain('HN-NOWHERE');
    await newest.nth(5).getByText('Xem').click();
    expect(JSON.parse(await newest.nth(5).locator('pre').innerText())).toMatchObject({ id: 'admin-rejected-50', unitCode: 'HN-NOWHERE' });
    await admin.getByRole('button', { name: 'Xem cũ hơn' }).click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(51);
    expect(await rows.last().locator('td').nth(3).innerText()).toBe('admin-rejected-0');
    expect(await admin.getByRole('button', { name: 'Xem cũ hơn' }).count()).toBe(0);
    await admin.close();
  });
});
