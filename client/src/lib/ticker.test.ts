import { describe, expect, it } from 'vitest';
import { notableEvents, pushTicker } from './ticker.js';
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
