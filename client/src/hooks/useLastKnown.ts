import { useEffect } from 'react';
import type { LastKnown } from '../live/lastKnown.js';

/**
 * `current` when there is one, else the last value remembered in `memory` for `key` (and `scope`): the value a view
 * of the wall display showed before a rotation remounted it. Every value shown is remembered.
 */
export function useLastKnown<T>(memory: LastKnown<T>, key: string, current: T | null, scope = ''): T | null {
  useEffect(() => {
    if (current !== null) memory.remember(key, current, scope);
  }, [memory, key, current, scope]);
  return current ?? memory.recall(key, scope);
}
