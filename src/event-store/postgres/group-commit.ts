import pg from 'pg';
import type { NewEvent } from '../../events/envelope.js';
import type { AppendResult, ExpectedRevision } from '../event-store.port.js';
import { contentHash, encodeEvent, entryText } from '../event-content.js';
import { SELECT_EVENTS, toEnvelope, type EventRowDb } from './event-rows.js';
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
  /** What the writer knows of the store: the head and the last revision of streams it has seen. */
  private head: number | undefined;
  private readonly known = new Map<string, number>();

  constructor(private readonly pool: pg.Pool) {}

  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      // Inside the executor, so that a bad event rejects the promise instead of throwing.
      const encoded = events.map((event) => encodeEvent(stream, event));
      this.queue.push({ stream, events, expected, encoded, resolve, reject });
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
        await this.commit(this.takeGroup());
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

  /**
   * Plans a group from what the writer knows, and moves that knowledge past it. Undefined when
   * the plan refuses an append: a refusal decided on knowledge that may be stale must be
   * confirmed against the store.
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

  /** The fast path: one round trip; false when the store refused the knowledge it was planned on. */
  private async commitPlanned(client: pg.PoolClient, planned: { plan: Plan; head: number; streams: string[]; revisions: number[] }): Promise<boolean> {
    if (planned.plan.rows.length === 0) return true;
    try {
      return await appendGroup(client, planned.head, planned.streams, planned.revisions, planned.plan.rows);
    } catch (error) {
      // An event id already stored (a retry, or a conflict the locked path will name) rolls the call back.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return false;
      throw error;
    }
  }

  /**
   * If the connection breaks, the outcome is unknown: the group's callers get the error and may
   * retry; the event ids make a retry of an append that did commit a no-op.
   */
  private async commit(group: Waiting[]): Promise<void> {
    let client: pg.PoolClient | undefined;
    try {
      client = this.writer ??= await this.pool.connect();
      const planned = this.head === undefined ? undefined : await this.planFromKnowledge(group);
      if (planned && (await this.commitPlanned(client, planned))) {
        resolveAll(group, planned.plan);
      } else {
        // Knowledge was missing or stale, or a refusal needs confirming: ask the store.
        this.head = undefined;
        await this.commitLocked(client, group);
      }
    } catch (error) {
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

  /** The slow path: plan inside a transaction holding the lock, from what the store holds now. */
  private async commitLocked(client: pg.PoolClient, group: Waiting[]): Promise<void> {
    // The lock is taken in its own statement: a statement's snapshot predates the locks it waits
    // for, and the reads below must see everything the previous lock holder committed.
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
    const streams = [...new Set(group.map((g) => g.stream))];
    const ids = group.flatMap((g) => g.events.map((e) => e.id));
    const head = await client.query<{ next_position: string }>('SELECT next_position FROM event_store.head');
    const revisions = await this.revisionsOf(client, streams);
    const stored = await client.query<EventRowDb>(`${SELECT_EVENTS} WHERE id = ANY($1::uuid[])`, [ids]);
    const storedIds = new Map<string, StoredId>(
      stored.rows.map(toEnvelope).map((e) => [e.id, { id: e.id, stream: e.stream, revision: e.revision, position: e.position, contentHash: () => contentHash(e.stream, e) }]),
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

const COLUMNS = '(position, id, stream, revision, type, schema_version, data, meta, act, entry)';
const CASTS = ['bigint', 'uuid', 'text', 'bigint', 'text', 'int', 'jsonb', 'jsonb', 'jsonb', 'text'];
/** The entry travels as text (no hex doubling on the wire) and is stored as its UTF-8 bytes. */
const SELECTED = 'v.position, v.id, v.stream, v.revision, v.type, v.schema_version, v.data, v.meta, v.act, convert_to(v.entry, \'UTF8\')';
/** Statements for group sizes up to this are prepared once per connection and kept. */
const PREPARED_UP_TO = 128;
const statements = new Map<number, string>();

/**
 * One INSERT of the group's rows (a VALUES list: cheaper to send and parse than arrays) guarded
 * by event_store.claim_positions, evaluated once before any row. True when the rows were written.
 */
async function appendGroup(client: pg.PoolClient, head: number, streams: string[], revisions: number[], rows: readonly EventRow[]): Promise<boolean> {
  let text = statements.get(rows.length);
  if (text === undefined) {
    const values = rows.map((_, r) => `(${CASTS.map((cast, c) => `$${5 + r * CASTS.length + c}::${cast}`).join(', ')})`);
    text =
      `WITH claim AS MATERIALIZED (SELECT event_store.claim_positions($1, $2, $3, $4) AS ok) ` +
      `INSERT INTO event_store.events ${COLUMNS} SELECT ${SELECTED} FROM (VALUES ${values.join(', ')}) AS v${COLUMNS}, claim WHERE claim.ok`;
    if (rows.length <= PREPARED_UP_TO) statements.set(rows.length, text);
  }
  const values: unknown[] = [head, streams, revisions, rows.length];
  for (const r of rows) {
    values.push(r.position, r.event.id, r.stream, r.revision, r.event.type, r.event.schemaVersion, r.encoded.data, r.encoded.meta, r.encoded.act, entryText(r.stream, r.revision, r.event, r.encoded));
  }
  const result = await client.query(rows.length <= PREPARED_UP_TO ? { name: `event_store.append_${rows.length}`, text, values } : { text, values });
  return result.rowCount === rows.length;
}
