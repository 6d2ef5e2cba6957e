/**
 * The wall display's playlist, read from its address:
 * `/display?views=overview,rankings:district,procedures,procedure:DD-CN,unit:HN-HK&interval=30`.
 */
import { CODE_PATTERN, UNIT_KINDS, type UnitKind } from '../../../shared/catalog.js';
import type { MessageKey } from '../i18n/vi.js';

export type DisplayView =
  | { type: 'overview' }
  | { type: 'rankings'; kind: UnitKind }
  | { type: 'procedures' }
  | { type: 'procedure'; procedureCode: string }
  | { type: 'unit'; unitCode: string };


export const DEFAULT_PLAYLIST: DisplayView[] = [{ type: 'overview' }, { type: 'rankings', kind: 'district' }, { type: 'rankings', kind: 'department' }];
export const DEFAULT_INTERVAL_S = 30;
const MIN_INTERVAL_S = 5;
const MAX_INTERVAL_S = 3600;

const isKind = (value: string): value is UnitKind => (UNIT_KINDS as readonly string[]).includes(value);

/** Unknown entries are skipped rather than breaking a display nobody can click on. */
export function parsePlaylist(value: string | null): DisplayView[] {
  if (!value) return DEFAULT_PLAYLIST;
  const views: DisplayView[] = [];
  for (const entry of value.split(',').map((s) => s.trim())) {
    const [type, arg] = entry.split(':', 2);
    if (type === 'overview') views.push({ type: 'overview' });
    else if (type === 'rankings') views.push({ type: 'rankings', kind: arg && isKind(arg) ? arg : 'district' });
    else if (type === 'procedures') views.push({ type: 'procedures' });
    else if (type === 'procedure' && arg && CODE_PATTERN.test(arg)) views.push({ type: 'procedure', procedureCode: arg });
    else if (type === 'unit' && arg && CODE_PATTERN.test(arg)) views.push({ type: 'unit', unitCode: arg });
  }
  return views.length > 0 ? views : DEFAULT_PLAYLIST;
}

export function parseInterval(value: string | null): number {
  const seconds = Number(value);
  if (!value || !Number.isFinite(seconds)) return DEFAULT_INTERVAL_S;
  return Math.min(MAX_INTERVAL_S, Math.max(MIN_INTERVAL_S, seconds));
}

export function viewKey(view: DisplayView): string {
  switch (view.type) {
    case 'overview': return 'overview';
    case 'rankings': return `rankings:${view.kind}`;
    case 'procedures': return 'procedures';
    case 'procedure': return `procedure:${view.procedureCode}`;
    case 'unit': return `unit:${view.unitCode}`;
  }
}

/**
 * A city-wide view by name ('Tổng quan', 'Xếp hạng – Quận, huyện, thị xã', 'Thủ tục có hồ sơ trễ hạn, quá hạn'):
 * the wall's slide headings, the admin page's playlists, the presenter's slides and the pictures saved of them.
 */
export function cityViewTitle(view: Exclude<DisplayView, { type: 'unit' | 'procedure' }>, t: (key: MessageKey) => string): string {
  switch (view.type) {
    case 'overview': return t('navOverview');
    case 'rankings': return `${t('navRankings')} – ${t(`kind_${view.kind}`)}`;
    case 'procedures': return t('proceduresSlideTitle');
  }
}
