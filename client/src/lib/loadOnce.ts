/**
 * A chunk imported once and remembered: `loaded()` answers it synchronously once there (so a component can render
 * it without suspending), `load()` imports it at most once at a time, and a failed import is tried again next time.
 */
export interface LoadOnce<T> {
  load(): Promise<T>;
  loaded(): T | null;
}

export function loadOnce<T>(importer: () => Promise<T>): LoadOnce<T> {
  let value: T | null = null;
  let loading: Promise<T> | null = null;
  return {
    load: () =>
      (loading ??= importer().then(
        (result) => (value = result),
        (error: unknown) => {
          loading = null;
          throw error;
        },
      )),
    loaded: () => value,
  };
}
