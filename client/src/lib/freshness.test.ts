import { describe, expect, it } from 'vitest';
import { isNightlyReloadDue, QUIET_MS, readIsQuiet, type ReadFreshness } from './freshness.js';

const HOUR = 3_600_000;
const zone = 'Asia/Ho_Chi_Minh';

describe('isNightlyReloadDue', () => {
  const loaded = Date.parse('2026-11-24T08:00:00+07:00');
  it('reloads at 03:00 local time once the display has run a day', () => {
    expect(isNightlyReloadDue(loaded, new Date('2026-11-25T03:10:00+07:00'), zone)).toBe(true);
  });
  it('not at another hour, and not on its first night when it was loaded in the evening', () => {
    expect(isNightlyReloadDue(loaded, new Date('2026-11-25T04:00:00+07:00'), zone)).toBe(false);
    const evening = Date.parse('2026-11-24T22:00:00+07:00');
    expect(isNightlyReloadDue(evening, new Date(evening + 5 * HOUR + 10 * 60_000), zone)).toBe(false);
  });
  it('reads the hour in the configured zone, not the browser’s', () => {
    // 03:30 in Hà Nội is 20:30 UTC the day before
    expect(isNightlyReloadDue(loaded, new Date('2026-11-24T20:30:00Z'), zone)).toBe(true);
    expect(isNightlyReloadDue(loaded, new Date('2026-11-24T20:30:00Z'), 'UTC')).toBe(false);
  });
});

describe('readIsQuiet', () => {
  const since = Date.parse('2026-11-24T10:00:00+07:00');
  const read = (overrides: Partial<ReadFreshness> = {}): ReadFreshness => ({ asOf: null, readAt: null, since, failed: false, ...overrides });
  it.each([
    ['its first read in flight, nothing remembered', read(), 5_000, false],
    ['its first read in flight, figures remembered from its last turn', read({ readAt: since - 10 * 60_000 }), 5_000, false],
    ['read a minute ago, the next read in flight', read({ readAt: since + 30_000 }), 95_000, false],
    ['its latest read failed', read({ readAt: since + 1_000, failed: true }), 61_000, true],
    ['no read answered since it came on screen', read(), QUIET_MS + 1, true],
    ['no read answered for longer than that', read({ readAt: since + 1_000 }), QUIET_MS + 1_001, true],
  ])('%s', (_case, freshness, after, quiet) => {
    expect(readIsQuiet(freshness, since + after)).toBe(quiet);
  });
});
