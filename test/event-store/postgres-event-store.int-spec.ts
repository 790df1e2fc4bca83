import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../src/database/migrations.js';
import type { NewEvent } from '../../src/events/envelope.js';
import { envelopeBytes } from '../../src/event-store/event-content.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { eventStoreContract } from './event-store.contract.js';

eventStoreContract('postgres', async () => {
  const db = await createTestDatabase();
  const store = new PostgresEventStore(db.pool, db.url);
  // Another instance stands in for another process: its own pool, its own group committer.
  const others: { store: PostgresEventStore; pool: pg.Pool }[] = [];
  return {
    store,
    async openAnother() {
      const pool = new pg.Pool({ connectionString: db.url, max: 10 });
      // pool.end() resolves before its connections are closed: DROP DATABASE ... FORCE may still reach one.
      pool.on('error', () => undefined);
      const other = new PostgresEventStore(pool, db.url);
      others.push({ store: other, pool });
      return other;
    },
    async teardown() {
      await store.close();
      for (const other of others) {
        await other.store.close();
        await other.pool.end();
      }
      await db.drop();
    },
  };
});

describe('PostgresSubscription connections', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  async function listeners(): Promise<number> {
    const { rows } = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
    );
    return rows[0]!.n;
  }

  async function waitForNoListeners(): Promise<number> {
    const deadline = Date.now() + 5000;
    let n = await listeners();
    while (n > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      n = await listeners();
    }
    return n;
  }

  it('a subscription closed before or while it starts leaves no LISTEN connection behind', async () => {
    const store = new PostgresEventStore(db.pool, db.url);
    const closedFirst = store.subscribe(0);
    await closedFirst.close();
    for await (const _ of closedFirst) throw new Error('a closed subscription yielded');
    const closedWhileStarting = store.subscribe(0);
    const iteration = (async () => {
      for await (const _ of closedWhileStarting) throw new Error('a closed subscription yielded');
    })();
    await closedWhileStarting.close();
    await iteration;
    expect(await waitForNoListeners()).toBe(0);
    await store.close();
  });
});

describe('ledger entries kept beside the events', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.pool, db.url);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  const event = (data: unknown, act?: NewEvent['act']): NewEvent => ({
    id: randomUUID(),
    type: 'governance.VoteCast',
    schemaVersion: 1,
    data,
    meta: { occurredAt: '2026-03-01T12:00:00.000Z', actor: 'm-1', causationId: 'c', correlationId: 'c' },
    ...(act ? { act } : {}),
  });

  async function entries(): Promise<Map<number, Buffer>> {
    const { rows } = await db.pool.query<{ position: string; entry: Buffer }>('SELECT position, entry FROM event_store.events ORDER BY position');
    return new Map(rows.map((r) => [Number(r.position), r.entry]));
  }

  it('are written at append, byte for byte the canonical envelope of the event as it reads back', async () => {
    await store.append('s-entries', [
      event({ z: 1, a: [1.5, -0.25, 1e21, null, true, { y: 'मतदान “vote” \u2028 😀', b: 2 }] }),
      event({ choice: 'yes' }, { command: { command: 'governance.CastVote', actor: 'm-1', keyId: 'k', nonce: 'n' }, signature: 'c2ln' }),
    ], 'any');
    await store.append('s-entries', [event({ n: 3 })], 1);
    const stored = await entries();
    const read = await store.readAll(0, 10);
    expect(read).toHaveLength(3);
    for (const e of read) expect(stored.get(e.position)).toEqual(envelopeBytes(e));
  });

  it('are filled in for events stored before entries were (migration 006), the same as at append', async () => {
    const before = await entries();
    // Back to the schema before the migration: no entry column, the migration not applied.
    await db.pool.query('ALTER TABLE event_store.events DROP COLUMN entry');
    await db.pool.query(`DELETE FROM public.schema_migrations WHERE id = '006-event-entries'`);
    const client = await db.pool.connect();
    try {
      expect(await migrate(client)).toEqual(['006-event-entries']);
    } finally {
      client.release();
    }
    expect(await entries()).toEqual(before);
    const { rows } = await db.pool.query<{ is_nullable: string }>(
      `SELECT is_nullable FROM information_schema.columns WHERE table_schema = 'event_store' AND table_name = 'events' AND column_name = 'entry'`,
    );
    expect(rows).toEqual([{ is_nullable: 'NO' }]);
  });
});
