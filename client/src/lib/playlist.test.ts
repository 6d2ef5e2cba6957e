import { describe, expect, it } from 'vitest';
import { vi as messages } from '../i18n/vi.js';
import { cityViewTitle, DEFAULT_PLAYLIST, parseInterval, parsePlaylist, viewKey } from './playlist.js';

describe('parsePlaylist', () => {
  it('reads each kind of view', () => {
    const views = parsePlaylist('overview,rankings:district,rankings:department,procedures,procedure:DD-CN,unit:HN-HK');
    expect(views.map(viewKey)).toEqual(['overview', 'rankings:district', 'rankings:department', 'procedures', 'procedure:DD-CN', 'unit:HN-HK']);
    expect(parsePlaylist('procedures')).toEqual([{ type: 'procedures' }]);
    expect(parsePlaylist('procedure:DD-CN')).toEqual([{ type: 'procedure', procedureCode: 'DD-CN' }]);
  });
  it('skips what it does not know and falls back when nothing is left', () => {
    expect(parsePlaylist('bogus,unit:,unit:HN HK,procedure:,procedure:DD CN,procedure,rankings:planet').map(viewKey)).toEqual(['rankings:district']);
    expect(parsePlaylist('nothing')).toBe(DEFAULT_PLAYLIST);
    expect(parsePlaylist(null)).toBe(DEFAULT_PLAYLIST);
  });
});

describe('cityViewTitle', () => {
  const t = (key: keyof typeof messages) => messages[key];
  it('names each city-wide view as the wall, the admin page and the presenter show it', () => {
    expect(cityViewTitle({ type: 'overview' }, t)).toBe('Tổng quan');
    expect(cityViewTitle({ type: 'rankings', kind: 'district' }, t)).toBe('Xếp hạng – Quận, huyện, thị xã');
    expect(cityViewTitle({ type: 'procedures' }, t)).toBe('Thủ tục có hồ sơ trễ hạn, quá hạn');
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
