import { createContext, useContext, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';
import type { Formatter } from '../lib/format.js';
import { safeFileName } from '../lib/csv.js';
import { coveredUntil } from './PeriodLine.js';

/** The dates a view's figures cover, as its exports' file names carry them ("" outside a view). */
const PeriodOfExports = createContext('');

/**
 * Names every file exported inside it after the period of `figures`, from its first day to the last it covers
 * ("26/11/2026", "01/11/2026–26/11/2026"): a deck gathers charts and tables of several periods, and a file called
 * "Xếp hạng" alone does not say which.
 */
export function ExportPeriod({ figures, children }: { figures: FiguresPeriod; children: ReactNode }) {
  const { fmt } = useI18n();
  return <PeriodOfExports.Provider value={exportPeriod(fmt, figures)}>{children}</PeriodOfExports.Provider>;
}

interface FiguresPeriod { from: string; to: string; asOf: string }

/** The dates figures cover, as file names carry them: "26/11/2026", "01/11/2026–26/11/2026". */
export function exportPeriod(fmt: Formatter, figures: FiguresPeriod): string {
  const first = fmt.date(figures.from);
  const last = fmt.date(coveredUntil({ from: new Date(figures.from), to: new Date(figures.to) }, new Date(figures.asOf)));
  return first === last ? first : `${first}–${last}`;
}

/** A download's file name: what it is, the period of its figures (if any), its extension; safe on every system. */
export function exportFileName(name: string, period: string, extension: string): string {
  return `${safeFileName(period ? `${name} ${period}` : name)}.${extension}`;
}

/** Names a download inside `ExportPeriod` (`exportFileName`). */
export function useExportFileName(): (name: string, extension: string) => string {
  const period = useContext(PeriodOfExports);
  return (name, extension) => exportFileName(name, period, extension);
}
