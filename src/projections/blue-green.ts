import pg from 'pg';
import type { EventEnvelope } from '../events/envelope.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { REBUILD_LOCK_NAMESPACE } from './checkpoints.js';
import { READ_MODELS_SCHEMA, useReadModelSchema, type Projection } from './projection.js';

/**
 * Blue-green rebuild (DESIGN §4, ADR 0014): version N+1 of a projection is built in a shadow
 * schema from position 0 while version N keeps answering from `read_models`; once it has caught
 * up, one transaction applies the last events, drops the old tables, moves the new ones into
 * `read_models` and moves the live checkpoint. Progress is kept in `projections.rebuilds`,
 * committed with the shadow rows, so an interrupted rebuild resumes where it stopped.
 */

/** Where version N+1 of a projection is built. */
export const shadowSchemaOf = (name: string): string => `read_models_rebuild_${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;

/** Rebuild batches are far larger than live ones: nobody waits on them, and each costs one commit. */
export const REBUILD_BATCH_SIZE = 40_000;

const REBUILDS_DDL_LOCK = 7_240_005;

export interface RebuildProgress {
  name: string;
  version: number;
  /** Next position to apply to the shadow tables. */
  position: number;
  head: number;
}

export interface RebuildOptions {
  batchSize?: number;
  /** Called after every committed batch, and once after the swap. */
  onProgress?: (progress: RebuildProgress) => void;
  /** Polled between batches: the rebuild stops (resumable) when it returns true. */
  shouldStop?: () => boolean;
  /** Start from 0 even when an interrupted rebuild of the same version could be resumed. */
  fresh?: boolean;
}

export interface RebuildResult {
  name: string;
  version: number;
  /** Where the live checkpoint now stands: every event below was applied by the new version. */
  position: number;
  /** Events applied by this call (a resumed rebuild counts only its own). */
  events: number;
  resumedFrom: number;
  seconds: number;
  outcome: 'swapped' | 'stopped';
}

/** Another rebuild of the projection holds its rebuild lock. */
export class RebuildAlreadyRunning extends Error {
  constructor(readonly projection: string) {
    super(`a rebuild of ${projection} is already running (another \`civic projections rebuild ${projection}\`, or a version upgrade in the projector); wait for it to finish`);
  }
}

/** An event the new version cannot apply: the rebuild stops there; the live version goes on serving. */
export class RebuildFailed extends Error {
  constructor(
    readonly projection: string,
    readonly position: number,
    cause: unknown,
  ) {
    super(`rebuilding ${projection} failed at the batch from position ${position}: ${(cause as Error).message}; the live tables are untouched, a new rebuild resumes from there`, { cause });
  }
}

