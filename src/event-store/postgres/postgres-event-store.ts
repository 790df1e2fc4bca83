import pg from 'pg';
import type { EventEnvelope, NewEvent } from '../../events/envelope.js';
import type { AppendResult, EventStore, ExpectedRevision, ReadAllOptions, Subscription } from '../event-store.port.js';
import { assertEventSize, contentHash } from '../event-content.js';
import { planBatch, type PendingAppend, type StoredId } from './append-batch.js';
import { PostgresSubscription } from './postgres-subscription.js';

/** Every writer, in every process, takes this lock: commit order is then position order (ADR 0002). */
const APPEND_LOCK = 7_240_002;
export const NOTIFY_CHANNEL = 'event_store_appended';
/** Upper bound of events in one group commit, to keep a transaction's size in check. */
const MAX_GROUP_EVENTS = 2000;

interface Waiting extends PendingAppend {
  resolve(result: AppendResult): void;
  reject(error: Error): void;
}

interface EventRowDb {
  position: string;
  id: string;
  stream: string;
  revision: string;
  type: string;
  schema_version: number;
  data: unknown;
  meta: EventEnvelope['meta'];
  act: EventEnvelope['act'] | null;
}

const SELECT_EVENTS = 'SELECT position, id, stream, revision, type, schema_version, data, meta, act FROM event_store.events';

export function toEnvelope(row: EventRowDb): EventEnvelope {
  const envelope: EventEnvelope = {
    id: row.id,
    stream: row.stream,
    revision: Number(row.revision),
    position: Number(row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    meta: row.meta,
  };
  if (row.act) envelope.act = row.act;
  return envelope;
}

/**
 * The default event store: one table in PostgreSQL, appends coalesced into group commits.
 * Concurrent `append` calls queue while a group commit runs; the next group takes all of them
 * in one transaction, so throughput grows with concurrency instead of collapsing into lock waits.
 */
export class PostgresEventStore implements EventStore {
  private readonly queue: Waiting[] = [];
  private flushing = false;
  private writer: pg.PoolClient | undefined;
  private readonly subscriptions = new Set<PostgresSubscription>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
  ) {}

  append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      // Inside the executor, so that a bad event rejects the promise instead of throwing.
      for (const event of events) assertEventSize(stream, event);
      this.queue.push({ stream, events, expected: expectedRevision, hashes: events.map((e) => contentHash(stream, e)), resolve, reject });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const group: Waiting[] = [];
        let size = 0;
        while (this.queue.length > 0 && (group.length === 0 || size + this.queue[0]!.events.length <= MAX_GROUP_EVENTS)) {
          const next = this.queue.shift()!;
          size += next.events.length;
          group.push(next);
        }
        await this.commitGroup(group);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commitGroup(group: Waiting[]): Promise<void> {
    let client: pg.PoolClient | undefined;
    try {
      client = this.writer ??= await this.pool.connect();
      // The lock is taken in its own statement: a statement's snapshot predates the locks it waits
      // for, and the reads below must see everything the previous lock holder committed.
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
      const streams = [...new Set(group.map((g) => g.stream))];
      const ids = group.flatMap((g) => g.events.map((e) => e.id));
      const { rows } = await client.query<{ kind: string; a: string; b: string | null; c: string | null; d: string | null; hash: Buffer | null }>(
        `SELECT 'next' AS kind, next_position::text AS a, NULL AS b, NULL AS c, NULL AS d, NULL::bytea AS hash FROM event_store.head
         UNION ALL SELECT 'stream', stream, revision::text, NULL, NULL, NULL FROM event_store.streams WHERE stream = ANY($1)
         UNION ALL SELECT 'id', id::text, stream, revision::text, position::text, content_hash FROM event_store.events WHERE id = ANY($2::uuid[])`,
        [streams, ids],
      );
      let nextPosition = 0;
      const revisions = new Map<string, number>();
      const stored = new Map<string, StoredId>();
      for (const row of rows) {
        if (row.kind === 'next') nextPosition = Number(row.a);
        else if (row.kind === 'stream') revisions.set(row.a, Number(row.b));
        else if (row.kind === 'id') stored.set(row.a, { id: row.a, stream: row.b!, revision: Number(row.c), position: Number(row.d), hash: row.hash! });
      }
      const plan = planBatch(group, nextPosition, revisions, stored);
      if (plan.rows.length > 0) {
        await client.query(
          `WITH inserted AS (
             INSERT INTO event_store.events (position, id, stream, revision, type, schema_version, data, meta, act, content_hash)
             SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[], $9::jsonb[], $10::bytea[])
           ), streams AS (
             INSERT INTO event_store.streams (stream, revision) SELECT * FROM unnest($11::text[], $12::bigint[])
             ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision
           )
           UPDATE event_store.head SET next_position = $13`,
          [
            plan.rows.map((r) => r.position),
            plan.rows.map((r) => r.event.id),
            plan.rows.map((r) => r.stream),
            plan.rows.map((r) => r.revision),
            plan.rows.map((r) => r.event.type),
            plan.rows.map((r) => r.event.schemaVersion),
            plan.rows.map((r) => JSON.stringify(r.event.data)),
            plan.rows.map((r) => JSON.stringify(r.event.meta)),
            plan.rows.map((r) => (r.event.act ? JSON.stringify(r.event.act) : null)),
            plan.rows.map((r) => r.hash),
            [...plan.streams.keys()],
            [...plan.streams.values()],
            plan.nextPosition,
          ],
        );
      }
      await client.query(plan.rows.length > 0 ? `SELECT pg_notify('${NOTIFY_CHANNEL}', '${plan.nextPosition}'); COMMIT` : 'COMMIT');
      plan.outcomes.forEach((outcome, i) => (outcome.ok ? group[i]!.resolve(outcome.result) : group[i]!.reject(outcome.error)));
    } catch (error) {
      // The commit's outcome is unknown when the connection broke: callers may retry, and the
      // event ids make that retry a no-op if the first attempt did commit.
      if (client) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release(true);
        this.writer = undefined;
      }
      for (const waiting of group) waiting.reject(error as Error);
    }
  }

  async readStream(stream: string, fromRevision = 0): Promise<EventEnvelope[]> {
    const { rows } = await this.pool.query<EventRowDb>(`${SELECT_EVENTS} WHERE stream = $1 AND revision >= $2 ORDER BY revision`, [stream, fromRevision]);
    return rows.map(toEnvelope);
  }

  async readAll(fromPosition: number, maxCount: number, options: ReadAllOptions = {}): Promise<EventEnvelope[]> {
    const { rows } = options.types
      ? await this.pool.query<EventRowDb>(`${SELECT_EVENTS} WHERE position >= $1 AND type = ANY($3) ORDER BY position LIMIT $2`, [fromPosition, maxCount, options.types])
      : await this.pool.query<EventRowDb>(`${SELECT_EVENTS} WHERE position >= $1 ORDER BY position LIMIT $2`, [fromPosition, maxCount]);
    return rows.map(toEnvelope);
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ next_position: string }>('SELECT next_position FROM event_store.head');
    return Number(rows[0]!.next_position);
  }

  subscribe(fromPosition: number): Subscription {
    const subscription = new PostgresSubscription(this, this.connectionString, fromPosition, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.writer?.release();
    this.writer = undefined;
  }
}
