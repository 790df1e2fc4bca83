import type pg from 'pg';
import type { EventEnvelope } from '../../../src/events/envelope.js';
import { READ_MODELS_SCHEMA, useReadModelSchema, type Projection } from '../../../src/projections/projection.js';
import { installAnalyticsViews } from '../../../src/read-models/analytics/analytics-installer.js';

/** Creates the projection's tables (twice: the DDL must be idempotent). */
export async function install(pool: pg.Pool, ...projections: Projection[]): Promise<void> {
  const client = await pool.connect();
  try {
    for (const p of projections) {
      await client.query('BEGIN');
      await useReadModelSchema(client);
      await client.query(p.schema);
      await client.query(p.schema);
      await client.query('COMMIT');
    }
  } finally {
    client.release();
  }
}

/** Applies each batch in its own transaction, as the runner does. Returns the queries each batch ran. */
export async function applyBatches(pool: pg.Pool, projection: Projection, batches: readonly (readonly EventEnvelope[])[]): Promise<number[]> {
  const client = await pool.connect();
  const counts: number[] = [];
  try {
    for (const batch of batches) {
      await client.query('BEGIN');
      try {
        await useReadModelSchema(client);
        const counted = countingQueries(client);
        await projection.apply(batch, counted.client);
        counts.push(counted.count());
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    client.release();
  }
  return counts;
}

export const applyBatch = async (pool: pg.Pool, projection: Projection, batch: readonly EventEnvelope[]): Promise<number> =>
  (await applyBatches(pool, projection, [batch]))[0]!;

/** The client, counting the queries run through it. */
function countingQueries(client: pg.ClientBase): { client: pg.ClientBase; count: () => number } {
  let n = 0;
  const proxy = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'query') {
        return (...args: unknown[]) => {
          n++;
          return (target.query as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { client: proxy, count: () => n };
}

/** Every row of every table, in primary-key order, as plain JSON: two equal snapshots mean equal tables. */
export async function snapshot(pool: pg.Pool, tables: readonly string[]): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const { rows } = await pool.query(`SELECT * FROM ${qualified(table)} t ORDER BY 1, 2`);
    out[table] = JSON.parse(JSON.stringify(rows)) as unknown[];
  }
  return out;
}

export async function truncate(pool: pg.Pool, projection: Projection): Promise<void> {
  await pool.query(`TRUNCATE ${projection.tables.map(qualified).join(', ')}`);
}

const qualified = (table: string): string => (table.includes('.') ? table : `${READ_MODELS_SCHEMA}.${table}`);

/** Installs the analyst views (src/read-models/analytics), as every process does on start. */
export async function installAnalytics(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await installAnalyticsViews(client);
  } finally {
    client.release();
  }
}