export async function ensureRebuildsTable(client: pg.ClientBase): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [REBUILDS_DDL_LOCK]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS projections.rebuilds (
        name           text        PRIMARY KEY,
        version        int         NOT NULL,
        position       bigint      NOT NULL DEFAULT 0,
        -- The server's start when the shadow tables were last written: after a server restart the
        -- rebuild starts over, since shadow tables left UNLOGGED by earlier versions may be empty.
        server_started timestamptz NOT NULL,
        started_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export interface RebuildRow {
  name: string;
  version: number;
  position: number;
  startedAt: string;
  updatedAt: string;
}

/** Rebuilds in progress (or interrupted), by projection name. */
export async function readRebuilds(client: pg.ClientBase | pg.Pool): Promise<Map<string, RebuildRow>> {
  const { rows } = await client.query<{ name: string; version: number; position: string; started_at: Date; updated_at: Date }>(
    `SELECT name, version, position, started_at, updated_at FROM projections.rebuilds`,
  ).catch((error: { code?: string }) => {
    if (error.code === '42P01') return { rows: [] }; // no rebuild ever ran
    throw error;
  });
  return new Map(rows.map((r) => [r.name, { name: r.name, version: r.version, position: Number(r.position), startedAt: r.started_at.toISOString(), updatedAt: r.updated_at.toISOString() }]));
}

/**
 * Builds the code's version of `projection` beside the live one and swaps it in. Takes the
 * projection's rebuild lock for its duration (RebuildAlreadyRunning when another holds it).
 */
export async function rebuildBlueGreen(connectionString: string, store: EventStore, projection: Projection, options: RebuildOptions = {}): Promise<RebuildResult> {
  const client = new pg.Client({ connectionString, application_name: `rebuild:${projection.name}` });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [REBUILD_LOCK_NAMESPACE, projection.name]);
    if (!rows[0]!.locked) throw new RebuildAlreadyRunning(projection.name);
    await ensureRebuildsTable(client);
    return await new ShadowBuild(client, store, projection, options).run();
  } finally {
    // Released before the call returns, not when the server gets round to ending the session:
    // status read right after must not show a rebuild that has stopped.
    await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

class ShadowBuild {
  private readonly shadow: string;
  private readonly handled: ReadonlySet<string>;
  private readonly types: string[];
  private readonly batchSize: number;

  constructor(
    private readonly client: pg.Client,
    private readonly store: EventStore,
    private readonly projection: Projection,
    private readonly options: RebuildOptions,
  ) {
    this.shadow = shadowSchemaOf(projection.name);
    this.handled = new Set(projection.handles);
    this.types = [...this.handled];
    this.batchSize = options.batchSize ?? REBUILD_BATCH_SIZE;
  }

  async run(): Promise<RebuildResult> {
    const started = Date.now();
    const resumedFrom = await this.prepare();
    let position = resumedFrom;
    const result = (outcome: RebuildResult['outcome'], at: number): RebuildResult => ({
      name: this.projection.name,
      version: this.projection.version,
      position: at,
      events: at - resumedFrom,
      resumedFrom,
      seconds: (Date.now() - started) / 1000,
      outcome,
    });
    let head = await this.store.headPosition();
    this.progress(position, head);
    // Bulk phase: read ahead one batch while the current one is applied.
    let next = this.read(position);
    for (;;) {
      if (this.options.shouldStop?.()) return result('stopped', position);
      const read = await next;
      head = Math.max(head, read.head);
      const after = Math.max(read.covers, position);
      const caughtUp = read.batch.length < this.batchSize;
      if (!caughtUp) next = this.read(after);
      await this.applyBatch(position, after, read.batch);
      position = after;
      this.progress(position, head);
      if (caughtUp) break;
    }
    position = await this.swap(position);
    this.progress(position, Math.max(head, position));
    return result('swapped', position);
  }

  /**
   * The next batch of the events the projection handles (the store filters by type: a projection
   * of a few kinds skips the rest of the log at the database), and the position it covers: up to
   * the head read before it when the batch is short, everything below being committed by then.
   */
  private read(from: number): Promise<{ batch: EventEnvelope[]; covers: number; head: number }> {
    const pending = (async () => {
      const head = await this.store.headPosition();
      const batch = await this.store.readAll(from, this.batchSize, { types: this.types });
      const last = batch.length > 0 ? batch[batch.length - 1]!.position + 1 : from;
      return { batch, covers: batch.length < this.batchSize ? Math.max(head, last) : last, head };
    })();
    pending.catch(() => undefined);
    return pending;
  }

  private progress(position: number, head: number): void {
    this.options.onProgress?.({ name: this.projection.name, version: this.projection.version, position, head });
  }

  /** Resumes an interrupted rebuild of the same version when its shadow tables can be trusted; else starts afresh. Returns the position. */
  private async prepare(): Promise<number> {
    const { name, version } = this.projection;
    const { rows } = await this.client.query<{ version: number; position: string; same_server: boolean; tables: number }>(
      `SELECT r.version, r.position, r.server_started = pg_postmaster_start_time() AS same_server,
              (SELECT count(*)::int FROM pg_tables t WHERE t.schemaname = $2 AND t.tablename = ANY($3::text[])) AS tables
         FROM projections.rebuilds r WHERE r.name = $1`,
      [name, this.shadow, this.projection.tables],
    );
    const row = rows[0];
    if (!this.options.fresh && row && row.version === version && row.same_server && row.tables === this.projection.tables.length) return Number(row.position);
    await this.transaction(async () => {
      await this.client.query(`DROP SCHEMA IF EXISTS ${this.shadow} CASCADE`);
      await this.client.query(`CREATE SCHEMA ${this.shadow}`);
      await useReadModelSchema(this.client, this.shadow);
      await this.client.query(this.projection.schema);
      // The schema may also (re)define objects outside the projection's tables, such as analyst
      // views: defined again against the live tables, they keep showing version N until the swap.
      await this.client.query('SAVEPOINT live_objects');
      try {
        await useReadModelSchema(this.client);
        await this.client.query(this.projection.schema);
        await this.client.query('RELEASE SAVEPOINT live_objects');
      } catch {
        await this.client.query('ROLLBACK TO SAVEPOINT live_objects');
      }
      await this.client.query(
        `INSERT INTO projections.rebuilds (name, version, position, server_started) VALUES ($1, $2, 0, pg_postmaster_start_time())
         ON CONFLICT (name) DO UPDATE SET version = $2, position = 0, server_started = pg_postmaster_start_time(), started_at = now(), updated_at = now()`,
        [name, version],
      );
    });
    return 0;
  }

  /** One batch into the shadow tables with the rebuild's checkpoint, in one transaction. */
  private async applyBatch(expected: number, last: number, batch: readonly EventEnvelope[]): Promise<void> {
    await this.transaction(async () => {
      // Safe without waiting for the flush: the rows and the rebuild checkpoint commit together,
      // so a crash loses whole batches only, and the rebuild resumes before them.
      await this.client.query(`SET LOCAL synchronous_commit = off`);
      await this.applyInShadow(expected, batch);
      await this.client.query(`UPDATE projections.rebuilds SET position = $2, updated_at = now() WHERE name = $1`, [this.projection.name, last]);
    });
  }

  private async applyInShadow(expected: number, batch: readonly EventEnvelope[]): Promise<void> {
    const relevant = batch.filter((e) => this.handled.has(e.type));
    if (relevant.length === 0) return;
    await useReadModelSchema(this.client, this.shadow);
    try {
      await this.projection.apply(relevant, this.client);
    } catch (error) {
      throw new RebuildFailed(this.projection.name, expected, error);
    }
  }

  /**
   * The swap, in one transaction: the live checkpoint row is locked (the live runner waits), the
   * events appended since the bulk phase are applied, the old tables are dropped and the new ones
   * moved into `read_models`, and the live checkpoint moves to where the new version stands.
   * Queries waiting on the dropped tables read the new ones once it commits.
   */
  private async swap(from: number): Promise<number> {
    const { name, version, tables } = this.projection;
    return this.transaction(async () => {
      await this.client.query(
        `INSERT INTO projections.checkpoints (name, version, position, status) VALUES ($1, $2, 0, 'running') ON CONFLICT (name) DO NOTHING`,
        [name, version],
      );
      await this.client.query('SELECT 1 FROM projections.checkpoints WHERE name = $1 FOR UPDATE', [name]);
      let position = from;
      for (;;) {
        const { batch, covers } = await this.read(position);
        if (batch.length > 0) await this.applyInShadow(position, batch);
        position = Math.max(covers, position);
        if (batch.length < this.batchSize) break;
      }
      const live = tables.map((t) => `${READ_MODELS_SCHEMA}.${t}`);
      const { rows: views } = await this.client.query<{ view: string }>(
        `SELECT DISTINCT format('%I.%I', n.nspname, v.relname) AS view
           FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class JOIN pg_namespace n ON n.oid = v.relnamespace
          WHERE d.refobjid = ANY (SELECT to_regclass(t)::oid FROM unnest($1::text[]) AS t) AND v.relkind IN ('v', 'm')`,
        [live],
      );
      await this.client.query(`DROP TABLE IF EXISTS ${live.join(', ')} CASCADE`);
      for (const table of tables) await this.client.query(`ALTER TABLE ${this.shadow}.${table} SET SCHEMA ${READ_MODELS_SCHEMA}`);
      // Objects the drop took along (analyst views over the tables) are defined again, now over the new tables.
      await useReadModelSchema(this.client);
      await this.client.query(this.projection.schema);
      // A view over these tables that the projection's DDL does not define would be lost: refuse the swap instead.
      const { rows: lost } = await this.client.query<{ view: string }>(`SELECT v AS view FROM unnest($1::text[]) AS v WHERE to_regclass(v) IS NULL`, [views.map((v) => v.view)]);
      if (lost.length > 0) {
        throw new Error(`the swap would drop ${lost.map((v) => v.view).join(', ')}, which depend on the tables of ${name} but are not defined by its schema; the rebuild is not swapped in`);
      }
      // A failed version N is healed by the rebuild; a paused one stays paused.
      await this.client.query(
        `UPDATE projections.checkpoints SET version = $2, position = $3, status = CASE WHEN status = 'paused' THEN 'paused' ELSE 'running' END,
                error = NULL, updated_at = now() WHERE name = $1`,
        [name, version, position],
      );
      await this.client.query('DELETE FROM projections.rebuilds WHERE name = $1', [name]);
      await this.client.query(`DROP SCHEMA ${this.shadow} CASCADE`);
      return position;
    });
  }

  private async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.client.query('BEGIN');
    try {
      const result = await work();
      await this.client.query('COMMIT');
      return result;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}
