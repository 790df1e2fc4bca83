import { jest } from '@jest/globals';
import pg from 'pg';
import type { EventEnvelope } from '../../src/events/envelope.js';
import type { EventStore, Subscription } from '../../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { ALL_PROJECTIONS } from '../../src/projections/all-projections.js';
import { resetProjection } from '../../src/projections/checkpoints.js';
import type { Projection } from '../../src/projections/projection.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { waitForProjections } from '../../src/projections/projection-waiter.js';
import { communityHistory } from '../projections/support/events.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import {
  appendLog,
  checkpoint,
  cleanBuild,
  READ_MODEL_TABLES,
  readWholeLog,
  renumber,
  snapshotTables,
  startRunners,
  waitForCheckpoints,
  waitUntil,
} from './support/harness.js';

jest.setTimeout(30_000);

/**
 * The projection runner against a real PostgreSQL, the real PostgreSQL event store and the real
 * projections (DESIGN §4, ADR 0003): checkpoint and rows in one transaction, one active runner per
 * projection with takeover, reset while running, and the read-your-writes wait.
 */

// Four community histories one after the other: ~1,300 events of every kind, plus foreign types.
const FIRST = renumber([1, 2, 3, 4].flatMap((seed) => communityHistory(seed).events));
// More of the same, appended later in some tests.
const LATER = renumber([5, 6].flatMap((seed) => communityHistory(seed).events), FIRST.length);
const WHOLE = [...FIRST, ...LATER];
const HANDLED_TYPES = [...new Set(WHOLE.map((e) => e.type))];
const REAL_NAMES = ALL_PROJECTIONS.map((p) => p.name);

/**
 * A projection that copies every event into one row keyed by position, with a plain INSERT: an
 * event applied twice breaks the primary key (the projection then fails, visibly), and a skipped
 * event is a missing position. `applied_by` tells which runner applied the row.
 */
function copyProjection(name: string, options: { tag?: string; sleepMs?: number; refusePosition?: number } = {}): Projection {
  const table = `read_models.${name}`;
  const refuse = options.refusePosition === undefined ? '' : `, CONSTRAINT ${name}_refuses_position CHECK (position <> ${options.refusePosition})`;
  return {
    name,
    version: 1,
    handles: HANDLED_TYPES,
    tables: [table],
    schema: `CREATE TABLE IF NOT EXISTS ${table} (position bigint PRIMARY KEY, id uuid NOT NULL UNIQUE, type text NOT NULL, applied_by text NOT NULL${refuse})`,
    async apply(batch, tx) {
      await tx.query(
        `INSERT INTO ${table} (position, id, type, applied_by) SELECT p, i, t, $4 FROM unnest($1::bigint[], $2::uuid[], $3::text[]) AS x(p, i, t)`,
        [batch.map((e) => e.position), batch.map((e) => e.id), batch.map((e) => e.type), options.tag ?? name],
      );
      // Widens the window in which the transaction is open (a kill then lands mid-batch).
      if (options.sleepMs) await tx.query('SELECT pg_sleep($1)', [options.sleepMs / 1000]);
    },
  };
}

async function copiedRows(pool: pg.Pool, name: string): Promise<{ position: number; id: string; type: string; appliedBy: string }[]> {
  const { rows } = await pool.query<{ position: string; id: string; type: string; applied_by: string }>(`SELECT * FROM read_models.${name} ORDER BY position`);
  return rows.map((r) => ({ position: Number(r.position), id: r.id, type: r.type, appliedBy: r.applied_by }));
}

/** The copy holds every event of `log` exactly once, in position order: nothing skipped, nothing twice. */
async function expectExactCopy(pool: pg.Pool, name: string, log: readonly EventEnvelope[]): Promise<string[]> {
  const rows = await copiedRows(pool, name);
  expect(rows.map((r) => [r.position, r.id, r.type])).toEqual(log.map((e) => [e.position, e.id, e.type]));
  return rows.map((r) => r.appliedBy);
}

