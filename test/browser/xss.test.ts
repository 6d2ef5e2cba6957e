/**
 * The XSS catalog case in a real browser: unit and procedure names are data from outside (PUT /units, a
 * catalog file) and must show as text wherever the dashboard puts them. Two layers are checked apart: no
 * element is injected (the client escapes), and no script runs (the Content-Security-Policy would stop it too).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { ensureClientBuilt, launchBrowser } from './browser.js';

const UNIT_NAME = '<img src=x onerror=alert(1)>';
const PROCEDURE_NAME = '"><svg onload=alert(2)>';

describe('names from the catalog are text, never markup', () => {
  let app: TestApp;
  let browser: Browser;
  const dialogs: string[] = [];
  /** The policy must hold the app itself without complaint, or it would be loosened some day to make it work. */
  const cspViolations: string[] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    app = await startTestApp();
    const put = async (path: string, body: unknown) => {
      const res = await app.api(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    await put('/api/v1/units', [{ code: 'HN-XSS', name: UNIT_NAME, kind: 'district', parentCode: null }]);
    await put('/api/v1/procedures', [{ code: 'XSS-1', name: PROCEDURE_NAME, field: 'justice', level: 'district', processingDays: 3, onlineLevel: 'full' }]);
    const at = new Date(Date.now() - 3600_000).toISOString();
    const posted = await app.post([
      { id: 'xss-1', type: 'dossier.received', at, unitCode: 'HN-XSS', dossierId: 'XSS-D1', procedureCode: 'XSS-1', channel: 'online', dueAt: new Date(Date.now() - 60_000).toISOString() },
      { id: 'xss-2', type: 'rating.submitted', at, unitCode: 'HN-XSS', score: 5 },
    ]);
    expect(posted.body.rejected).toEqual([]);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'vi-VN' });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${app.url}${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(app.config.adminToken ?? '')}`);
    return page;
  }

  async function expectText(page: Page, text: string): Promise<void> {
    await expect.poll(async () => page.getByText(text, { exact: false }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('[onerror], [onload]').length)).toBe(0);
  }

  it('rankings show the unit name as text', async () => {
    const page = await open('/rankings?kind=district&period=today');
    await expectText(page, UNIT_NAME);
    await page.close();
    expect(dialogs).toEqual([]);
  });

  it("the unit's page shows its name and its procedure's name as text", async () => {
    const page = await open('/unit/HN-XSS?period=today');
    await expectText(page, UNIT_NAME);
    await expectText(page, PROCEDURE_NAME);
    await page.close();
    expect(dialogs).toEqual([]);
  });

  it('the page is served with the strict Content-Security-Policy, and the app runs within it', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    // Only the injected markup may have been refused (it never reaches the DOM, so nothing at all is expected).
    expect(cspViolations).toEqual([]);
  });
});
