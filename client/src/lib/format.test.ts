import { describe, expect, it } from 'vitest';
import { createFormatter } from './format.js';

describe('createFormatter', () => {
  const vi = createFormatter('vi', 'Asia/Ho_Chi_Minh');
  const en = createFormatter('en', 'Asia/Ho_Chi_Minh');

  it('uses . for thousands and , for decimals in Vietnamese', () => {
    expect(vi.count(1895)).toBe('1.895');
    expect(vi.percent(0.8711)).toBe('87,11\u00a0%');
    expect(vi.score(93.44)).toBe('93,4');
    expect(en.count(1895)).toBe('1,895');
    expect(en.percent(0.8711)).toBe('87.11%');
  });

  it('shows a dash for missing figures', () => {
    expect(vi.percent(null)).toBe('–');
    expect(vi.score(null)).toBe('–');
    expect(vi.count(null)).toBe('–');
  });

  it('signs changes with a real minus and no sign for zero', () => {
    expect(vi.signed(12)).toBe('+12');
    expect(vi.signed(-3)).toBe('−3');
    expect(vi.signed(0)).toBe('0');
    expect(vi.signed(1.25, 1)).toBe('+1,3');
    expect(vi.signed(-0.01, 1)).toBe('0,0');
  });

  it('formats dates as dd/MM/yyyy and 24-hour time in the configured zone', () => {
    const instant = '2026-11-24T15:05:09Z'; // 22:05:09 in Hà Nội
    expect(vi.date(instant)).toBe('24/11/2026');
    expect(vi.time(instant)).toBe('22:05:09');
    expect(vi.dateTime('2026-11-24T17:30:00Z')).toBe('25/11/2026 00:30');
    expect(en.date(instant)).toBe('24/11/2026');
    expect(createFormatter('vi', 'UTC').hourMinute(instant)).toBe('15:05');
  });

  it('names a calendar date’s weekday, whatever the time zone', () => {
    expect(vi.day('2026-04-27')).toBe('Thứ Hai, 27/04/2026');
    expect(en.day('2026-09-02')).toBe('Wednesday, 02/09/2026');
    expect(createFormatter('vi', 'America/Los_Angeles').day('2026-01-01')).toBe('Thứ Năm, 01/01/2026');
  });
});
