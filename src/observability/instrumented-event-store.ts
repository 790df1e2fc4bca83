import type { EventEnvelope, NewEvent } from '../events/envelope.js';
import type { AppendResult, EventStore, ExpectedRevision, ReadAllOptions, Subscription } from '../event-store/event-store.port.js';
import type { Metrics } from './metrics.js';

const INSTRUMENTED = Symbol('instrumented');

/**
 * An EventStore that delegates to another and counts appended events and observes the latency of
 * each call. `install` puts it in the place of the store the application already shares: the
 * store's methods on that very object then go through the decorator, so every holder of the
 * EVENT_STORE provider is measured without the event store module knowing.
 */
export class InstrumentedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly metrics: Metrics,
  ) {}

  /** Routes `store`'s own methods through an InstrumentedEventStore around its original methods. */
  static install(store: EventStore, metrics: Metrics): EventStore {
    const marked = store as EventStore & { [INSTRUMENTED]?: true };
    if (marked[INSTRUMENTED]) return store;
    const original: EventStore = {
      append: store.append.bind(store),
      readStream: store.readStream.bind(store),
      readAll: store.readAll.bind(store),
      headPosition: store.headPosition.bind(store),
      subscribe: store.subscribe.bind(store),
      close: store.close.bind(store),
    };
    const decorator = new InstrumentedEventStore(original, metrics);
    Object.assign(store, {
      append: decorator.append.bind(decorator),
      readStream: decorator.readStream.bind(decorator),
      readAll: decorator.readAll.bind(decorator),
      headPosition: decorator.headPosition.bind(decorator),
      [INSTRUMENTED]: true,
    });
    return store;
  }

  async append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const result = await this.observe('append', () => this.inner.append(stream, events, expectedRevision));
    this.metrics.eventsAppended.inc(events.length);
    return result;
  }

  readStream(stream: string, fromRevision?: number): Promise<EventEnvelope[]> {
    return this.observe('readStream', () => this.inner.readStream(stream, fromRevision));
  }

  readAll(fromPosition: number, maxCount: number, options?: ReadAllOptions): Promise<EventEnvelope[]> {
    return this.observe('readAll', () => this.inner.readAll(fromPosition, maxCount, options));
  }

  headPosition(): Promise<number> {
    return this.observe('headPosition', () => this.inner.headPosition());
  }

  subscribe(fromPosition: number): Subscription {
    return this.inner.subscribe(fromPosition);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async observe<T>(operation: string, call: () => Promise<T>): Promise<T> {
    const end = this.metrics.eventStoreDuration.startTimer({ operation });
    try {
      const result = await call();
      end({ outcome: 'ok' });
      return result;
    } catch (error) {
      end({ outcome: 'error' });
      throw error;
    }
  }
}
