import { jest } from '@jest/globals';
import type pg from 'pg';
import type { EventEnvelope } from '../../src/events/envelope.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { ALL_PROJECTIONS } from '../../src/projections/all-projections.js';
import { rebuildBlueGreen, RebuildAlreadyRunning, shadowSchemaOf } from '../../src/projections/blue-green.js';
import { projectionStatuses, REBUILD_LOCK_NAMESPACE } from '../../src/projections/checkpoints.js';
import { membersProjection } from '../../src/projections/members/members.projection.js';
import type { Projection } from '../../src/projections/projection.js';
import { ProjectionRunner, type RunnerOptions } from '../../src/projections/projection-runner.js';
import { installAnalytics } from '../projections/support/db.js';
import { communityHistory } from '../projections/support/events.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { appendLog, checkpoint, cleanBuild, READ_MODEL_TABLES, readWholeLog, renumber, snapshotTables, startRunners, waitForCheckpoints, waitUntil } from './support/harness.js';

jest.setTimeout(60_000);

/**
 * Blue-green rebuilds (DESIGN §4, ADR 0014) against a real PostgreSQL and the real projections:
 * built beside the live tables while the live runner goes on, swapped in with the events
 * appended meanwhile, resumed after an interruption, and run by the projector on a version upgrade.
 */

const FIRST = renumber([1, 2, 3].flatMap((seed) => communityHistory(seed).events));
const LATER = renumber([4, 5].flatMap((seed) => communityHistory(seed).events), FIRST.length);
const NAMES = ALL_PROJECTIONS.map((p) => p.name);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

async function setUp(): Promise<{ db: TestDatabase; store: PostgresEventStore; log: EventEnvelope[] }> {
  const db = await createTestDatabase();
  const store = new PostgresEventStore(db.pool, db.url);
  cleanups.push(async () => db.drop());
  cleanups.push(async () => store.close());
  await appendLog(store, FIRST);
  await installAnalytics(db.pool);
  return { db, store, log: await readWholeLog(store) };
}

function run(db: TestDatabase, store: PostgresEventStore, projections: readonly Projection[], options: RunnerOptions = {}): ProjectionRunner[] {
  const runners = startRunners(db.url, store, projections, options);
  cleanups.push(async () => void (await Promise.all(runners.map((r) => r.stop()))));
  return runners;
}

