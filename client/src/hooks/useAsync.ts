import { useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Results kept across mounts for `cacheMs`, so a wall display rotating back to a view does not re-read
 * slow-moving figures. Bounded: the oldest entries go first.
 */
const cache = new Map<string, { at: number; data: unknown }>();
const CACHE_LIMIT = 40;

function remember(key: string, data: unknown): void {
  cache.delete(key);
  cache.set(key, { at: Date.now(), data });
  while (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
}

/**
 * Runs `load` when `key` changes (and every `refreshMs` if given), aborting the previous run.
 * Keeps the last data while reloading, so a refresh never flashes an empty screen; and across a new key of the same
 * `series` (the same comparison a few minutes longer, the same trend with a new hour), where another series starts
 * from nothing.
 */
export function useAsync<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>, refreshMs?: number, cacheMs = 0, series?: string): AsyncState<T> {
  const [state, setState] = useState<{ key: string | null; series: string | undefined; data: T | null; error: Error | null; loading: boolean }>(
    { key: null, series: undefined, data: null, error: null, loading: key !== null });
  const keeps = (s: { key: string | null; series: string | undefined }) => s.key === key || (series !== undefined && s.series === series);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (key === null) return;
    const hit = cacheMs > 0 && tick === 0 ? cache.get(key) : undefined;
    if (hit && Date.now() - hit.at < cacheMs) {
      setState({ key, series, data: hit.data as T, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null, data: keeps(s) ? s.data : null, key, series }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        if (cacheMs > 0) remember(key, data);
        setState({ key, series, data, error: null, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, error: error instanceof Error ? error : new Error(String(error)), loading: false }));
      },
    );
    return () => controller.abort();
    // `series` is read with the key it came with: it changes only when the key does.
  }, [key, tick, cacheMs]);

  useEffect(() => {
    if (!refreshMs || key === null) return;
    const timer = setInterval(() => setTick((n) => n + 1), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, key]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: keeps(state) ? state.data : null, error: state.error, loading: state.loading, reload };
}
