/**
 * The admin page in a real browser: an administrator issues a wall-display token there, the wall shows its
 * playlist, and revoking the token on the same page sends the wall to the sign-in notice within seconds.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    await form.getByLabel('Danh sách hiển thị').fill('views=rankings:district&interval=60');
    await form.getByRole('button', { name: 'Cấp mã màn hình' }).click();
    const link = admin.locator('code').filter({ hasText: '/display?token=' });
    await link.waitFor();
    const displayUrl = (await link.textContent()) ?? '';
    expect(displayUrl).toMatch(/\/display\?token=/);
    await screenshot(admin, 'admin');

    const wall = await browser.newPage({ viewport: VIEWPORT, locale: 'vi-VN' });
    await wall.goto(displayUrl);
    await expect.poll(() => wall.locator('.display').getAttribute('data-view'), { timeout: 20_000 }).toBe('rankings:district');

    // The token is listed by name (escaped text) with a revoke button.
    const row = admin.locator('tr').filter({ hasText: name });
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    await row.getByText('Đã thu hồi').waitFor();
    await wall.getByRole('heading', { name: 'Cần mã truy cập' }).waitFor({ timeout: 15_000 });

    // The audit log records the issue and the revocation.
    const audit = await app.get('/api/v1/admin/audit');
    const actions = JSON.stringify(audit);
    expect(actions).toMatch(/revoke/i);
    await wall.close();
    await admin.close();
  });
});