async function schemasLike(pool: pg.Pool, prefix: string): Promise<string[]> {
  const { rows } = await pool.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1 ORDER BY 1`, [`${prefix}%`]);
  return rows.map((r) => r.nspname);
}

/**
 * Version 2 of the members projection, for these tests only: the same rows with handles in
 * capitals, so that which version answers is plain to see.
 */
const membersV2: Projection = {
  ...membersProjection,
  version: membersProjection.version + 1,
  async apply(batch, tx) {
    await membersProjection.apply(batch, tx);
    await tx.query(`UPDATE members SET handle = upper(handle) WHERE handle <> upper(handle)`);
  },
};

it('rebuilds every projection beside the live runners while events keep coming; the swap gives the rows of a clean build', async () => {
  const { db, store } = await setUp();
  run(db, store, ALL_PROJECTIONS, { batchSize: 100 });
  await waitForCheckpoints(db.pool, NAMES, FIRST.length);
  const appending = appendLog(store, LATER, 20);
  for (const projection of ALL_PROJECTIONS) {
    const seen: number[] = [];
    const result = await rebuildBlueGreen(db.url, store, projection, { batchSize: 150, onProgress: (p) => seen.push(p.position) });
    expect(result).toMatchObject({ name: projection.name, outcome: 'swapped', resumedFrom: 0 });
    expect(result.position).toBeGreaterThanOrEqual(FIRST.length);
    // Progress came batch by batch, never backwards.
    expect(seen.length).toBeGreaterThan(2);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  }
  await appending;
  const whole = await readWholeLog(store);
  await waitForCheckpoints(db.pool, NAMES, whole.length);
  expect(await snapshotTables(db.pool, READ_MODEL_TABLES)).toEqual(await cleanBuild(whole));
  // Nothing of the rebuild is left behind; the analyst views follow the new tables.
  expect(await schemasLike(db.pool, 'read_models_rebuild_')).toEqual([]);
  expect((await db.pool.query('SELECT * FROM projections.rebuilds')).rows).toEqual([]);
  const { rows } = await db.pool.query<{ views: string; outcomes: string }>(
    `SELECT (SELECT count(*) FROM analytics.decision_log) AS views, (SELECT count(*) FROM read_models.decision_log) AS outcomes`,
  );
  expect(Number(rows[0]!.views)).toBe(Number(rows[0]!.outcomes));
});

it('an interrupted rebuild leaves the live tables alone, shows its progress, and resumes where it stopped', async () => {
  const { db, store, log } = await setUp();
  const runners = run(db, store, ALL_PROJECTIONS, { batchSize: 500, idleCheckMs: 100 });
  await waitForCheckpoints(db.pool, NAMES, FIRST.length);
  const live = await snapshotTables(db.pool, READ_MODEL_TABLES);
  let batches = 0;
  const stopped = await rebuildBlueGreen(db.url, store, membersV2, { batchSize: 10, shouldStop: () => ++batches > 4 });
  // Four batches of 10 member events: it stands just past the 40th event the projection handles.
  const handled = log.filter((e) => membersV2.handles.includes(e.type));
  expect(handled.length).toBeGreaterThan(50);
  expect(stopped).toMatchObject({ outcome: 'stopped', position: handled[39]!.position + 1, resumedFrom: 0 });
  const at = stopped.position;
  expect(await snapshotTables(db.pool, READ_MODEL_TABLES)).toEqual(live);
  expect(await schemasLike(db.pool, 'read_models_rebuild_')).toEqual([shadowSchemaOf('members')]);
  const members = (await projectionStatuses(db.pool, store, ALL_PROJECTIONS)).find((s) => s.name === 'members')!;
  expect(members).toMatchObject({ version: membersProjection.version, state: 'running', rebuild: { version: membersV2.version, position: at, progress: Math.round((at / log.length) * 1000) / 1000 } });

  const resumed = await rebuildBlueGreen(db.url, store, membersV2, { batchSize: 100 });
  expect(resumed).toMatchObject({ outcome: 'swapped', resumedFrom: at, position: log.length, events: log.length - at });
  expect(await checkpoint(db.pool, 'members')).toMatchObject({ version: membersV2.version, position: log.length, status: 'running' });
  const tables = membersV2.tables.map((t) => `read_models.${t}`);
  expect(await snapshotTables(db.pool, tables)).toEqual(await cleanBuild(log, [membersV2]));
  // The runner of version 1 in this process now stands by: version 2 is live and newer than its code.
  const v1 = runners.find((r) => r.projection.name === 'members')!;
  await waitUntil('the version 1 runner to stand by', () => (v1.status.kind === 'standby' ? true : undefined));
});

it('a second rebuild of the same projection is refused while one holds its rebuild lock', async () => {
  const { db, store } = await setUp();
  const holder = await db.pool.connect();
  try {
    await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', [REBUILD_LOCK_NAMESPACE, 'members']);
    await expect(rebuildBlueGreen(db.url, store, membersProjection)).rejects.toBeInstanceOf(RebuildAlreadyRunning);
    expect((await projectionStatuses(db.pool, store, ALL_PROJECTIONS)).find((s) => s.name === 'members')!.state).toBe('rebuilding');
  } finally {
    await holder.query('SELECT pg_advisory_unlock_all()');
    holder.release();
  }
});

it('a version upgrade at start is rebuilt blue-green: the old rows answer, complete, until the new ones are swapped in', async () => {
  const { db, store, log } = await setUp();
  const [v1] = run(db, store, [membersProjection], { batchSize: 500 });
  await waitForCheckpoints(db.pool, ['members'], FIRST.length);
  const old = await snapshotTables(db.pool, ['read_models.members', 'read_models.member_keys']);
  expect((old['read_models.members'] as { handle: string }[]).some((m) => m.handle !== m.handle.toUpperCase())).toBe(true);
  await v1!.stop();

  // Version 2 starts; its rebuild is slowed so that it is caught mid-way.
  const slow: Projection = {
    ...membersV2,
    async apply(batch, tx) {
      await membersV2.apply(batch, tx);
      await tx.query('SELECT pg_sleep(0.02)');
    },
  };
  const [v2] = run(db, store, [slow], { rebuildBatchSize: 20 });
  const midway = await waitUntil('the upgrade rebuild to be under way', async () => {
    const status = v2!.status;
    return status.kind === 'rebuilding' && status.position > 0 ? status : undefined;
  });
  expect(midway.position).toBeLessThan(log.length);
  // Mid-way, the live tables are version 1's, whole.
  expect(await snapshotTables(db.pool, ['read_models.members', 'read_models.member_keys'])).toEqual(old);
  expect(await checkpoint(db.pool, 'members')).toMatchObject({ version: membersProjection.version, position: FIRST.length });
  expect((await projectionStatuses(db.pool, store, [slow]))[0]).toMatchObject({ state: 'rebuilding', rebuild: { version: membersV2.version } });

  await waitUntil('the new version to be live', async () => ((await checkpoint(db.pool, 'members'))?.version === membersV2.version ? true : undefined), 30_000);
  await waitUntil('the runner to follow the log', () => (v2!.status.kind === 'running' ? true : undefined));
  expect(await snapshotTables(db.pool, ['read_models.members', 'read_models.member_keys'])).toEqual(await cleanBuild(log, [membersV2]));
});

it("handles: 'all' hands the projection every event, including types it does not list", async () => {
  const { db, store, log } = await setUp();
  const table = 'read_models.every_event';
  const everyEvent: Projection = {
    name: 'every-event',
    version: 1,
    handles: [],
    tables: [table],
    schema: `CREATE TABLE IF NOT EXISTS ${table} (position bigint PRIMARY KEY)`,
    async apply(batch, tx) {
      await tx.query(`INSERT INTO ${table} SELECT unnest($1::bigint[])`, [batch.map((e) => e.position)]);
    },
  };
  const runner = new ProjectionRunner(db.url, store, everyEvent, { handles: 'all', batchSize: 200 });
  runner.start();
  cleanups.push(() => runner.stop());
  await waitForCheckpoints(db.pool, ['every-event'], log.length);
  const { rows } = await db.pool.query<{ position: string }>(`SELECT position FROM ${table} ORDER BY position`);
  expect(rows.map((r) => Number(r.position))).toEqual(log.map((e) => e.position));
});
