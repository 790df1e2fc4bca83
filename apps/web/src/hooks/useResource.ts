import { useCallback, useEffect, useRef, useState } from 'react';
import { toProblem } from '../api/client';
import type { Problem } from '../api/types';

/** How often live screens poll, in milliseconds. */
export const REFRESH_MS = 3000;

export interface ResourceState<T> {
  /** Last data loaded for this key; kept when a later refresh fails. */
  data: T | undefined;
  error: Problem | undefined;
  /** True while the first load or a retry is under way (not during background refreshes). */
  loading: boolean;
  /** When `data` was last loaded (epoch ms). */
  updatedAt: number | undefined;
  /** Loads again now, keeping what is shown meanwhile. */
  retry: () => void;
}

interface StoredState<T> {
  key: string;
  data: T | undefined;
  error: Problem | undefined;
  loading: boolean;
  updatedAt: number | undefined;
}

type Refresh<T> = number | ((data: T | undefined) => number | undefined) | undefined;

const initial = <T,>(key: string): StoredState<T> => ({
  key,
  data: undefined,
  error: undefined,
  loading: true,
  updatedAt: undefined,
});

/**
 * Loads data for `key` and, when `refresh` gives an interval, polls it: the next request starts
 * only after the previous one settled, and polling pauses while the page is hidden.
 * A new key starts from scratch; the loader is read at call time so it may be an inline function.
 */
export function useResource<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  refresh?: Refresh<T>,
): ResourceState<T> {
  const [state, setState] = useState<StoredState<T>>(() => initial<T>(key));
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  const refreshRef = useRef(refresh);

  useEffect(() => {
    loadRef.current = load;
    refreshRef.current = refresh;
  });

  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    let lastData: T | undefined;
    let stopped = false;

    const intervalFor = (data: T | undefined): number | undefined => {
      const value = refreshRef.current;
      return typeof value === 'function' ? value(data) : value;
    };

    const schedule = () => {
      const interval = intervalFor(lastData);
      if (stopped || interval === undefined) return;
      timer = window.setTimeout(tick, interval);
    };

    const run = async () => {
      try {
        const data = await loadRef.current(controller.signal);
        if (stopped) return;
        lastData = data;
        setState({ key, data, error: undefined, loading: false, updatedAt: Date.now() });
      } catch (error) {
        if (stopped || controller.signal.aborted) return;
        setState((previous) => ({
          ...(previous.key === key ? previous : initial<T>(key)),
          error: toProblem(error),
          loading: false,
        }));
      }
      schedule();
    };

    const tick = () => {
      if (document.hidden) {
        document.addEventListener('visibilitychange', onVisible);
        return;
      }
      void run();
    };

    function onVisible() {
      if (document.hidden) return;
      document.removeEventListener('visibilitychange', onVisible);
      if (!stopped) void run();
    }

    setState((previous) => (previous.key === key ? { ...previous, loading: true } : initial<T>(key)));
    void run();

    return () => {
      stopped = true;
      controller.abort();
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  // Until the effect for a new key has run, do not show the previous key's data.
  const current = state.key === key ? state : initial<T>(key);
  return { data: current.data, error: current.error, loading: current.loading, updatedAt: current.updatedAt, retry };
}
