import type pg from 'pg';
import type { EventEnvelope, NewEvent } from '../../../src/events/envelope.js';
import type { EventStore, ReadAllOptions, Subscription } from '../../../src/event-store/event-store.port.js';
import { ALL_PROJECTIONS } from '../../../src/projections/all-projections.js';
import { readCheckpoints, type CheckpointRow } from '../../../src/projections/checkpoints.js';
import { liveTables, type Projection } from '../../../src/projections/projection.js';
import { ProjectionRunner, type RunnerOptions } from '../../../src/projections/projection-runner.js';
import { createTestDatabase } from '../../support/test-database.js';

/** Every read-model table of the projections the app runs. */
export const READ_MODEL_TABLES: readonly string[] = ALL_PROJECTIONS.flatMap(liveTables);

export function toNewEvent(e: EventEnvelope): NewEvent {
  return { id: e.id, type: e.type, schemaVersion: e.schemaVersion, data: e.data, meta: e.meta, ...(e.act ? { act: e.act } : {}) };
}

/**
 * Appends envelopes through the store's public port: each run of consecutive events of one stream
 * in one call, many calls at a time. The store decides the global order of concurrent calls, so
 * the log to compare against is the one read back afterwards (readWholeLog), not `events`.
 */
export async function appendLog(store: EventStore, events: readonly EventEnvelope[], window = 200): Promise<void> {
  const runs: { stream: string; events: NewEvent[] }[] = [];
  for (const e of events) {
    const last = runs[runs.length - 1];
    if (last?.stream === e.stream && last.events.length < 500) last.events.push(toNewEvent(e));
    else runs.push({ stream: e.stream, events: [toNewEvent(e)] });
  }
  for (let i = 0; i < runs.length; i += window) {
    await Promise.all(runs.slice(i, i + window).map((r) => store.append(r.stream, r.events, 'any')));
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
 * A read-only event store over envelopes held in memory, positions 0..n-1: what the reference
 * build reads, so that it sees exactly the log it is given, whatever the adapter under test does.
 */
export class ArrayEventStore implements EventStore {
  private readonly closers = new Set<() => void>();

  constructor(private readonly events: readonly EventEnvelope[]) {
    events.forEach((e, i) => {
      if (e.position !== i) throw new Error(`event ${e.id} is at position ${e.position}, expected ${i}`);
    });
  }

  append(): Promise<never> {
    return Promise.reject(new Error('ArrayEventStore is read-only'));
  }

  async readStream(stream: string, fromRevision = 0): Promise<EventEnvelope[]> {
    return this.events.filter((e) => e.stream === stream && e.revision >= fromRevision);
  }

  async readAll(fromPosition: number, maxCount: number, options: ReadAllOptions = {}): Promise<EventEnvelope[]> {
    const types = options.types ? new Set(options.types) : undefined;
    return this.events.slice(fromPosition).filter((e) => !types || types.has(e.type)).slice(0, maxCount);
  }

  async headPosition(): Promise<number> {
    return this.events.length;
  }

  subscribe(fromPosition: number): Subscription {
    const events = this.events;
    let closed = false;
    let wake: () => void = () => undefined;
    const whenClosed = new Promise<void>((resolve) => (wake = resolve));
    const close = () => {
      closed = true;
      wake();
    };
    this.closers.add(close);
    return {
      async *[Symbol.asyncIterator]() {
        for (let i = fromPosition; i < events.length && !closed; i++) yield events[i]!;
        await whenClosed; // live: nothing more ever comes
      },
      close: async () => {
        close();
        this.closers.delete(close);
      },
    };
  }

  async close(): Promise<void> {
    for (const close of this.closers) close();
    this.closers.clear();
  }
}

/**
 * The reference: a fresh database built from the given log by one runner per projection from
 * position 0, with nothing else going on. Returns the snapshot of their tables.
 */
export async function cleanBuild(log: readonly EventEnvelope[], projections: readonly Projection[] = ALL_PROJECTIONS, options: RunnerOptions = {}): Promise<Record<string, unknown[]>> {
  const db = await createTestDatabase();
  const store = new ArrayEventStore(log);
  const runners: ProjectionRunner[] = [];
  try {
    runners.push(...startRunners(db.url, store, projections, options));
    await waitForCheckpoints(db.pool, projections.map((p) => p.name), log.length, 60_000);
    return await snapshotTables(db.pool, projections.flatMap(liveTables));
  } finally {
    await Promise.all(runners.map((r) => r.stop()));
    await store.close();
    await db.drop();
  }
}