/** A store that counts the subscriptions handed out and not closed yet. */
function countingStore(store: EventStore): EventStore & { openSubscriptions(): number } {
  let open = 0;
  return {
    append: (stream, events, expected) => store.append(stream, events, expected),
    readStream: (stream, from) => store.readStream(stream, from),
    readAll: (from, max, options) => store.readAll(from, max, options),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
    openSubscriptions: () => open,
    subscribe(from: number): Subscription {
      const inner = store.subscribe(from);
      open += 1;
      let closed = false;
      return {
        [Symbol.asyncIterator]: () => inner[Symbol.asyncIterator](),
        async close() {
          if (!closed) {
            closed = true;
            open -= 1;
          }
          await inner.close();
        },
      };
    },
  };
}

/** The backends that hold a projection's advisory lock: the active runners' connections. */
async function lockHolders(pool: pg.Pool): Promise<{ pid: number; name: string }[]> {
  const { rows } = await pool.query<{ pid: number; application_name: string }>(
    `SELECT DISTINCT a.pid, a.application_name FROM pg_stat_activity a
       JOIN pg_locks l ON l.pid = a.pid AND l.locktype = 'advisory' AND l.granted
      WHERE a.datname = current_database() AND a.application_name LIKE 'projection:%'`,
  );
  return rows.map((r) => ({ pid: r.pid, name: r.application_name.slice('projection:'.length) }));
}

const kinds = (runners: readonly ProjectionRunner[]): string[] => runners.map((r) => r.status.kind);
const allIn = (runners: readonly ProjectionRunner[], kind: string) => () => runners.every((r) => r.status.kind === kind) || undefined;

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

interface SetUp {
  db: TestDatabase;
  store: PostgresEventStore;
  /** The log as the store holds it (it decides the order of concurrent appends). */
  log: EventEnvelope[];
  /** What a clean build of `log` gives, built in another database. */
  reference: Record<string, unknown[]>;
  run: (store: EventStore, projections: readonly Projection[], batchSize: number) => ProjectionRunner[];
}

/** A fresh database with FIRST appended, and the reference build of it; stores and runners registered for cleanup. */
async function setUp(): Promise<SetUp> {
  const db = await createTestDatabase();
  const store = new PostgresEventStore(db.pool, db.url);
  cleanups.push(async () => db.drop());
  cleanups.push(async () => store.close());
  await appendLog(store, FIRST);
  const log = await readWholeLog(store);
  expect(log).toHaveLength(FIRST.length);
  const run = (s: EventStore, projections: readonly Projection[], batchSize: number) => {
    const runners = startRunners(db.url, s, projections, { batchSize });
    cleanups.push(async () => void (await Promise.all(runners.map((r) => r.stop()))));
    return runners;
  };
  return { db, store, log, reference: await cleanBuild(log), run };
}

/** Appends LATER; returns the whole log and its reference build. */
async function appendLater(store: PostgresEventStore): Promise<{ whole: EventEnvelope[]; referenceWhole: Record<string, unknown[]> }> {
  await appendLog(store, LATER);
  const whole = await readWholeLog(store);
  expect(whole).toHaveLength(WHOLE.length);
  return { whole, referenceWhole: await cleanBuild(whole) };
}

it('builds the same tables as the reference and moves the checkpoint with the rows', async () => {
  const { db, store, log, reference, run } = await setUp();
  run(store, [copyProjection('copy'), ...ALL_PROJECTIONS], 1000);
  await waitForCheckpoints(db.pool, ['copy', ...REAL_NAMES], FIRST.length);
  await expectExactCopy(db.pool, 'copy', log);
  expect(await snapshotTables(db.pool, READ_MODEL_TABLES)).toEqual(reference);
});

it('a database error in apply fails that projection at its last good batch; the others go on', async () => {
  const { db, store, log, reference, run } = await setUp();
  const POISON = 537;
  const [poisoned] = run(store, [copyProjection('poisoned', { refusePosition: POISON })], 50);
  const others = run(store, ALL_PROJECTIONS, 50);

  const failed = await waitUntil('the poisoned projection to fail', async () => {
    const c = await checkpoint(db.pool, 'poisoned');
    return c?.status === 'failed' ? c : undefined;
  });
  await waitForCheckpoints(db.pool, REAL_NAMES, FIRST.length);

  // The failing batch started at the checkpoint and held the refused event; nothing of it stayed.
  expect(failed.position).toBeLessThanOrEqual(POISON);
  expect(failed.position).toBeGreaterThan(POISON - 50);
  expect(failed.error).toContain('poisoned_refuses_position');
  expect(failed.error).toContain(`batch from position ${failed.position}`);
  await expectExactCopy(db.pool, 'poisoned', log.slice(0, failed.position));
  expect(poisoned!.status).toEqual({ kind: 'failed', position: failed.position, error: failed.error });

  // The other projections are complete and right, and the failed one stays where it stopped.
  expect(kinds(others)).toEqual(REAL_NAMES.map(() => 'running'));
  expect(await snapshotTables(db.pool, READ_MODEL_TABLES)).toEqual(reference);
  await new Promise((r) => setTimeout(r, 300));
  expect(await checkpoint(db.pool, 'poisoned')).toMatchObject({ position: failed.position, status: 'failed' });
  expect(await copiedRows(db.pool, 'poisoned')).toHaveLength(failed.position);
});

