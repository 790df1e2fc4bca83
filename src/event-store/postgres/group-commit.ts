import pg from 'pg';
import type { NewEvent } from '../../events/envelope.js';
import type { AppendResult, ExpectedRevision } from '../event-store.port.js';
import { checkedContentHash } from '../event-content.js';
import { planBatch, type EventRow, type PendingAppend, type StoredId } from './append-batch.js';

/** Every writer, in every process, takes this lock: commit order is then position order (ADR 0002). */
const APPEND_LOCK = 7_240_002;
/** Upper bound of events in one group commit, to keep a transaction's size in check. */
const MAX_GROUP_EVENTS = 2000;
/** Groups sent before the previous ones have committed. */
const MAX_IN_FLIGHT = 2;
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
  /** Connections not carrying a group right now. */
  private readonly idle: pg.PoolClient[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** The head and stream revisions as they will be once every group in flight has committed. */
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
    while (this.flushing || this.queue.length > 0 || this.inFlight.size > 0) await new Promise((r) => setTimeout(r, 5));
    for (const client of this.idle.splice(0)) client.release();
  }

  /**
   * Up to two groups are in flight: while the database commits one (and waits on its fsync), the
   * next is planned on top of it and sent, to take the lock the moment the first lets go.
   */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        if (this.inFlight.size >= MAX_IN_FLIGHT) {
          await Promise.race(this.inFlight);
          continue;
        }
        const group = this.takeGroup();
        const plan = this.head === undefined ? undefined : await this.planFromKnowledge(group);
        if (plan) {
          this.track(this.send(group, plan));
        } else {
          // Knowledge is missing or a refusal needs confirming: settle what is in flight, then ask the store.
          await Promise.allSettled(this.inFlight);
          await this.withConnection((client) => this.commitLocked(client, group), group);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private takeGroup(): Waiting[] {
    const group: Waiting[] = [];
    let size = 0;
    while (this.queue.length > 0 && (group.length === 0 || size + this.queue[0]!.events.length <= MAX_GROUP_EVENTS)) {
      const next = this.queue.shift()!;
      size += next.events.length;
      group.push(next);
    }
    return group;
  }

  private track(work: Promise<void>): void {
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /**
   * Plans a group from what the writer knows (including the groups in flight, as if they had
   * committed), and moves that knowledge past it. Undefined when the plan refuses an append:
   * a refusal decided on knowledge that may be stale must be confirmed against the store.
   */
  private async planFromKnowledge(group: Waiting[]): Promise<{ plan: Plan; head: number; streams: string[]; revisions: number[] } | undefined> {
    const streams = [...new Set(group.map((g) => g.stream))];
    const unknown = streams.filter((s) => !this.known.has(s));
    if (unknown.length > 0) {
      for (const [stream, revision] of await this.revisionsOf(this.pool, unknown)) if (!this.known.has(stream)) this.remember(stream, revision);
    }
    if (this.head === undefined) return undefined;
    const revisions = streams.map((s) => this.known.get(s)!);
    const plan = planBatch(group, this.head, new Map(streams.map((s, i) => [s, revisions[i]!] as const).filter(([, r]) => r >= 0)), new Map());
    if (plan.outcomes.some((o) => !o.ok)) return undefined;
    const head = this.head;
    this.learn(plan);
    return { plan, head, streams, revisions };
  }

  /** The fast path: one round trip; on stale knowledge, the locked path for this group. */
  private async send(group: Waiting[], planned: { plan: Plan; head: number; streams: string[]; revisions: number[] }): Promise<void> {
    await this.withConnection(async (client) => {
      const { plan } = planned;
      let ok = plan.rows.length === 0;
      if (!ok) {
        try {
          ok = await appendGroup(client, planned.head, planned.streams, planned.revisions, plan.rows);
        } catch (error) {
          // An event id already stored (a retry, or a conflict the locked path will name) rolls the call back.
          if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        }
      }
      if (ok) {
        resolveAll(group, plan);
      } else {
        this.head = undefined;
        await this.commitLocked(client, group);
      }
    }, group);
  }

  /**
   * Runs work on an idle writer connection. If the connection breaks, the outcome is unknown:
   * the group's callers get the error and may retry; the event ids make a retry of an append
   * that did commit a no-op.
   */
  private async withConnection(work: (client: pg.PoolClient) => Promise<void>, group?: Waiting[]): Promise<void> {
    const client = this.idle.pop() ?? (await this.pool.connect());
    try {
      await work(client);
      this.idle.push(client);
    } catch (error) {
      this.head = undefined;
      this.known.clear();
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      if (group) for (const waiting of group) waiting.reject(error as Error);
      else throw error;
    }
  }

  /** The slow path: plan inside a transaction holding the lock, from what the store holds now. */
  private async commitLocked(client: pg.PoolClient, group: Waiting[]): Promise<void> {
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
      const ok = await appendGroup(client, nextPosition, streams, streams.map((s) => revisions.get(s) ?? -1), plan.rows);
      if (!ok) throw new Error('append_group refused a plan made under the append lock');
    }
    await client.query('COMMIT');
    for (const [stream, revision] of revisions) this.remember(stream, revision);
    this.learn(plan);
    resolveAll(group, plan);
  }

  private async revisionsOf(client: pg.PoolClient | pg.Pool, streams: string[]): Promise<Map<string, number>> {
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

const UNIQUE_VIOLATION = '23505';

function resolveAll(group: Waiting[], plan: Plan): void {
  plan.outcomes.forEach((outcome, i) => (outcome.ok ? group[i]!.resolve(outcome.result) : group[i]!.reject(outcome.error)));
}

/** A named (prepared once per connection) call of event_store.append_group. */
async function appendGroup(client: pg.PoolClient, head: number, streams: string[], revisions: number[], rows: readonly EventRow[]): Promise<boolean> {
  const result = await client.query<{ ok: boolean }>({
    name: 'event_store.append_group',
    text: 'SELECT event_store.append_group($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) AS ok',
    values: [head, streams, revisions, ...rowArrays(rows)],
  });
  return result.rows[0]!.ok;
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
