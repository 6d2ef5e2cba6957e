import { describe, expect, it } from 'vitest';
import { MERGE_WINDOW_MS, notableEvents, pushTicker } from './ticker.js';
import { unit } from './fixtures.js';

describe('notableEvents', () => {
  const before = [unit('A', 1, { overdue: 2, grade: 'good' }), unit('B', 5, { overdue: 0, grade: 'fair' })];

  it('reports a rising overdue count and a grade drop', () => {
    const events = notableEvents(before, [unit('A', 1, { overdue: 4, grade: 'fair' })]);
    expect(events).toEqual([
      { kind: 'overdueUp', unitCode: 'A', unitName: 'Quận A', from: 2, to: 4 },
      { kind: 'gradeDown', unitCode: 'A', unitName: 'Quận A', from: 'good', to: 'fair' },
    ]);
  });

  it('reports a grade rise and reaching the top three, but not a falling overdue count', () => {
    const events = notableEvents(before, [unit('B', 3, { overdue: 0, grade: 'good' })]);
    expect(events.map((e) => e.kind)).toEqual(['gradeUp', 'rankUp']);
    expect(notableEvents(before, [unit('A', 1, { overdue: 1, grade: 'good' })])).toEqual([]);
  });

  it('does not call a first score a rise into the top three', () => {
    const unscored = [unit('C', 9, { score: null, grade: null })];
    expect(notableEvents(unscored, [unit('C', 2, { grade: 'good' })]).map((e) => e.kind)).toEqual([]);
  });

  it('ignores units it has no earlier figures for', () => {
    expect(notableEvents(before, [unit('Z', 1, { overdue: 9 })])).toEqual([]);
  });
});

describe('pushTicker', () => {
  it('puts the newest first and stays bounded', () => {
    let items = pushTicker([], [{ kind: 'rankUp', unitCode: 'A', unitName: 'A', rank: 1 }], 't1', 1, 3);
    for (let seq = 2; seq < 10; seq++) {
      items = pushTicker(items, [{ kind: 'rankUp', unitCode: `U${seq}`, unitName: 'x', rank: 2 }], `t${seq}`, seq, 3);
    }
    expect(items.map((i) => i.event.unitCode)).toEqual(['U9', 'U8', 'U7']);
    expect(new Set(items.map((i) => i.id)).size).toBe(3);
  });
});

describe('pushTicker merging', () => {
  const rise = (from: number, to: number) => ({ kind: 'overdueUp' as const, unitCode: 'A', unitName: 'Quận A', from, to });
  it('merges a unit\'s overdue rises inside the window into one growing line', () => {
    let items = pushTicker([], [rise(3, 4)], '2026-11-24T10:00:00+07:00', 1);
    items = pushTicker(items, [{ kind: 'rankUp', unitCode: 'B', unitName: 'B', rank: 1 }], '2026-11-24T10:01:00+07:00', 2);
    items = pushTicker(items, [rise(4, 6)], '2026-11-24T10:02:00+07:00', 3);
    expect(items.map((i) => i.event)).toEqual([rise(3, 6), { kind: 'rankUp', unitCode: 'B', unitName: 'B', rank: 1 }]);
  });
  it('starts a new line after the window', () => {
    const later = new Date(Date.parse('2026-11-24T10:00:00+07:00') + MERGE_WINDOW_MS).toISOString();
    const items = pushTicker(pushTicker([], [rise(3, 4)], '2026-11-24T10:00:00+07:00', 1), [rise(4, 5)], later, 2);
    expect(items).toHaveLength(2);
  });
});
