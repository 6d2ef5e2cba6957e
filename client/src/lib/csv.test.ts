import { describe, expect, it } from 'vitest';
import { safeFileName, sheetName, toCsv } from './csv.js';

describe('toCsv', () => {
  it('starts with a BOM, quotes what needs it and uses CRLF', () => {
    const csv = toCsv({ name: 'x', columns: ['Đơn vị', 'Điểm'], rows: [['Quận "Hoàn Kiếm", HN', 93.4], ['Ba Đình', null]] });
    expect(csv).toBe('\ufeffĐơn vị,Điểm\r\n"Quận ""Hoàn Kiếm"", HN",93.4\r\nBa Đình,\r\n');
  });

  it('neutralises text cells a spreadsheet would run as formulas, but not numbers', () => {
    const csv = toCsv({ name: 'x', columns: ['a'], rows: [['=HYPERLINK("http://x","y")'], ['+1'], ['-2+3'], ['@SUM(A1)'], ['\tx'], [-3], ['Quận = 1']] });
    expect(csv.split('\r\n').slice(1, -1)).toEqual(['"\'=HYPERLINK(""http://x"",""y"")"', "'+1", "'-2+3", "'@SUM(A1)", "'\tx", '-3', 'Quận = 1']);
  });
});

describe('safeFileName', () => {
  it('keeps diacritics and drops separators', () => {
    expect(safeFileName('Xếp hạng / quận huyện: 24/11')).toBe('Xếp-hạng-quận-huyện-24-11');
    expect(safeFileName('///')).toBe('export');
    expect(safeFileName('Xếp hạng – Quận, huyện, thị xã 01/11/2026–26/11/2026')).toBe('Xếp-hạng–Quận-huyện-thị-xã-01-11-2026–26-11-2026');
    expect(safeFileName('– a; b –')).toBe('a-b');
  });
});

describe('sheetName', () => {
  it('makes a name Excel accepts: no separators or brackets, 31 characters at most', () => {
    expect(sheetName('Tổng quan 26/11/2026')).toBe('Tổng quan 26-11-2026');
    expect(sheetName("'[Xếp hạng]: quận huyện? * \\ 01/11/2026 – 26/11/2026'")).toBe('-Xếp hạng-- quận huyện- - - 01');
    expect(sheetName("''")).toBe('Sheet1');
  });
});