it('one active runner per projection: the other stands by, takes over when the holder dies or stops, and nothing is applied twice or skipped', async () => {
  const { db, store, log, reference, run } = await setUp();
  // Two "processes": each its own store, pool and runners for the same projections.
  const otherPool = new pg.Pool({ connectionString: db.url, max: 10 });
  const otherStore = new PostgresEventStore(otherPool, db.url);
  cleanups.push(async () => otherPool.end());
  cleanups.push(async () => otherStore.close());
  const storeA = countingStore(store);
  const storeB = countingStore(otherStore);

  const a = run(storeA, [copyProjection('copy', { tag: 'A', sleepMs: 15 }), ...ALL_PROJECTIONS], 20);
  await waitUntil('A to run every projection', allIn(a, 'running'));
  const b = run(storeB, [copyProjection('copy', { tag: 'B', sleepMs: 15 }), ...ALL_PROJECTIONS], 20);
  await waitUntil('B to stand by for every projection', allIn(b, 'standby'));
  expect(kinds(a)).toEqual(a.map(() => 'running'));
  expect(storeB.openSubscriptions()).toBe(0);

  // Kill A's connections while the copy is half way through the log (a transaction is most likely open).
  await waitUntil('the copy to be under way', async () => ((await checkpoint(db.pool, 'copy'))?.position ?? 0) >= 300 || undefined);
  const holders = await lockHolders(db.pool);
  expect(holders.map((h) => h.name).sort()).toEqual(['copy', ...REAL_NAMES].sort());
  const killedAt = (await checkpoint(db.pool, 'copy'))!.position;
  expect(killedAt).toBeLessThan(FIRST.length - 100);
  for (const { pid } of holders) await db.pool.query('SELECT pg_terminate_backend($1)', [pid]);

  await waitUntil('B to take over every projection', allIn(b, 'running'));
  await waitForCheckpoints(db.pool, ['copy', ...REAL_NAMES], FIRST.length);
  // A comes back as a standby: losing its connection is no reason to give up, nor to mark the projection failed.
  await waitUntil(`A to stand by (is ${kinds(a).join(', ')})`, allIn(a, 'standby'));
  expect(storeA.openSubscriptions()).toBe(0);
  const appliedBy = await expectExactCopy(db.pool, 'copy', log);
  // A applied a prefix of the log, B the rest.
  const firstOfB = appliedBy.indexOf('B');
  expect(firstOfB).toBeGreaterThanOrEqual(killedAt);
  expect(appliedBy.slice(0, firstOfB).every((t) => t === 'A')).toBe(true);
  expect(appliedBy.slice(firstOfB).every((t) => t === 'B')).toBe(true);
  expect(await snapshotTables(db.pool, READ_MODEL_TABLES)).toEqual(reference);

  // B stops cleanly: A takes over again and applies what is appended next.
  await Promise.all(b.map((r) => r.stop()));
  expect(storeB.openSubscriptions()).toBe(0);
  const { whole, referenceWhole } = await appendLater(store);
  await waitUntil('A to take over again', allIn(a, 'running'));
  await waitForCheckpoints(db.pool, ['copy', ...REAL_NAMES], WHOLE.length);
  const appliedAfter = await expectExactCopy(db.pool, 'copy', whole);
  expect(appliedAfter.slice(FIRST.length).every((t) => t === 'A')).toBe(true);
  expect(await snapshotTables(db.pool, READ_MODEL_TABLES)).toEqual(referenceWhole);
  const statuses = await db.pool.query<{ status: string }>('SELECT status FROM projections.checkpoints');
  expect(statuses.rows.map((r) => r.status)).toEqual(statuses.rows.map(() => 'running'));
});

