import { describe, expect, it } from 'vitest';
import { parseUnitList } from './adminApi.js';

describe('parseUnitList', () => {
  it('splits on commas and spaces, dropping blanks; empty is null (all units)', () => {
    expect(parseUnitList('HN-HK, HN-BD;HN-TH  ')).toEqual(['HN-HK', 'HN-BD', 'HN-TH']);
    expect(parseUnitList('  ')).toBeNull();
  });
});
