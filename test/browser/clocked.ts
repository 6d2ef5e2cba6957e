/** A city on a clock the test sets: for the turns of the day and of the hour. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Unit } from '../../shared/catalog.js';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/app.js';
import { ensureClientBuilt, launchBrowser } from './browser.js';
import { postEvents, seedEvents } from './seed.js';

export interface ClockedCity {
  app: TestApp;
  browser: Browser;
  /** The server's clock: set `now` to move it. */
  clock: { now: Date };
  close(): Promise<void>;
}

/** The real server with its clock at `at`, its city seeded with `days` of events up to then, and a browser. */
export async function startClockedCity(at: Date, days: number): Promise<ClockedCity> {
  ensureClientBuilt();
  const clock = { now: at };
  const app = await startTestApp({ now: () => clock.now });
  const units = (await app.get('/api/v1/units')) as Unit[];
  await postEvents(app.url, TEST_ADMIN_TOKEN, seedEvents(units, at, { days, perUnitPerDay: 3 }));
  const browser = await launchBrowser();
  return {
    app, browser, clock,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}

/** Starts the city before the tests of the `describe` it is called in and stops it after them; answers the city. */
export function clockedCity(at: Date, days = 2): () => ClockedCity {
  let city: ClockedCity | undefined;
  beforeAll(async () => {
    city = await startClockedCity(at, days);
  }, 120_000);
  afterAll(async () => {
    await city?.close();
  });
  return () => {
    if (!city) throw new Error('the clocked city has not started');
    return city;
  };
}
