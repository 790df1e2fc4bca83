import pg from 'pg';
import { loadConfig, type AppConfig } from '../config/config.js';
import { openDatabase, type Database } from '../database/database.providers.js';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store.js';

/** A usage or input problem: printed as a message, exit code 2. */
export class CliError extends Error {}

export interface CliContext {
  config: AppConfig;
  database: Database;
  pool: pg.Pool;
  store: PostgresEventStore;
  close(): Promise<void>;
}

/** The database the app uses (the running app's embedded server, if it is up), migrated. */
export async function openCliContext(): Promise<CliContext> {
  const config = loadConfig(process.env, '');
  const database = await openDatabase(config);
  const pool = new pg.Pool({ connectionString: database.url, max: 5 });
  const store = new PostgresEventStore(pool, database.url);
  return {
    config,
    database,
    pool,
    store,
    async close() {
      await store.close();
      await pool.end();
      await database.stop();
    },
  };
}
