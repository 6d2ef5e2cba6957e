import { describe, expect, it } from 'vitest';
import { Calendar } from './calendar.js';
import { dueDateFromWorkingDays } from './working-days.js';

const TZ = 'Asia/Ho_Chi_Minh';
const NONE = new Set<string>();
const TET_2026 = new Set(['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22']);
const MAY_2026 = new Set(['2026-04-30', '2026-05-01']);

describe('dueDateFromWorkingDays', () => {
  it.each([
    // received (local), working days, holidays, due (local)
    ['Tuesday + 1 → Wednesday close', '2026-11-24T10:00:00+07:00', 1, NONE, '2026-11-25T17:00:00+07:00'],
    ['Friday + 1 skips the weekend', '2026-11-20T10:00:00+07:00', 1, NONE, '2026-11-23T17:00:00+07:00'],
    ['Friday + 3 → Wednesday', '2026-11-20T10:00:00+07:00', 3, NONE, '2026-11-25T17:00:00+07:00'],
    ['Saturday + 1 → Monday', '2026-11-21T10:00:00+07:00', 1, NONE, '2026-11-23T17:00:00+07:00'],
    ['Tuesday + 10 → two weeks later', '2026-11-24T10:00:00+07:00', 10, NONE, '2026-12-08T17:00:00+07:00'],
    ['0 days on a working day → its close', '2026-11-24T10:00:00+07:00', 0, NONE, '2026-11-24T17:00:00+07:00'],
    ['0 days on a Saturday → Monday close', '2026-11-21T10:00:00+07:00', 0, NONE, '2026-11-23T17:00:00+07:00'],
    ['0 days after closing → the end of that day', '2026-11-24T18:00:00+07:00', 0, NONE, '2026-11-24T23:59:59+07:00'],
    ['0 days on a holiday → the next working day', '2026-04-30T09:00:00+07:00', 0, MAY_2026, '2026-05-04T17:00:00+07:00'],
    ['holidays from the set are skipped', '2026-04-29T09:00:00+07:00', 2, MAY_2026, '2026-05-05T17:00:00+07:00'],
    ['the same days without the holidays', '2026-04-29T09:00:00+07:00', 2, NONE, '2026-05-01T17:00:00+07:00'],
    ['Tết: Friday before + 1 → the Monday after the holiday week', '2026-02-13T09:00:00+07:00', 1, TET_2026, '2026-02-23T17:00:00+07:00'],
    ['Tết: Friday before + 3', '2026-02-13T09:00:00+07:00', 3, TET_2026, '2026-02-25T17:00:00+07:00'],
    // 16:30Z on the 24th is 23:30 local on the 24th (Tuesday)
    ['late in the local evening counts from that local day', '2026-11-24T16:30:00Z', 1, NONE, '2026-11-25T17:00:00+07:00'],
    // 17:30Z on the 24th is already Wednesday 00:30 local
    ['just after local midnight counts from the next local day', '2026-11-24T17:30:00Z', 1, NONE, '2026-11-26T17:00:00+07:00'],
    // 17:30Z on Friday is Saturday 00:30 local
    ['Friday evening UTC is Saturday locally', '2026-11-20T17:30:00Z', 0, NONE, '2026-11-23T17:00:00+07:00'],
  ] as const)('%s', (_name, received, days, holidays, due) => {
    expect(dueDateFromWorkingDays(new Date(received), days, holidays, TZ).toISOString()).toBe(new Date(due).toISOString());
  });
});

describe('wall-clock times across a daylight-saving shift (a zone other than the default)', () => {
  it('closing time on the day clocks go forward is 17:00 local, not 17 hours after midnight', () => {
    // Europe/Paris moves from +01:00 to +02:00 at 02:00 on 2026-03-29.
    expect(new Calendar('Europe/Paris', new Set()).at('2026-03-29', 17 * 60)).toBe(Date.parse('2026-03-29T17:00:00+02:00'));
  });
  it('matches the offset of the due day when the shift falls between receipt and due date', () => {
    // Received Friday 27/3 at +01:00, one working day → Monday 30/3 17:00 at +02:00.
    expect(dueDateFromWorkingDays(new Date('2026-03-27T10:00:00+01:00'), 1, new Set(), 'Europe/Paris').toISOString()).toBe(
      new Date('2026-03-30T17:00:00+02:00').toISOString(),
    );
  });
});
