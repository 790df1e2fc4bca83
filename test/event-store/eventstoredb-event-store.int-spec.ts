import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config/config.js';
import { createEventStore } from '../../src/event-store/event-store.module.js';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { eventStoreContract } from './event-store.contract.js';

/**
 * The shared contract suite against a real EventStoreDB server, registered only when
 * EVENTSTORE_CONNECTION_STRING points at one (no server can run on the development machines;
 * .github/workflows/eventstoredb.yml runs it against a service container).
 *
 * The contract wants an EMPTY store, and $all cannot be emptied: the server must be fresh (the
 * workflow starts one per run).
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  eventStoreContract('eventstoredb', async () => {
    const store = EventStoreDbEventStore.connect(connectionString);
    const others: EventStoreDbEventStore[] = [];
    return {
      store,
      async openAnother() {
        const other = EventStoreDbEventStore.connect(connectionString);
        others.push(other);
        return other;
      },
      async teardown() {
        await store.close();
        await Promise.all(others.map((o) => o.close()));
      },
    };
  });
} else {
  console.log('eventstoredb contract suite not run: EVENTSTORE_CONNECTION_STRING is not set');
}

describe('selecting the adapter', () => {
  const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'civic-esdb-config-')), JWT_SECRET: 'x'.repeat(40) };
  // A pool that is never used: creating a store opens no connection.
  const pool = new pg.Pool({ connectionString: 'postgres://unused@127.0.0.1:1/unused' });
  afterAll(async () => {
    await pool.end();
  });

  it('EVENT_STORE=eventstoredb with EVENTSTORE_CONNECTION_STRING gives the EventStoreDB adapter', async () => {
    const config = loadConfig({ ...env, EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:2113?tls=false' });
    const store = createEventStore(config, pool, 'postgres://unused@127.0.0.1:1/unused');
    expect(store).toBeInstanceOf(EventStoreDbEventStore);
    await store.close();
  });

  it('the default is the PostgreSQL adapter', async () => {
    const store = createEventStore(loadConfig(env), pool, 'postgres://unused@127.0.0.1:1/unused');
    expect(store).toBeInstanceOf(PostgresEventStore);
    await store.close();
  });

  it('EVENT_STORE=eventstoredb without a connection string is a configuration error naming the variable', () => {
    expect(() => loadConfig({ ...env, EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });
});
