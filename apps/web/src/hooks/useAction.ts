import { useCallback, useRef, useState } from 'react';
import { toProblem } from '../api/client';
import type { Problem } from '../api/types';

export interface ActionState<A extends unknown[]> {
  busy: boolean;
  problem: Problem | undefined;
  /** Runs the action; a second call while one runs is ignored. Returns whether it succeeded. */
  run: (...args: A) => Promise<boolean>;
  /** Runs the last call again (after a failure), with the same arguments. */
  retry: () => void;
  clear: () => void;
}

/**
 * A user's action against the server: busy while it runs, the problem (RFC 9457) when it fails.
 * The form keeps its fields (they live in the caller's state), so a failed request loses nothing.
 */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<void>): ActionState<A> {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const running = useRef(false);
  const lastArgs = useRef<A | null>(null);
  const actionRef = useRef(action);
  actionRef.current = action;

  const run = useCallback(async (...args: A): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    lastArgs.current = args;
    setBusy(true);
    setProblem(undefined);
    try {
      await actionRef.current(...args);
      return true;
    } catch (error) {
      setProblem(toProblem(error));
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  const retry = useCallback(() => {
    if (lastArgs.current) void run(...lastArgs.current);
  }, [run]);

  const clear = useCallback(() => setProblem(undefined), []);
  return { busy, problem, run, retry, clear };
}

/** A problem made in the browser (validation before sending, a key that is missing), shown like the server's. */
export class LocalProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
    this.name = 'LocalProblem';
  }
}
