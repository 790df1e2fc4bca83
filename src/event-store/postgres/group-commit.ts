import pg from 'pg';
import type { NewEvent } from '../../events/envelope.js';
import type { AppendResult, ExpectedRevision } from '../event-store.port.js';
import { checkedContentHash } from '../event-content.js';
import { planBatch, type EventRow, type PendingAppend, type StoredId } from './append-batch.js';

/** Every writer, in every process, takes this lock: commit order is then position order (ADR 0002). */
const APPEND_LOCK = 7_240_002;
/** Upper bound of events in one group commit, to keep a transaction's size in check. */
const MAX_GROUP_EVENTS = 2000;
/** Streams whose revision the writer remembers; beyond that the oldest are forgotten. */
const MAX_KNOWN_STREAMS = 100_000;

interface Waiting extends PendingAppend {
  resolve(result: AppendResult): void;
  reject(error: Error): void;
}

type Plan = ReturnType<typeof planBatch>;

/**
 * Coalesces concurrent appends into group commits. While one group commits, new appends queue;
 * the next group takes all of them. The writer remembers the head and the revisions of streams
 * it has seen, plans a group from that, and commits it in ONE round trip
 * (`event_store.append_group` checks the knowledge under the lock). When the knowledge is stale
 * (another process wrote, an event id is already stored, an expected revision seems wrong) it
 * plans again inside a locked transaction against what the store holds.
 */
export class GroupCommitter {
  private readonly queue: Waiting[] = [];
  private flushing = false;
  private writer: pg.PoolClient | undefined;
  private head: number | undefined;
  private readonly known = new Map<string, number>();

  constructor(private readonly pool: pg.Pool) {}

  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      // Inside the executor, so that a bad event rejects the promise instead of throwing.
      const hashes = events.map((event) => checkedContentHash(stream, event));
      this.queue.push({ stream, events, expected, hashes, resolve, reject });
      void this.flush();
    });
  }

  /** A hint from a read (the stream's last revision, -1 for none), checked under the lock before use. */
  remember(stream: string, revision: number): void {
    this.known.delete(stream);
    this.known.set(stream, revision);
    if (this.known.size > MAX_KNOWN_STREAMS) this.known.delete(this.known.keys().next().value!);
  }

  async close(): Promise<void> {
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
    this.writer?.release();
    this.writer = undefined;
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
        await this.commit(group);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commit(group: Waiting[]): Promise<void> {
    let client: pg.PoolClient | undefined;
    try {
      client = this.writer ??= await this.pool.connect();
      const plan = (await this.commitFromKnowledge(client, group)) ?? (await this.commitLocked(client, group));
      this.learn(plan);
      plan.outcomes.forEach((outcome, i) => (outcome.ok ? group[i]!.resolve(outcome.result) : group[i]!.reject(outcome.error)));
    } catch (error) {
      // The outcome is unknown when the connection broke: callers may retry, and the event ids
      // make that retry a no-op if the first attempt did commit.
      this.head = undefined;
      this.known.clear();
      if (client) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release(true);
        this.writer = undefined;
      }
      for (const waiting of group) waiting.reject(error as Error);
    }
  }

  /** The fast path: one round trip, or undefined when what the writer knows may be stale. */
  private async commitFromKnowledge(client: pg.PoolClient, group: Waiting[]): Promise<Plan | undefined> {
    if (this.head === undefined) return undefined;
    const streams = [...new Set(group.map((g) => g.stream))];
    const unknown = streams.filter((s) => !this.known.has(s));
    if (unknown.length > 0) {
      for (const [stream, revision] of await this.revisionsOf(client, unknown)) this.remember(stream, revision);
    }
    const revisions = new Map(streams.map((s) => [s, this.known.get(s)!] as const).filter(([, r]) => r >= 0));
    const plan = planBatch(group, this.head, revisions, new Map());
    // A refusal decided on possibly stale knowledge must be confirmed against the store.
    if (plan.outcomes.some((o) => !o.ok)) return undefined;
    if (plan.rows.length === 0) return plan;
    const { rows } = await client.query<{ ok: boolean }>(
      'SELECT event_store.append_group($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) AS ok',
      [this.head, streams, streams.map((s) => this.known.get(s)!), ...rowArrays(plan.rows)],
    );
    return rows[0]!.ok ? plan : undefined;
  }

  /** The slow path: plan inside a transaction holding the lock, from what the store holds now. */
  private async commitLocked(client: pg.PoolClient, group: Waiting[]): Promise<Plan> {
    // The lock is taken in its own statement: a statement's snapshot predates the locks it waits
    // for, and the reads below must see everything the previous lock holder committed.
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
    const streams = [...new Set(group.map((g) => g.stream))];
    const ids = group.flatMap((g) => g.events.map((e) => e.id));
    const head = await client.query<{ next_position: string }>('SELECT next_position FROM event_store.head');
    const revisions = await this.revisionsOf(client, streams);
    const stored = await client.query<{ id: string; stream: string; revision: string; position: string; content_hash: Buffer }>(
      'SELECT id, stream, revision, position, content_hash FROM event_store.events WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const storedIds = new Map<string, StoredId>(
      stored.rows.map((r) => [r.id, { id: r.id, stream: r.stream, revision: Number(r.revision), position: Number(r.position), hash: r.content_hash }]),
    );
    const nextPosition = Number(head.rows[0]!.next_position);
    const existing = new Map([...revisions].filter(([, r]) => r >= 0));
    const plan = planBatch(group, nextPosition, existing, storedIds);
    if (plan.rows.length > 0) {
      const { rows } = await client.query<{ ok: boolean }>(
        'SELECT event_store.append_group($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) AS ok',
        [nextPosition, streams, streams.map((s) => revisions.get(s) ?? -1), ...rowArrays(plan.rows)],
      );
      if (!rows[0]!.ok) throw new Error('append_group refused a plan made under the append lock');
    }
    await client.query('COMMIT');
    for (const [stream, revision] of revisions) this.remember(stream, revision);
    return plan;
  }

  private async revisionsOf(client: pg.PoolClient, streams: string[]): Promise<Map<string, number>> {
    const { rows } = await client.query<{ stream: string; revision: string }>(
      'SELECT s.stream, coalesce((SELECT max(e.revision) FROM event_store.events e WHERE e.stream = s.stream), -1) AS revision FROM unnest($1::text[]) AS s(stream)',
      [streams],
    );
    return new Map(rows.map((r) => [r.stream, Number(r.revision)]));
  }

  private learn(plan: Plan): void {
    this.head = plan.nextPosition;
    for (const [stream, revision] of plan.streams) this.remember(stream, revision);
  }
}

function rowArrays(rows: readonly EventRow[]): unknown[] {
  return [
    rows.map((r) => r.position),
    rows.map((r) => r.event.id),
    rows.map((r) => r.stream),
    rows.map((r) => r.revision),
    rows.map((r) => r.event.type),
    rows.map((r) => r.event.schemaVersion),
    rows.map((r) => JSON.stringify(r.event.data)),
    rows.map((r) => JSON.stringify(r.event.meta)),
    rows.map((r) => (r.event.act ? JSON.stringify(r.event.act) : null)),
    rows.map((r) => r.hash),
  ];
}
