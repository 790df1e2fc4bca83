import { excludeSystemEvents, START, type AllStreamSubscription, type EventStoreDBClient, type Position, type ReadPosition } from '@eventstore/db-client';
import type { EventEnvelope } from '../../events/envelope.js';
import type { Subscription } from '../event-store.port.js';
import { comparePositions, isSystemEvent, toEnvelope } from './esdb-events.js';

/**
 * Catch-up then live over subscribeToAll, server-side filtered to non-system events, counting
 * dense positions from the one it started at. Resumable from any dense checkpoint: the store
 * turns it into the $all position of the event before it.
 */
export class EventStoreDbSubscription implements Subscription {
  private closed = false;
  private inner: AllStreamSubscription | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly from: number,
    private readonly startOf: (from: number) => Promise<ReadPosition>,
    private readonly onClose: () => void,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<EventEnvelope> {
    if (this.closed) return;
    const start = await this.startOf(this.from);
    if (this.closed) return;
    const inner = (this.inner = this.client.subscribeToAll({ fromPosition: start, filter: excludeSystemEvents() }));
    const after = start === START ? undefined : (start as Position);
    let position = this.from;
    try {
      for await (const resolved of inner) {
        if (this.closed) return;
        const event = resolved.event;
        if (!event || isSystemEvent(event)) continue;
        if (after && comparePositions(event.position, after) <= 0) continue;
        yield toEnvelope(event, position);
        position += 1;
      }
    } catch (error) {
      // Unsubscribing cancels the server stream: that ends the iteration, it is not a failure.
      if (!this.closed) throw error;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed && !this.inner) return;
    this.closed = true;
    const inner = this.inner;
    this.inner = undefined;
    this.onClose();
    await inner?.unsubscribe().catch(() => undefined);
  }
}
