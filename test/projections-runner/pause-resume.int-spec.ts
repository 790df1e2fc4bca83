import { jest } from '@jest/globals';
import type pg from 'pg';
import type { EventEnvelope } from '../../src/events/envelope.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { pauseProjection, resumeProjection } from '../../src/projections/checkpoints.js';
import type { Projection } from '../../src/projections/projection.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { communityHistory } from '../projections/support/events.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { appendLog, checkpoint, readWholeLog, renumber, startRunners, waitForCheckpoints, waitUntil } from './support/harness.js';

jest.setTimeout(30_000);

/**
 * Operator control of the runner (issue 6): a paused projection stops applying (in state paused)
 * until resumed and then carries on from its checkpoint; a poison event stops its projection at
 * that very event, it stays failed (a restart does not retry it), and resume after a fix applies
 * it and the rest: each event exactly once.
 */

const FIRST = renumber([1, 2].flatMap((seed) => communityHistory(seed).events));
const LATER = renumber([3].flatMap((seed) => communityHistory(seed).events), FIRST.length);
const TYPES = [...new Set([...FIRST, ...LATER].map((e) => e.type))];

function copyProjection(name: string, refusePosition?: number): Projection {
  const table = `read_models.${name}`;
  const refuse = refusePosition === undefined ? '' : `, CONSTRAINT ${name}_refuses CHECK (position <> ${refusePosition})`;
  return {
    name,
    version: 1,
    handles: TYPES,
    tables: [table],
    schema: `CREATE TABLE IF NOT EXISTS ${table} (position bigint PRIMARY KEY, id uuid NOT NULL UNIQUE${refuse})`,
    async apply(batch, tx) {
      await tx.query(`INSERT INTO ${table} (position, id) SELECT * FROM unnest($1::bigint[], $2::uuid[])`, [batch.map((e) => e.position), batch.map((e) => e.id)]);
    },
  };
}

async function copied(pool: pg.Pool, name: string): Promise<[number, string][]> {
  const { rows } = await pool.query<{ position: string; id: string }>(`SELECT position, id FROM read_models.${name} ORDER BY position`);
  return rows.map((r) => [Number(r.position), r.id]);
}

const asRows = (log: readonly EventEnvelope[]): [number, string][] => log.map((e) => [e.position, e.id]);

let db: TestDatabase;
let store: PostgresEventStore;
const runners: ProjectionRunner[] = [];

beforeEach(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.pool, db.url);
  await appendLog(store, FIRST);
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  await store.close();
  await db.drop();
});

function run(projections: readonly Projection[]): ProjectionRunner[] {
  const started = startRunners(db.url, store, projections, { batchSize: 100, idleCheckMs: 100 });
  runners.push(...started);
  return started;
}

it('a paused projection stops applying until resumed, then carries on from where it stopped; the others go on', async () => {
  const paused = copyProjection('paused_copy');
  const other = copyProjection('other_copy');
  const [runner] = run([paused, other]);
  await waitForCheckpoints(db.pool, ['paused_copy', 'other_copy'], FIRST.length);

  await pauseProjection(db.pool, paused);
  await waitUntil('the runner to pause', () => runner!.status.kind === 'paused');
  expect(runner!.status).toEqual({ kind: 'paused', position: FIRST.length });
  await appendLog(store, LATER);
  const whole = await readWholeLog(store);
  await waitForCheckpoints(db.pool, ['other_copy'], whole.length);
  await new Promise((r) => setTimeout(r, 500));
  expect(await checkpoint(db.pool, 'paused_copy')).toMatchObject({ position: FIRST.length, status: 'paused' });
  expect(await copied(db.pool, 'paused_copy')).toEqual(asRows(whole.slice(0, FIRST.length)));

  // A runner started while it is paused (a restart, a standby taking over) stays paused too.
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  const [restarted] = run([paused]);
  await waitUntil('the restarted runner to be paused', () => restarted!.status.kind === 'paused');

  const before = await resumeProjection(db.pool, paused);
  expect(before).toMatchObject({ status: 'paused', position: FIRST.length });
  await waitForCheckpoints(db.pool, ['paused_copy'], whole.length);
  expect(restarted!.status).toEqual({ kind: 'running', position: whole.length });
  expect(await copied(db.pool, 'paused_copy')).toEqual(asRows(whole));
});

it('a poison event stops its projection at that event; it stays failed across a restart; resume after the fix completes it exactly once', async () => {
  const POISON = 301;
  const poisoned = copyProjection('poisoned_copy', POISON);
  const [runner] = run([poisoned, copyProjection('healthy_copy')]);
  const log = await readWholeLog(store);
  await waitForCheckpoints(db.pool, ['healthy_copy'], log.length);
  const failed = await waitUntil('the poisoned projection to fail', async () => {
    const c = await checkpoint(db.pool, 'poisoned_copy');
    return c?.status === 'failed' ? c : undefined;
  });
  // The batch holding it was retried event by event: everything before the poison is applied.
  expect(failed.position).toBe(POISON);
  expect(failed.error).toContain('poisoned_copy_refuses');
  expect(failed.error).toContain(`batch from position ${POISON}; event ${log[POISON]!.id} of type ${log[POISON]!.type}`);
  expect(runner!.status).toEqual({ kind: 'failed', position: POISON, error: failed.error });
  expect(await copied(db.pool, 'poisoned_copy')).toEqual(asRows(log.slice(0, POISON)));

  // A restart does not retry it by itself.
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  const [restarted] = run([poisoned]);
  await waitUntil('the restarted runner to hold it failed', () => restarted!.status.kind === 'failed');
  await new Promise((r) => setTimeout(r, 400));
  expect(await checkpoint(db.pool, 'poisoned_copy')).toMatchObject({ position: POISON, status: 'failed' });

  // Resuming without a fix fails again at the same event.
  await resumeProjection(db.pool, poisoned);
  const resumed = (await checkpoint(db.pool, 'poisoned_copy'))!;
  expect(resumed.status).toBe('running');
  const again = await waitUntil('it to fail again', async () => {
    const c = await checkpoint(db.pool, 'poisoned_copy');
    return c?.status === 'failed' && c.updatedAt > resumed.updatedAt ? c : undefined;
  });
  expect(again).toMatchObject({ position: POISON, error: failed.error });

  await db.pool.query('ALTER TABLE read_models.poisoned_copy DROP CONSTRAINT poisoned_copy_refuses');
  await resumeProjection(db.pool, poisoned);
  await waitForCheckpoints(db.pool, ['poisoned_copy'], log.length);
  expect(await copied(db.pool, 'poisoned_copy')).toEqual(asRows(log));
  expect(restarted!.status).toEqual({ kind: 'running', position: log.length });
});
