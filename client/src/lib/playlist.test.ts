import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYLIST, parseInterval, parsePlaylist, viewKey } from './playlist.js';

describe('parsePlaylist', () => {
  it('reads each kind of view', () => {
    const views = parsePlaylist('overview,rankings:district,rankings:department,unit:HN-HK');
    expect(views.map(viewKey)).toEqual(['overview', 'rankings:district', 'rankings:department', 'unit:HN-HK']);
  });
  it('skips what it does not know and falls back when nothing is left', () => {
    expect(parsePlaylist('bogus,unit:,unit:HN HK,rankings:planet').map(viewKey)).toEqual(['rankings:district']);
    expect(parsePlaylist('nothing')).toBe(DEFAULT_PLAYLIST);
    expect(parsePlaylist(null)).toBe(DEFAULT_PLAYLIST);
  });
});

describe('parseInterval', () => {
  it('clamps to sensible bounds', () => {
    expect(parseInterval('30')).toBe(30);
    expect(parseInterval('1')).toBe(5);
    expect(parseInterval('abc')).toBe(30);
    expect(parseInterval(null)).toBe(30);
  });
});
