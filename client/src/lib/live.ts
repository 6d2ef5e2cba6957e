/** Pure state transitions of a live city subscription: merging coalesced updates into the last snapshot. */
import { compareForRank } from '../../../shared/figures.js';
import type { Snapshot, UnitFigures } from '../../../shared/snapshot.js';
import type { LiveUpdate } from '../../../shared/live.js';

/** Whether an update follows the last message of the subscription; otherwise the client must resync. */
export function isNextSeq(lastSeq: number | null, update: Pick<LiveUpdate, 'seq'>): boolean {
  return lastSeq !== null && update.seq === lastSeq + 1;
}

/**
 * Applies an update: changed units replace theirs by code, units unknown so far are added (a catalog grew),
 * and the list is re-sorted by the rank the server gave, so the client never re-ranks on its own.
 */
export function mergeUpdate(snapshot: Snapshot, update: LiveUpdate): Snapshot {
  const changed = new Map(update.units.filter((u) => u.kind === snapshot.kind).map((u) => [u.code, u]));
  const units: UnitFigures[] = snapshot.units.map((u) => {
    const next = changed.get(u.code);
    if (next) changed.delete(u.code);
    return next ?? u;
  });
  units.push(...changed.values());
  units.sort((a, b) => a.rank - b.rank || compareForRank(a, b));
  return { ...snapshot, asOf: update.asOf, total: update.total, units };
}
