import type pg from 'pg';

/** Process managers keep their own checkpoints: they are not projections and are never rebuilt. */
export async function ensureCheckpointTable(pool: pg.Pool): Promise<void> {
  await pool.query(`
    CREATE TABLE IF NOT EXISTS projections.process_checkpoints (
      name       text        PRIMARY KEY,
      position   bigint      NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
}

export async function readCheckpoint(pool: pg.Pool, name: string): Promise<number> {
  const { rows } = await pool.query<{ position: string }>('SELECT position FROM projections.process_checkpoints WHERE name = $1', [name]);
  return rows.length === 0 ? 0 : Number(rows[0]!.position);
}

/** Only ever forward: two managers racing never move it back. */
export async function saveCheckpoint(pool: pg.Pool, name: string, position: number): Promise<void> {
  await pool.query(
    `INSERT INTO projections.process_checkpoints (name, position) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()
     WHERE process_checkpoints.position < EXCLUDED.position`,
    [name, position],
  );
}
