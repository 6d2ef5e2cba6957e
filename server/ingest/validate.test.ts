import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/catalog.service.js';
import { validateEvent, type ValidationContext } from './validate.js';

const ctx: ValidationContext = {
  catalog: { unit: () => ({}), procedure: () => undefined } as unknown as Catalog,
  now: new Date('2026-11-25T12:00:00Z'),
  timeZone: 'Asia/Ho_Chi_Minh',
  allowedUnits: null,
};
const rating = { id: 'r-1', type: 'rating.submitted', at: '2026-11-25T10:00:00Z', unitCode: 'HN-HK', score: 5 };

describe('validateEvent: text PostgreSQL cannot store', () => {
  it.each([
    ['NUL in a value', { ...rating, id: 'a\u0000b' }, 'nul'],
    ['NUL in a key', { ...rating, ['x\u0000']: 1 }, 'nul'],
    ['NUL deep in an array', { ...rating, extra: [[{ y: ['ok', '\u0000'] }]] }, 'nul'],
    ['a lone high surrogate', { ...rating, extra: 'a\ud800' }, 'encoding'],
    ['a lone low surrogate in a key', { ...rating, ['\udc00']: 1 }, 'encoding'],
    ['both in one event: NUL is reported', { ...rating, extra: ['\ud800', 'x\u0000'] }, 'nul'],
    ['both under one key: NUL is reported', { ...rating, ['\ud800']: '\u0000' }, 'nul'],
  ])('%s', (_name, event, reason) => {
    const result = validateEvent(event, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe(reason);
  });

  it('takes paired surrogates (emoji) and ordinary text', () => {
    expect(validateEvent({ ...rating, comment: 'Rất tốt 💥' }, ctx).ok).toBe(true);
  });
});
