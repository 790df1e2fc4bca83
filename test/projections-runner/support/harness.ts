import type pg from 'pg';
import type { EventEnvelope, NewEvent } from '../../../src/events/envelope.js';
import type { EventStore } from '../../../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../../../src/event-store/postgres/postgres-event-store.js';
import { ALL_PROJECTIONS } from '../../../src/projections/all-projections.js';
import { readCheckpoints, type CheckpointRow } from '../../../src/projections/checkpoints.js';
import type { Projection } from '../../../src/projections/projection.js';
import { ProjectionRunner, type RunnerOptions } from '../../../src/projections/projection-runner.js';
import { createTestDatabase } from '../../support/test-database.js';

/** Every read-model table of the projections the app runs. */
export const READ_MODEL_TABLES: readonly string[] = ALL_PROJECTIONS.flatMap((p) => p.tables);

export function toNewEvent(e: EventEnvelope): NewEvent {
  return { id: e.id, type: e.type, schemaVersion: e.schemaVersion, data: e.data, meta: e.meta, ...(e.act ? { act: e.act } : {}) };
}

/**
 * Appends envelopes in their order, each to its own stream, through the store's public port.
 * The store must give them the positions they carry (the copy of a log is the same log).
 */
export async function appendInOrder(store: EventStore, events: readonly EventEnvelope[], window = 500): Promise<void> {
  for (let i = 0; i < events.length; i += window) {
    const slice = events.slice(i, i + window);
    const results = await Promise.all(slice.map((e) => store.append(e.stream, [toNewEvent(e)], 'any')));
    results.forEach((r, k) => {
      const expected = slice[k]!.position;
      if (r.positions[0] !== expected) throw new Error(`event ${slice[k]!.id} landed at ${r.positions[0]}, expected ${expected}`);
    });
  }
}

/** The whole log, through the port. */
export async function readWholeLog(store: EventStore): Promise<EventEnvelope[]> {
  const out: EventEnvelope[] = [];
  for (;;) {
    const page = await store.readAll(out.length, 1000);
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

/** Renumbers envelopes 0..n-1 (histories built separately, appended one after the other). */
export function renumber(events: readonly EventEnvelope[], from = 0): EventEnvelope[] {
  return events.map((e, i) => ({ ...e, position: from + i }));
}

/** Every row of every table as plain JSON, in a total order: equal snapshots mean equal tables, row by row. */
export async function snapshotTables(pool: pg.Pool | pg.ClientBase, tables: readonly string[]): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const { rows } = await pool.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${table} t`);
    out[table] = rows
      .map((r) => r.row)
      .sort()
      .map((r) => JSON.parse(r) as unknown);
  }
  return out;
}

export async function checkpoint(pool: pg.Pool, name: string): Promise<CheckpointRow | undefined> {
  return (await readCheckpoints(pool)).find((c) => c.name === name);
}

export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits until every named projection's checkpoint is at `position` (the head) and running. */
export async function waitForCheckpoints(pool: pg.Pool, names: readonly string[], position: number, timeoutMs = 20_000): Promise<CheckpointRow[]> {
  return waitUntil(`checkpoints of ${names.join(', ')} at ${position}`, async () => {
    const rows = (await readCheckpoints(pool)).filter((c) => names.includes(c.name));
    if (rows.some((c) => c.status === 'failed')) throw new Error(`a projection failed: ${JSON.stringify(rows)}`);
    return rows.length === names.length && rows.every((c) => c.position === position) ? rows : undefined;
  }, timeoutMs);
}

export function startRunners(url: string, store: EventStore, projections: readonly Projection[], options: RunnerOptions = {}): ProjectionRunner[] {
  return projections.map((p) => {
    const runner = new ProjectionRunner(url, store, p, { standbyRetryMs: 100, ...options });
    runner.start();
    return runner;
  });
}

/**
 * The reference: a fresh database holding the same log, built by one runner per projection from
 * position 0 with nothing else going on. Returns the snapshot of their tables.
 */
export async function cleanBuild(events: readonly EventEnvelope[], projections: readonly Projection[] = ALL_PROJECTIONS, options: RunnerOptions = {}): Promise<Record<string, unknown[]>> {
  const db = await createTestDatabase();
  const store = new PostgresEventStore(db.pool, db.url);
  const runners: ProjectionRunner[] = [];
  try {
    await appendInOrder(store, events);
    expect(await store.headPosition()).toBe(events.length);
    runners.push(...startRunners(db.url, store, projections, options));
    await waitForCheckpoints(db.pool, projections.map((p) => p.name), events.length, 60_000);
    return await snapshotTables(db.pool, projections.flatMap((p) => p.tables));
  } finally {
    await Promise.all(runners.map((r) => r.stop()));
    await store.close();
    await db.drop();
  }
}
