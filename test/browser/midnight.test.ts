/**
 * The first minute of a day on the wall display, the server and the browser both at 00:00:30 in Hà Nội: the
 * comparison with yesterday is asked for a real range (a range of a millisecond was refused with a 400 from 00:00
 * to 00:05, and every tile said it had no previous period), and it is yesterday's first seconds, not all of it.
 */
import { describe, expect, it } from 'vitest';
import { TEST_ADMIN_TOKEN } from '../helpers/app.js';
import { hasChromium } from './browser.js';
import { clockedCity } from './clocked.js';

const AT = new Date('2026-11-24T00:00:30+07:00');

describe.skipIf(!hasChromium)('the wall display at midnight', { timeout: 60_000 }, () => {
  const city = clockedCity(AT);

  it('compares the day’s first seconds with yesterday’s, and every request is answered', async () => {
    const page = await city().browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'vi-VN' });
    await page.clock.setFixedTime(AT);
    const refused: string[] = [];
    page.on('response', (response) => { if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`); });
    await page.goto(`${city().app.url}/display?views=overview&interval=3600&period=today&token=${TEST_ADMIN_TOKEN}`);
    const change = page.locator('[data-kpi="received"] .kpi-change');
    // Nothing received yet today, nothing in yesterday's first seconds either: no change, and no drop against all of yesterday.
    await expect.poll(async () => (await change.textContent()) ?? '', { timeout: 20_000 }).toMatch(/^■ 0/);
    expect(await page.locator('[data-kpi="received"] .kpi-value').textContent()).toBe('0');
    expect(refused).toEqual([]);
    await page.close();
  });
});
