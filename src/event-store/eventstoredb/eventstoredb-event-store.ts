import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START, StreamNotFoundError, type Position, type ReadPosition, type RecordedEvent } from '@eventstore/db-client';
import type { EventEnvelope, NewEvent } from '../../events/envelope.js';
import { contentHash } from '../event-content.js';
import type { AppendResult, EventStore, ExpectedRevision, ReadAllOptions, Subscription } from '../event-store.port.js';
import { EventStoreDbSubscription } from './eventstoredb-subscription.js';
import { comparePositions, isSystemEvent, storedMetadata, toEnvelope, toEventData } from './esdb-events.js';
import { GlobalIndex } from './global-index.js';
import { checkReplay } from './idempotency.js';
import { mapAppendError, toEsdbExpectedRevision } from './revisions.js';

const PAGE = 1000;

/**
 * The event store port on EventStoreDB (DESIGN §3, ADR on the EventStoreDB adapter). Streams are
 * EventStoreDB streams, the global order is $all without system events, and the port's dense
 * positions come from an index of $all this adapter keeps in memory (GlobalIndex), caught up
 * before every read that needs it.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly index = new GlobalIndex();
  /** Catch-ups run one at a time; callers share the one in progress and then run their own. */
  private catchUpChain: Promise<void> = Promise.resolve();
  private readonly subscriptions = new Set<EventStoreDbSubscription>();

  constructor(private readonly client: EventStoreDBClient) {}

  static connect(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) return { nextRevision: await this.lastRevision(stream), positions: [] };
    const data = events.map((event) => toEventData(stream, event));
    const ids = events.map((e) => e.id);
    const hashes = events.map((e) => contentHash(stream, e).toString('hex'));
    await this.catchUp();
    const before = checkReplay(this.index, stream, ids, hashes);
    if (before.kind === 'replay') return before.result;
    let nextRevision: number;
    try {
      const result = await this.client.appendToStream(stream, data, { expectedRevision: toEsdbExpectedRevision(expectedRevision) });
      nextRevision = Number(result.nextExpectedRevision);
    } catch (error) {
      // Another instance may have stored these very events in between: then this is a replay.
      await this.catchUp();
      const after = checkReplay(this.index, stream, ids, hashes);
      if (after.kind === 'replay') return after.result;
      throw mapAppendError(error, stream, expectedRevision);
    }
    await this.catchUp();
    const positions = ids.map((id) => this.index.positionOf(id));
    if (positions.some((p) => p === undefined)) throw new Error(`appended events of ${stream} are not in $all after the append`);
    return { nextRevision, positions: positions as number[] };
  }

  async readStream(stream: string, fromRevision = 0): Promise<EventEnvelope[]> {
    const recorded: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, { fromRevision: BigInt(fromRevision), direction: FORWARDS })) {
        if (resolved.event && !isSystemEvent(resolved.event)) recorded.push(resolved.event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    if (recorded.some((e) => this.index.positionOf(e.id) === undefined)) await this.catchUp();
    return recorded.map((e) => toEnvelope(e, this.index.positionOf(e.id)!));
  }

  async readAll(fromPosition: number, maxCount: number, options: ReadAllOptions = {}): Promise<EventEnvelope[]> {
    await this.catchUp();
    const wanted = this.index.select(fromPosition, maxCount, options.types ? new Set(options.types) : undefined);
    if (wanted.length === 0) return [];
    const targets = new Set(wanted);
    const last = wanted[wanted.length - 1]!;
    const found: EventEnvelope[] = [];
    // From the event before the first wanted one (whether a read from a position includes it or
    // not, the wanted one comes next); each event's position is looked up by its id. wanted[0]
    // is indexed, so this is never 'ahead'.
    const before = this.index.resumeAfter(wanted[0]!);
    await this.scanAll(typeof before === 'string' ? START : before, (event) => {
      const dense = this.index.positionOf(event.id);
      if (dense === undefined || dense > last) return false;
      if (targets.has(dense)) found.push(toEnvelope(event, dense));
      return found.length < wanted.length;
    });
    return found;
  }

  /**
   * Visits the non-system events of $all from `from` in pages, until `visit` returns false or the
   * end is reached. Each page starts at the last event of the one before: events at or before a
   * position already visited are skipped, so it does not matter whether a read includes its start.
   */
  private async scanAll(from: ReadPosition, visit: (event: RecordedEvent & { position: Position }) => boolean): Promise<void> {
    let position = from;
    let seen: Position | undefined;
    for (;;) {
      let read = 0;
      for await (const resolved of this.client.readAll({ fromPosition: position, direction: FORWARDS, maxCount: PAGE })) {
        read += 1;
        const event = resolved.event;
        if (!event || (seen && comparePositions(event.position, seen) <= 0)) continue;
        seen = event.position;
        if (isSystemEvent(event)) continue;
        if (!visit(event)) return;
      }
      if (read < PAGE || seen === undefined) return;
      position = seen;
    }
  }

  async headPosition(): Promise<number> {
    await this.catchUp();
    return this.index.size;
  }

  subscribe(fromPosition: number): Subscription {
    const subscription = new EventStoreDbSubscription(this.client, fromPosition, (from) => this.startOf(from), () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  /**
   * Where a subscription from dense position `from` starts in $all: at the position of event
   * `from - 1` (or the start of $all). subscribeToAll starts after the position it is given; the
   * subscription also skips that event should a server deliver it.
   */
  async startOf(from: number): Promise<ReadPosition> {
    if (from <= 0) return START;
    await this.catchUp();
    for (;;) {
      const start = this.index.resumeAfter(from);
      if (start === 'start') return START;
      if (start !== 'ahead') return start;
      // A checkpoint ahead of what is visible yet: wait for the log to grow to it.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await this.catchUp();
    }
  }

  /** Extends the index to the current end of $all. */
  catchUp(): Promise<void> {
    const next = this.catchUpChain.then(() => this.readNewEvents());
    this.catchUpChain = next.catch(() => undefined);
    return next;
  }

  private async readNewEvents(): Promise<void> {
    await this.scanAll(this.index.last ?? START, (event) => {
      if (this.index.covers(event.position)) return true;
      const { contentSha256 } = storedMetadata(event);
      this.index.add({ position: event.position, id: event.id, stream: event.streamId, revision: Number(event.revision), type: event.type, contentSha256 });
      return true;
    });
  }

  private async lastRevision(stream: string): Promise<number> {
    try {
      for await (const resolved of this.client.readStream(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
        if (resolved.event) return Number(resolved.event.revision);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return -1;
  }
}
