import { describe, expect, it } from 'vitest';
import { LastKnown } from './lastKnown.js';

describe('LastKnown', () => {
  it('recalls the last value remembered for a key, nothing for another', () => {
    const memory = new LastKnown<number>();
    expect(memory.recall('overview|today')).toBeNull();
    memory.remember('overview|today', 1);
    memory.remember('overview|today', 2);
    expect(memory.recall('overview|today')).toBe(2);
    expect(memory.recall('rankings:district|today')).toBeNull();
  });

  it('recalls a scoped value only in the same scope', () => {
    const memory = new LastKnown<string>();
    memory.remember('overview|today|trend', 'yesterday’s hours', '2026-11-25T17:00:00.000Z');
    expect(memory.recall('overview|today|trend', '2026-11-25T17:00:00.000Z')).toBe('yesterday’s hours');
    expect(memory.recall('overview|today|trend', '2026-11-26T17:00:00.000Z')).toBeNull();
    expect(memory.recall('overview|today|trend')).toBeNull();
  });
});
