import { describe, expect, it } from 'vitest';
import { isoInZone, resolveNamedPeriod } from './periods.js';
import type { NamedPeriod } from './snapshot.js';

const TZ = 'Asia/Ho_Chi_Minh';

function resolved(period: NamedPeriod, now: string) {
  const p = resolveNamedPeriod(period, new Date(now), TZ);
  return { from: p.from.toISOString(), to: p.to.toISOString() };
}

describe('resolveNamedPeriod in Asia/Ho_Chi_Minh', () => {
  // Tuesday 2026-11-24 10:15 local.
  const now = '2026-11-24T10:15:00+07:00';
  it.each([
    ['today', { from: '2026-11-23T17:00:00.000Z', to: '2026-11-24T17:00:00.000Z' }],
    ['7d', { from: '2026-11-17T17:00:00.000Z', to: '2026-11-24T17:00:00.000Z' }],
    ['30d', { from: '2026-10-25T17:00:00.000Z', to: '2026-11-24T17:00:00.000Z' }],
    ['month', { from: '2026-10-31T17:00:00.000Z', to: '2026-11-30T17:00:00.000Z' }],
    ['quarter', { from: '2026-09-30T17:00:00.000Z', to: '2026-12-31T17:00:00.000Z' }],
    ['year', { from: '2025-12-31T17:00:00.000Z', to: '2026-12-31T17:00:00.000Z' }],
  ] as const)('%s', (period, expected) => {
    expect(resolved(period, now)).toEqual(expected);
  });

  it('takes an instant at 23:30Z as already the next local day', () => {
    // 2026-11-24T23:30Z = 2026-11-25T06:30+07:00
    expect(resolved('today', '2026-11-24T23:30:00Z')).toEqual({ from: '2026-11-24T17:00:00.000Z', to: '2026-11-25T17:00:00.000Z' });
  });

  it('takes 16:59:59Z as still the same local day, 17:00Z as the next', () => {
    expect(resolved('today', '2026-11-24T16:59:59Z').from).toBe('2026-11-23T17:00:00.000Z');
    expect(resolved('today', '2026-11-24T17:00:00Z').from).toBe('2026-11-24T17:00:00.000Z');
  });

  it('rolls month, quarter and year over at local midnight, not UTC midnight', () => {
    // 2026-12-31T17:30Z is already 2027-01-01 00:30 local.
    const at = '2026-12-31T17:30:00Z';
    expect(resolved('month', at)).toEqual({ from: '2026-12-31T17:00:00.000Z', to: '2027-01-31T17:00:00.000Z' });
    expect(resolved('quarter', at)).toEqual({ from: '2026-12-31T17:00:00.000Z', to: '2027-03-31T17:00:00.000Z' });
    expect(resolved('year', at)).toEqual({ from: '2026-12-31T17:00:00.000Z', to: '2027-12-31T17:00:00.000Z' });
    // 16:30Z the same day is still 31 December locally.
    expect(resolved('month', '2026-12-31T16:30:00Z')).toEqual({ from: '2026-11-30T17:00:00.000Z', to: '2026-12-31T17:00:00.000Z' });
  });

  it('handles month ends of different lengths and leap years', () => {
    expect(resolved('month', '2028-02-15T12:00:00+07:00')).toEqual({ from: '2028-01-31T17:00:00.000Z', to: '2028-02-29T17:00:00.000Z' });
    // 00:10 on 1 March local: the last 30 local days are 31 January – 1 March
    expect(resolved('30d', '2026-03-01T00:10:00+07:00')).toEqual({ from: '2026-01-30T17:00:00.000Z', to: '2026-03-01T17:00:00.000Z' });
  });

  it('answers a different day in another time zone', () => {
    const p = resolveNamedPeriod('today', new Date('2026-11-24T23:30:00Z'), 'UTC');
    expect(p.from.toISOString()).toBe('2026-11-24T00:00:00.000Z');
  });
});

describe('isoInZone', () => {
  it('writes instants with the zone offset', () => {
    expect(isoInZone(new Date('2026-11-24T03:15:00Z'), TZ)).toBe('2026-11-24T10:15:00+07:00');
    expect(isoInZone(new Date('2026-11-24T17:30:00Z'), TZ)).toBe('2026-11-25T00:30:00+07:00');
  });

  it('writes in UTC an instant whose offset has seconds, which ±hh:mm cannot name (local mean time before 1906)', () => {
    const instant = new Date('1900-01-01T00:00:00Z');
    expect(Date.parse(isoInZone(instant, TZ))).toBe(instant.getTime());
    expect(isoInZone(instant, TZ)).toBe('1900-01-01T00:00:00Z');
    expect(isoInZone(new Date('1943-01-01T00:00:00Z'), TZ)).toBe('1943-01-01T08:00:00+08:00');
  });
});
