import type pg from 'pg';
import { projectionProgress } from './projection-runner.js';

const POLL_MS = 50;

/**
 * Read-your-writes: a command answers with the global position of its events; a query given that
 * position waits, up to a bound, until the projections it reads have applied it. Runners in this
 * process wake it at once; a poll of the checkpoints covers runners in other processes.
 */
export async function waitForProjections(pool: pg.Pool, names: readonly string[], position: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ behind: string }>(
      'SELECT count(*) AS behind FROM unnest($1::text[]) AS n(name) LEFT JOIN projections.checkpoints c USING (name) WHERE c.position IS NULL OR c.position <= $2',
      [names, position],
    );
    if (Number(rows[0]!.behind) === 0) return true;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        projectionProgress.off('advanced', onAdvance);
        resolve();
      };
      const onAdvance = (name: string, reached: number) => {
        if (names.includes(name) && reached > position) done();
      };
      const timer = setTimeout(done, Math.min(POLL_MS, remaining));
      projectionProgress.on('advanced', onAdvance);
    });
  }
}
