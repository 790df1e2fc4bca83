import pg from 'pg';
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
