import pg from 'pg';
import type { EventEnvelope, NewEvent } from '../../events/envelope.js';
import type { AppendResult, EventStore, ExpectedRevision, ReadAllOptions, Subscription } from '../event-store.port.js';
import { SELECT_EVENTS, toEnvelope, type EventRowDb } from './event-rows.js';
import { GroupCommitter } from './group-commit.js';
import { PostgresSubscription } from './postgres-subscription.js';

export const NOTIFY_CHANNEL = 'event_store_appended';

/**
 * The default event store: one table in PostgreSQL, appends coalesced into group commits
 * (group-commit.ts), reads straight from the table, live updates over LISTEN/NOTIFY.
 */
export class PostgresEventStore implements EventStore {
  private readonly committer: GroupCommitter;
  private readonly subscriptions = new Set<PostgresSubscription>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
  ) {
    this.committer = new GroupCommitter(pool);
  }

  append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.committer.append(stream, events, expectedRevision);
  }

  async readStream(stream: string, fromRevision = 0): Promise<EventEnvelope[]> {
    const { rows } = await this.pool.query<EventRowDb>(`${SELECT_EVENTS} WHERE stream = $1 AND revision >= $2 ORDER BY revision`, [stream, fromRevision]);
    // A whole-stream read is usually followed by an append to it (load, decide, append).
    if (fromRevision === 0) this.committer.remember(stream, rows.length - 1);
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
    await this.committer.close();
    await Promise.all([...this.subscriptions].map((s) => s.close()));
  }
}
