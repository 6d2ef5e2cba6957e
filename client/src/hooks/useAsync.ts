import { useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` when `key` changes (and every `refreshMs` if given), aborting the previous run.
 * Keeps the last data while reloading, so a refresh never flashes an empty screen.
 */
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

export function useAsync<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>, refreshMs?: number, cacheMs = 0): AsyncState<T> {
  const [state, setState] = useState<{ key: string | null; data: T | null; error: Error | null; loading: boolean }>({ key: null, data: null, error: null, loading: key !== null });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (key === null) return;
    const hit = cacheMs > 0 && tick === 0 ? cache.get(key) : undefined;
    if (hit && Date.now() - hit.at < cacheMs) {
      setState({ key, data: hit.data as T, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null, data: s.key === key ? s.data : null, key }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        if (cacheMs > 0) remember(key, data);
        setState({ key, data, error: null, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, error: error instanceof Error ? error : new Error(String(error)), loading: false }));
      },
    );
    return () => controller.abort();
  }, [key, tick, cacheMs]);

  useEffect(() => {
    if (!refreshMs || key === null) return;
    const timer = setInterval(() => setTick((n) => n + 1), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, key]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.key === key ? state.data : null, error: state.error, loading: state.loading, reload };
}
