import pg from 'pg';
import type { EventEnvelope } from '../../events/envelope.js';
import type { EventStore, Subscription } from '../event-store.port.js';
import { NOTIFY_CHANNEL } from './postgres-event-store.js';

const PAGE = 1000;
/** Notifications are a hint; a periodic read covers a lost one (a reconnect, a full queue). */
const POLL_MS = 1000;

/** Catch-up by pages from a position, then live on LISTEN/NOTIFY. */
export class PostgresSubscription implements Subscription {
  private closed = false;
  private wake: (() => void) | undefined;
  /** Set by a notification that arrives while a page is being read, so it is not lost. */
  private signalled = false;
  private listener: pg.Client | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly connectionString: string,
    private position: number,
    private readonly onClose: () => void,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<EventEnvelope> {
    await this.listen();
    try {
      while (!this.closed) {
        this.signalled = false;
        const page = await this.store.readAll(this.position, PAGE);
        for (const event of page) {
          if (this.closed) return;
          this.position = event.position + 1;
          yield event;
        }
        if (page.length < PAGE) await this.nextSignal();
      }
    } finally {
      await this.close();
    }
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', () => {
      this.signalled = true;
      this.wake?.();
    });
    client.on('error', () => {
      // A broken listener only costs latency: polling keeps the subscription going.
      this.listener = undefined;
    });
    await client.connect();
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    // Closed while connecting: close() found no listener to end, so end it here.
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
  }

  private nextSignal(): Promise<void> {
    if (this.signalled) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, POLL_MS);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    this.onClose();
  }
}
