import { join } from 'node:path';
import pg from 'pg';
import type { AppConfig } from '../config/config.js';
import { embeddedRunning, embeddedUrl, startEmbeddedPostgres } from './embedded-postgres.js';
import { migrate } from './migrations.js';

export const DATABASE = Symbol('Database');
export const PG_POOL = Symbol('PgPool');

export interface Database {
  url: string;
  /** Stops the embedded server, when this process started one. */
  stop(): Promise<void>;
}

/** The configured server, or an embedded PostgreSQL under the data folder; migrated either way. */
export async function openDatabase(config: AppConfig, log: (line: string) => void = () => {}): Promise<Database> {
  const db = await connectOrStart(config, log);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const applied = await migrate(client);
    if (applied.length > 0) log(`migrations applied: ${applied.join(', ')}`);
  } finally {
    await client.end();
  }
  return db;
}

/**
 * The embedded server is shared: a CLI command run while the app is up connects to the app's
 * server instead of starting a second one on the same folder.
 */
async function connectOrStart(config: AppConfig, log: (line: string) => void): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} };
  const dir = join(config.dataDir, 'postgres');
  if (embeddedRunning(dir)) return { url: embeddedUrl(config.embeddedPostgresPort), stop: async () => {} };
  return startEmbeddedPostgres(dir, config.embeddedPostgresPort, log);
}
