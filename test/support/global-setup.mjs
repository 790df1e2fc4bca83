// Plain ESM: jest loads global setup outside its module transform, so this imports the build.
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../dist/database/embedded-postgres.js';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * One real PostgreSQL for the whole integration run, in a fresh folder on a free port so that a
 * crashed earlier run cannot get in the way. Each test file creates its own database in it.
 * An admin URL in TEST_DATABASE_URL points the tests at an existing server instead.
 */
export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) return;
  const dir = mkdtempSync(join(tmpdir(), 'civic-test-pg-'));
  // As root, PostgreSQL runs as its own user, which must be able to enter the folder.
  chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres(join(dir, 'data'), await freePort());
  globalThis.__civicTestDatabase = db;
  process.env.TEST_DATABASE_URL = db.url;
}
