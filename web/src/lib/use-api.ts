// Loads JSON for a component: the latest answer for the latest URL, earlier requests aborted, errors kept.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, getJson } from '../api/client.js';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/** `url` null means "nothing to load yet". */
export function useApi<T>(url: string | null): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: url !== null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (url === null) return;
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    getJson<T>(url, ctrl.signal).then(
      (data) => setState({ data, error: null, loading: false }),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        const error = err instanceof ApiError ? err : new ApiError(0, 'network', err instanceof Error ? err.message : String(err), {});
        // Keep the last good data on screen beside the error (a mistyped filter should not blank the page).
        setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
    return () => ctrl.abort();
  }, [url, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
