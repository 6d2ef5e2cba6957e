/** The wall display's playlist, read from its address: `/display?views=overview,rankings:district,unit:HN-HK&interval=30`. */
import { UNIT_KINDS, type UnitKind } from '../../../shared/catalog.js';
import type { MessageKey } from '../i18n/vi.js';

export type DisplayView =
  | { type: 'overview' }
  | { type: 'rankings'; kind: UnitKind }
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
    else if (type === 'unit' && arg && /^[A-Za-z0-9._-]{1,64}$/.test(arg)) views.push({ type: 'unit', unitCode: arg });
  }
  return views.length > 0 ? views : DEFAULT_PLAYLIST;
}

export function parseInterval(value: string | null): number {
  const seconds = Number(value);
  if (!value || !Number.isFinite(seconds)) return DEFAULT_INTERVAL_S;
  return Math.min(MAX_INTERVAL_S, Math.max(MIN_INTERVAL_S, seconds));
}

export function viewKey(view: DisplayView): string {
  return view.type === 'overview' ? 'overview' : view.type === 'rankings' ? `rankings:${view.kind}` : `unit:${view.unitCode}`;
}

/** A city-wide view by name ('Tổng quan', 'Xếp hạng – Quận, huyện, thị xã'): the wall's slide headings, the admin page's playlists. */
export function cityViewTitle(view: Exclude<DisplayView, { type: 'unit' }>, t: (key: MessageKey) => string): string {
  return view.type === 'overview' ? t('navOverview') : `${t('navRankings')} – ${t(`kind_${view.kind}`)}`;
}
