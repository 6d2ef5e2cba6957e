import { describe, expect, it } from 'vitest';
import { deckSlides, parseCodes } from './deck.js';
import { viewKey } from './playlist.js';

describe('parseCodes', () => {
  it('keeps the codes in the order given, each once, leaving out what is no code', () => {
    expect(parseCodes('DD-CN,TP-CT')).toEqual(['DD-CN', 'TP-CT']);
    expect(parseCodes('TP-CT, DD-CN,TP-CT')).toEqual(['TP-CT', 'DD-CN']);
    expect(parseCodes('DD CN,,DD/CN,TP.CT_2')).toEqual(['TP.CT_2']);
    expect(parseCodes('x'.repeat(65))).toEqual([]);
    expect(parseCodes('')).toEqual([]);
    expect(parseCodes(null)).toEqual([]);
  });
});

describe('deckSlides', () => {
  it('puts the chosen procedures after the city’s procedures and before the chosen units, in the order given', () => {
    expect(deckSlides(['DD-CN', 'TP-CT'], ['HN-HK']).map(viewKey)).toEqual([
      'overview', 'rankings:district', 'rankings:department', 'procedures', 'procedure:DD-CN', 'procedure:TP-CT', 'unit:HN-HK',
    ]);
  });
  it('has the city’s slides alone when nothing is chosen', () => {
    expect(deckSlides([], []).map(viewKey)).toEqual(['overview', 'rankings:district', 'rankings:department', 'procedures']);
  });
});
