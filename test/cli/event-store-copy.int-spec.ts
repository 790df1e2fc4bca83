import { createServer } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { civic, expectNoStackTrace, tempDir } from './support/civic.js';

/**
 * `civic event-store copy` as an operator meets it without a server. The copy itself is shown in
 * test/event-store/copy-log.int-spec.ts; against EventStoreDB it runs only where a server does.
 */
let db: TestDatabase;
let env: { DATABASE_URL: string; DATA_DIR: string };

beforeAll(async () => {
  db = await createTestDatabase();
  env = { DATABASE_URL: db.url, DATA_DIR: tempDir() };
});
afterAll(async () => {
  await db.drop();
});

/** A port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

it('refuses a connection string that is not EventStoreDB’s, naming --to (exit 2)', async () => {
  const run = await civic(['event-store', 'copy', '--to', 'postgres://civic@db/civic'], env);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/--to: not an EventStoreDB connection string/);
  expectNoStackTrace(run);
});

it('needs --to (exit 2)', async () => {
  const run = await civic(['event-store', 'copy'], env);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/--to/);
});

it('refuses to run when the instance already uses EventStoreDB (exit 2)', async () => {
  const to = `esdb://127.0.0.1:${await closedPort()}?tls=false`;
  const run = await civic(['event-store', 'copy', '--to', to], { ...env, EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: to });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/already uses EventStoreDB/);
  expectNoStackTrace(run);
});

it('an unreachable server is one line on stderr (exit 1)', async () => {
  const run = await civic(['event-store', 'copy', '--to', `esdb://127.0.0.1:${await closedPort()}?tls=false`], env);
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expectNoStackTrace(run);
});
