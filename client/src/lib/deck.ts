/**
 * The presenter's slides, from its address (`/present?period=month&procedures=DD-CN,TP-CT&units=HN-HK,HN-BD`): the
 * city's, then each chosen procedure across the units, then each chosen unit. They are the wall's views (playlist.ts),
 * so a slide and a wall's view of the same thing have one name and one title.
 */
import { CODE_PATTERN } from '../../../shared/catalog.js';
import type { DisplayView } from './playlist.js';

/** Codes as the address lists them: in the order given, each once, a malformed one (a mistyped link) left out. */
export function parseCodes(value: string | null): string[] {
  return [...new Set((value ?? '').split(',').map((code) => code.trim()).filter((code) => CODE_PATTERN.test(code)))];
}

export function deckSlides(procedureCodes: readonly string[], unitCodes: readonly string[]): DisplayView[] {
  return [
    { type: 'overview' },
    { type: 'rankings', kind: 'district' },
    { type: 'rankings', kind: 'department' },
    { type: 'procedures' },
    ...procedureCodes.map((procedureCode): DisplayView => ({ type: 'procedure', procedureCode })),
    ...unitCodes.map((unitCode): DisplayView => ({ type: 'unit', unitCode })),
  ];
}
