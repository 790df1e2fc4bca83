/** A database for one benchmark run: a scratch database on DATABASE_URL's server, or a fresh embedded PostgreSQL. */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function openScratchDatabase(): Promise<{ url: string; where: string; close(): Promise<void> }> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const name = `civic_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: given });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(given);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      where: `DATABASE_URL server, scratch database ${name}`,
      async close() {
        const c = new pg.Client({ connectionString: given });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'civic-bench-pg-'));
  // As root, PostgreSQL runs as its own user, which must be able to enter the folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  try {
    const db = await startEmbeddedPostgres(join(dir, 'data'), port);
    return {
      url: db.url,
      where: `embedded PostgreSQL on port ${port}`,
      async close() {
        await db.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

