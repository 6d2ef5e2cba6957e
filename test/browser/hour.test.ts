/**
 * A new hour on the dashboard, the server and the browser both at 12:59:30 and then a minute later in Hà Nội: the
 * day's trend is read again for the new hour's bucket, rather than five minutes later, while the live figures' new
 * dossiers went into the last bucket read (the hour before); and what the charts and the tiles' changes showed stays
 * on screen while they are read again.
 */
import { describe, expect, it } from 'vitest';
import { TEST_ADMIN_TOKEN } from '../helpers/app.js';
import { hasChromium } from './browser.js';
import { clockedCity } from './clocked.js';

const AT = new Date('2026-11-24T12:59:30+07:00');

describe.skipIf(!hasChromium)('the dashboard at the turn of an hour', { timeout: 60_000 }, () => {
  const city = clockedCity(AT);

  it('reads the trend’s new hour within a minute of it, keeping what it showed meanwhile', async () => {
    const page = await city().browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'vi-VN' });
    await page.clock.install({ time: AT });
    // The start of each period asked for, as an instant.
    const asked: number[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      const from = url.searchParams.get('from');
      if (url.pathname === '/api/v1/snapshot' && from) asked.push(Date.parse(from));
    });
    const askedFor = (local: string) => asked.includes(Date.parse(local));
    await page.goto(`${city().app.url}/?period=today&token=${TEST_ADMIN_TOKEN}`);
    await page.locator('.c-trend .recharts-surface').first().waitFor();
    expect(askedFor('2026-11-24T12:00:00+07:00')).toBe(true);
    expect(askedFor('2026-11-24T13:00:00+07:00')).toBe(false);
    const change = page.locator('[data-kpi="received"] .kpi-change');
    await expect.poll(() => change.textContent()).toMatch(/^[▲▼■]/);
    // The figures read at the new hour answer slowly: meanwhile the old ones stay.
    await page.route('**/api/v1/snapshot?**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue().catch(() => undefined);
    });
    city().clock.now = new Date('2026-11-24T13:00:40+07:00');
    await page.clock.fastForward(70_000);
    await expect.poll(() => askedFor('2026-11-24T13:00:00+07:00'), { timeout: 10_000 }).toBe(true);
    expect(await page.getByText('Đang tải dữ liệu…').count()).toBe(0);
    expect(await change.textContent()).toMatch(/^[▲▼■]/);
    await page.close();
  });
});