it('a reset while the runner runs makes it replay from 0, whether it is busy or idle at the head', async () => {
  const { db, store, log, reference, run } = await setUp();
  const copy = copyProjection('copy', { sleepMs: 5 });
  const projections = [copy, ...ALL_PROJECTIONS];
  const runners = run(store, projections, 20);
  const resetAll = async () => {
    const client = await db.pool.connect();
    try {
      // The copy last: the checkpoint read right after the reset is its own, not one replayed meanwhile.
      for (const p of [...ALL_PROJECTIONS, copy]) await resetProjection(client, p);
    } finally {
      client.release();
    }
  };

  // Busy: the copy is half way (the real projections may be anywhere).
  await waitUntil('the copy to be under way', async () => ((await checkpoint(db.pool, 'copy'))?.position ?? 0) >= 300 || undefined);
  await resetAll();
  await waitForCheckpoints(db.pool, ['copy', ...REAL_NAMES], FIRST.length);
  await expectExactCopy(db.pool, 'copy', log);
  expect(await snapshotTables(db.pool, READ_MODEL_TABLES)).toEqual(reference);

  // Idle: every runner is at the head and nothing new is appended; the reset alone must wake them.
  expect(kinds(runners)).toEqual(projections.map(() => 'running'));
  await resetAll();
  expect((await checkpoint(db.pool, 'copy'))!.position).toBe(0);
  await waitForCheckpoints(db.pool, ['copy', ...REAL_NAMES], FIRST.length, 10_000);
  await expectExactCopy(db.pool, 'copy', log);
  expect(await snapshotTables(db.pool, READ_MODEL_TABLES)).toEqual(reference);

  // And new events still flow after the replays.
  const { whole, referenceWhole } = await appendLater(store);
  await waitForCheckpoints(db.pool, ['copy', ...REAL_NAMES], WHOLE.length);
  await expectExactCopy(db.pool, 'copy', whole);
  expect(await snapshotTables(db.pool, READ_MODEL_TABLES)).toEqual(referenceWhole);
});

it('waitForProjections answers true once the position is applied, false after its bound when it is not', async () => {
  const db = await createTestDatabase();
  const store = new PostgresEventStore(db.pool, db.url);
  cleanups.push(async () => db.drop());
  cleanups.push(async () => store.close());

  // Nothing runs yet: not applied, and the bound is kept.
  await appendLog(store, FIRST.slice(0, 10));
  let started = Date.now();
  expect(await waitForProjections(db.pool, REAL_NAMES, 9, 300)).toBe(false);
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  expect(Date.now() - started).toBeLessThan(3000);

  // A waiter already waiting is answered when a runner (in this process) applies the position.
  const waiting = waitForProjections(db.pool, REAL_NAMES, FIRST.length - 1, 20_000);
  const runners = startRunners(db.url, store, ALL_PROJECTIONS, { batchSize: 100 });
  cleanups.push(async () => void (await Promise.all(runners.map((r) => r.stop()))));
  await appendLog(store, FIRST.slice(10));
  expect(await waiting).toBe(true);
  for (const name of REAL_NAMES) expect((await checkpoint(db.pool, name))!.position).toBeGreaterThanOrEqual(FIRST.length);

  // Applied positions answer at once; a position not in the log yet waits for its bound.
  started = Date.now();
  expect(await waitForProjections(db.pool, REAL_NAMES, FIRST.length - 1, 5_000)).toBe(true);
  expect(await waitForProjections(db.pool, REAL_NAMES, 0, 5_000)).toBe(true);
  expect(Date.now() - started).toBeLessThan(1000);
  started = Date.now();
  expect(await waitForProjections(db.pool, REAL_NAMES, FIRST.length, 400)).toBe(false);
  expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  // A projection that has no checkpoint has applied nothing.
  expect(await waitForProjections(db.pool, [...REAL_NAMES, 'no-such-projection'], 0, 100)).toBe(false);

  // An append while waiting: answered as soon as the runners apply it.
  const next = waitForProjections(db.pool, REAL_NAMES, FIRST.length, 20_000);
  await appendLog(store, LATER.slice(0, 1));
  expect(await next).toBe(true);
});
