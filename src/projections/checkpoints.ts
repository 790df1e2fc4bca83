import type pg from 'pg';
import type { Projection } from './projection.js';

/**
 * Creates the projection's tables and checkpoint if missing and returns where to resume.
 * A stored version older than the code's means the tables are built differently now: replay.
 */
export async function ensureCheckpoint(client: pg.ClientBase, projection: Projection): Promise<number> {
  await client.query(projection.schema);
  await client.query(
    `INSERT INTO projections.checkpoints (name, version, position) VALUES ($1, $2, 0) ON CONFLICT (name) DO NOTHING`,
    [projection.name, projection.version],
  );
  const { rows } = await client.query<{ version: number; position: string }>('SELECT version, position FROM projections.checkpoints WHERE name = $1', [projection.name]);
  if (rows[0]!.version !== projection.version) {
    await resetProjection(client, projection);
    return 0;
  }
  return Number(rows[0]!.position);
}

/** Empties the projection's tables and rewinds its checkpoint, in one transaction. */
export async function resetProjection(client: pg.ClientBase, projection: Projection): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT 1 FROM projections.checkpoints WHERE name = $1 FOR UPDATE', [projection.name]);
    await client.query(projection.schema);
    if (projection.tables.length > 0) await client.query(`TRUNCATE ${projection.tables.join(', ')}`);
    await client.query(
      `INSERT INTO projections.checkpoints (name, version, position, status) VALUES ($1, $2, 0, 'running')
       ON CONFLICT (name) DO UPDATE SET version = $2, position = 0, status = 'running', error = NULL, updated_at = now()`,
      [projection.name, projection.version],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export interface CheckpointRow {
  name: string;
  version: number;
  position: number;
  status: string;
  error: string | null;
  updatedAt: string;
}

export async function readCheckpoints(client: pg.ClientBase | pg.Pool): Promise<CheckpointRow[]> {
  const { rows } = await client.query<{ name: string; version: number; position: string; status: string; error: string | null; updated_at: Date }>(
    'SELECT name, version, position, status, error, updated_at FROM projections.checkpoints ORDER BY name',
  );
  return rows.map((r) => ({ name: r.name, version: r.version, position: Number(r.position), status: r.status, error: r.error, updatedAt: r.updated_at.toISOString() }));
}
