/** Tables for export: one plain shape, written as CSV here and as XLSX by the export component. */
export type CellValue = string | number | null;

export interface ExportTable {
  /** File name without extension. */
  name: string;
  columns: string[];
  rows: CellValue[][];
}

/**
 * A text cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a leading tab/CR) gets a `'`
 * in front, so a unit named `=HYPERLINK(…)` stays text when the CSV is opened (OWASP "CSV injection").
 * Numbers are left alone: -3 is a number, not a formula. XLSX cells are typed strings and need no such guard.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(value: CellValue): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? neutralizeFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV with a UTF-8 byte order mark, so Excel opens Vietnamese text with its diacritics intact.
 * Numbers are written plainly (dot decimals) to stay machine-readable; the XLSX export is the one for reading.
 */
export function toCsv(table: ExportTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvCell).join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

/**
 * A file name safe on every OS, keeping Vietnamese letters readable: separators, commas and spaces become one `-`,
 * and a dash between words stays one dash ("Xếp hạng – Quận, huyện" → "Xếp-hạng–Quận-huyện").
 */
export function safeFileName(name: string): string {
  return name.normalize('NFC').replace(/[\\/:*?"<>|,;\s]+/g, '-').replace(/-*–-*/g, '–').replace(/-+/g, '-').replace(/^[-–]+|[-–]+$/g, '') || 'export';
}

/**
 * An Excel sheet name: at most 31 characters, none of `: \ / ? * [ ]`, not starting or ending with `'`.
 * The writer refuses any other, and the tables are named after their period ("Tổng quan 26/11/2026").
 */
export function sheetName(name: string): string {
  return name.normalize('NFC').replace(/[:\\/?*[\]]/g, '-').slice(0, 31).replace(/^'+|'+$/g, '').trim() || 'Sheet1';
}
