import type pg from 'pg';
import { useReadModelSchema, type Projection } from './projection.js';

/**
 * Creates the projection's tables and checkpoint if missing and returns where to resume.
 * A stored version older than the code's means the tables are built differently now: replay.
 */
export async function ensureCheckpoint(client: pg.ClientBase, projection: Projection): Promise<number> {
  await client.query('BEGIN');
  try {
    await useReadModelSchema(client);
    await client.query(projection.schema);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
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
    await useReadModelSchema(client);
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

/** Advisory lock namespaces: the active runner of a projection, and a rebuild of it (key 2: hashtext(name)). */
export const RUNNER_LOCK_NAMESPACE = 7_240_003;
export const REBUILD_LOCK_NAMESPACE = 7_240_004;

/** An operator's pause: the projection's runner stops applying at its next batch until resumed. */
export async function pauseProjection(client: pg.ClientBase | pg.Pool, projection: Projection): Promise<CheckpointRow> {
  const { rows } = await client.query<{ name: string }>(
    `INSERT INTO projections.checkpoints (name, version, position, status) VALUES ($1, $2, 0, 'paused')
     ON CONFLICT (name) DO UPDATE SET status = 'paused', updated_at = now() RETURNING name`,
    [projection.name, projection.version],
  );
  return (await readCheckpoints(client)).find((c) => c.name === rows[0]!.name)!;
}

/**
 * Resumes a paused or failed projection from its checkpoint: for a failed one, that is the event
 * that failed, applied again (after a fix). Returns the row as it was, or undefined when there is none.
 */
export async function resumeProjection(client: pg.ClientBase | pg.Pool, projection: Projection): Promise<CheckpointRow | undefined> {
  const before = (await readCheckpoints(client)).find((c) => c.name === projection.name);
  await client.query(
    `UPDATE projections.checkpoints SET status = 'running', error = NULL, updated_at = now() WHERE name = $1 AND status IN ('paused', 'failed')`,
    [projection.name],
  );
  return before;
}

/** Names of the projections whose advisory lock of `namespace` some session holds. */
export async function lockedProjections(client: pg.ClientBase | pg.Pool, namespace: number, names: readonly string[]): Promise<Set<string>> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT n.name FROM unnest($2::text[]) AS n(name)
     WHERE EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                   AND l.classid = $1::int::oid AND l.objid = hashtext(n.name)::oid
                   -- pg_locks shows every database of the server; advisory locks belong to one.
                   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))`,
    [namespace, names],
  );
  return new Set(rows.map((r) => r.name));
}

export type ProjectionState = 'running' | 'standby' | 'rebuilding' | 'paused' | 'failed' | 'not-started' | 'stopped';

export interface ProjectionStatusRow {
  name: string;
  version: number;
  /** Next position it will read; everything below is applied. */
  position: number;
  head: number;
  /** Events appended and not applied yet. */
  lag: number;
  /** Age of the oldest event not applied yet (0 when caught up). */
  lagSeconds: number;
  /** The checkpoint's status: running, paused, failed, or not-started. */
  status: string;
  /**
   * What is happening to it: failed, paused, rebuilding (a `civic projections rebuild` holds its
   * rebuild lock), running (a runner holds its lock), stopped (no process runs it), not-started.
   */
  state: ProjectionState;
  error: string | null;
  updatedAt: string | null;
  /** A blue-green rebuild in progress or interrupted: the version built, where it stands, and its share of the head. */
  rebuild: { version: number; position: number; progress: number; startedAt: string } | null;
}

/** Blue-green rebuilds under way or interrupted (projections.rebuilds, created by the first rebuild). */
async function rebuildRows(pool: pg.Pool): Promise<Map<string, { version: number; position: number; startedAt: string }>> {
  try {
    const { rows } = await pool.query<{ name: string; version: number; position: string; started_at: Date }>('SELECT name, version, position, started_at FROM projections.rebuilds');
    return new Map(rows.map((r) => [r.name, { version: r.version, position: Number(r.position), startedAt: r.started_at.toISOString() }]));
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return new Map(); // no rebuild ever ran
    throw error;
  }
}

interface StatusStore {
  headPosition(): Promise<number>;
  readAll(fromPosition: number, maxCount: number): Promise<{ meta: { occurredAt: string } }[]>;
}

function rebuildOf(row: { version: number; position: number; startedAt: string } | undefined, head: number): ProjectionStatusRow['rebuild'] {
  if (!row) return null;
  return { ...row, progress: head === 0 ? 1 : Math.min(1, Math.round((row.position / head) * 1000) / 1000) };
}

/** Every projection's checkpoint, lag and state, as the CLI, the API, /health and /metrics show them. */
export async function projectionStatuses(pool: pg.Pool, store: StatusStore, projections: readonly Projection[], now: Date = new Date()): Promise<ProjectionStatusRow[]> {
  const names = projections.map((p) => p.name);
  const [checkpoints, head, running, rebuilding, rebuilds] = await Promise.all([
    readCheckpoints(pool),
    store.headPosition(),
    lockedProjections(pool, RUNNER_LOCK_NAMESPACE, names),
    lockedProjections(pool, REBUILD_LOCK_NAMESPACE, names),
    rebuildRows(pool),
  ]);
  const byName = new Map(checkpoints.map((c) => [c.name, c]));
  return Promise.all(
    projections.map(async (projection): Promise<ProjectionStatusRow> => {
      const checkpoint = byName.get(projection.name);
      const position = checkpoint?.position ?? 0;
      const lag = Math.max(0, head - position);
      let lagSeconds = 0;
      if (lag > 0) {
        const [oldest] = await store.readAll(position, 1);
        const since = oldest ? Date.parse(oldest.meta.occurredAt) : Date.parse(checkpoint?.updatedAt ?? now.toISOString());
        lagSeconds = Math.max(0, (now.getTime() - (Number.isNaN(since) ? now.getTime() : since)) / 1000);
      }
      const status = checkpoint?.status ?? 'not-started';
      let state: ProjectionState;
      if (status === 'failed' || status === 'paused') state = status;
      else if (rebuilding.has(projection.name)) state = 'rebuilding';
      else if (!checkpoint) state = 'not-started';
      else state = running.has(projection.name) ? 'running' : 'stopped';
      return {
        name: projection.name,
        version: checkpoint?.version ?? projection.version,
        position,
        head,
        lag,
        lagSeconds: Math.round(lagSeconds * 1000) / 1000,
        status,
        state,
        error: checkpoint?.error ?? null,
        updatedAt: checkpoint?.updatedAt ?? null,
        rebuild: rebuildOf(rebuilds.get(projection.name), head),
      };
    }),
  );
}
