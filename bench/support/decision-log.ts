import type pg from 'pg';
import type { EventStore } from '../../src/event-store/event-store.port.js';
import { decisionLogProjection } from '../../src/projections/governance/decision-log.projection.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';

/**
 * Runs the decision-log projection up to `size` events, as the projector role of an instance has
 * before anyone audits it: the audit compares the published decision log with the results it
 * recomputes, and the api role alone answers 503 until that read model has caught up.
 */
export async function catchUpDecisionLog(pool: pg.Pool, databaseUrl: string, store: EventStore, size: number): Promise<void> {
  const runner = new ProjectionRunner(databaseUrl, store, decisionLogProjection, { log: (m) => console.error(m) });
  runner.start();
  try {
    for (;;) {
      const { rows } = await pool.query<{ position: string }>("SELECT position FROM projections.checkpoints WHERE name = 'decision-log'").catch(() => ({ rows: [] as { position: string }[] }));
      if (rows.length > 0 && Number(rows[0].position) >= size) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await runner.stop();
  }
}
