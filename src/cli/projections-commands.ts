import { Presets, SingleBar } from 'cli-progress';
import type pg from 'pg';
import {
  pauseProjection,
  projectionStatuses,
  readCheckpoints,
  REBUILD_LOCK_NAMESPACE,
  resetProjection,
  resumeProjection,
  type ProjectionStatusRow,
} from '../projections/checkpoints.js';
import { ALL_PROJECTIONS } from '../projections/all-projections.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { liveTables, type Projection } from '../projections/projection.js';
import type { CliContext } from './cli-context.js';
import { CliError, CliFailure } from './cli-errors.js';
import { stopRunners } from './runners.js';
import { formatTable } from './table.js';

/** The projections this build knows, with what they read and the tables they own. */
export function projectionsList(json: boolean): void {
  const items = ALL_PROJECTIONS.map((p) => ({ name: p.name, version: p.version, handles: [...p.handles], tables: liveTables(p) }));
  if (json) {
    console.log(JSON.stringify({ items }, null, 2));
    return;
  }
  console.log(formatTable(items.map((i) => ({ name: i.name, version: i.version, events: i.handles.length, tables: i.tables.join(', ') }))));
}

export async function statusRows(ctx: CliContext): Promise<ProjectionStatusRow[]> {
  return projectionStatuses(ctx.pool, ctx.store, ALL_PROJECTIONS);
}

export async function projectionsStatus(ctx: CliContext, json: boolean): Promise<void> {
  const rows = await statusRows(ctx);
  if (json) {
    console.log(JSON.stringify({ items: rows }, null, 2));
    return;
  }
  console.log(
    formatTable(
      rows.map((r) => ({
        name: r.name,
        version: r.version,
        position: r.position,
        head: r.head,
        lag: r.lag,
        'lag s': Number(r.lagSeconds.toFixed(1)),
        status: r.status,
        state: r.state,
        error: r.error,
      })),
    ),
  );
}

export function projectionNamed(name: string): Projection {
  const projection = ALL_PROJECTIONS.find((p) => p.name === name);
  if (!projection) throw new CliError(`unknown projection "${name}"; known: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}`);
  return projection;
}

/** Pauses a projection: its runner (wherever it runs) stops applying at its next batch. */
export async function projectionsPause(ctx: CliContext, name: string, json: boolean): Promise<void> {
  const projection = projectionNamed(name);
  const before = (await readCheckpoints(ctx.pool)).find((c) => c.name === name);
  if (before?.status === 'failed') throw new CliFailure(`projection ${name} has failed (${before.error ?? 'no error recorded'}); fix the cause, then \`civic projections resume ${name}\``);
  const row = await pauseProjection(ctx.pool, projection);
  if (json) console.log(JSON.stringify({ name, status: 'paused', position: row.position, wasPaused: before?.status === 'paused' }));
  else console.log(before?.status === 'paused' ? `${name} was already paused at position ${row.position}` : `paused ${name} at position ${row.position}`);
}

/** Resumes a paused projection, or retries a failed one from the event that failed. */
export async function projectionsResume(ctx: CliContext, name: string, json: boolean): Promise<void> {
  const projection = projectionNamed(name);
  const before = await resumeProjection(ctx.pool, projection);
  const held = before?.status === 'paused' || before?.status === 'failed';
  if (json) console.log(JSON.stringify({ name, status: 'running', position: before?.position ?? 0, was: before?.status ?? 'not-started' }));
  else if (!held) console.log(`${name} is not paused or failed (${before?.status ?? 'not started'}); nothing to resume`);
  else if (before.status === 'failed') console.log(`resumed ${name}: retrying from position ${before.position} (it failed with: ${before.error ?? 'no error recorded'})`);
  else console.log(`resumed ${name} from position ${before.position}`);
}

/** Takes the rebuild lock of a projection on a connection of its own, or refuses: one rebuild at a time. */
async function rebuildLock(ctx: CliContext, name: string): Promise<pg.PoolClient> {
  const client = await ctx.pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [REBUILD_LOCK_NAMESPACE, name]);
    if (rows[0]!.locked) return client;
  } catch (error) {
    client.release();
    throw error;
  }
  client.release();
  throw new CliFailure(`a rebuild of ${name} is already running (another \`civic projections rebuild ${name}\`); wait for it to finish`);
}

/**
 * Reset and replay. If the app's projector is running it notices the reset and replays; if not,
 * this process runs the projection until it reaches the head. Either way we watch the checkpoint.
 * A second rebuild of the same projection is refused while this one holds the rebuild lock.
 */
export async function projectionsRebuild(ctx: CliContext, name: string, json: boolean): Promise<void> {
  const projection = projectionNamed(name);
  const lock = await rebuildLock(ctx, name);
  try {
    await rebuild(ctx, projection, json);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1, hashtext($2))', [REBUILD_LOCK_NAMESPACE, name]).catch(() => undefined);
    lock.release();
  }
}

async function rebuild(ctx: CliContext, projection: Projection, json: boolean): Promise<void> {
  const name = projection.name;
  const client = await ctx.pool.connect();
  try {
    await resetProjection(client, projection);
  } finally {
    client.release();
  }
  const head = await ctx.store.headPosition();
  const runner = new ProjectionRunner(ctx.database.url, ctx.store, projection, { standbyRetryMs: 500 });
  runner.start();
  const bar = json ? undefined : new SingleBar({ format: `${name} [{bar}] {percentage}% | {value}/{total} events | {speed} ev/s | eta {eta}s`, hideCursor: true }, Presets.shades_classic);
  bar?.start(head, 0, { speed: 0 });
  const started = Date.now();
  let noted = false;
  try {
    for (;;) {
      const checkpoint = (await readCheckpoints(ctx.pool)).find((c) => c.name === name);
      const position = checkpoint?.position ?? 0;
      const seconds = (Date.now() - started) / 1000;
      bar?.update(Math.min(position, head), { speed: Math.round(position / Math.max(seconds, 0.001)) });
      if (checkpoint?.status === 'failed') throw new CliFailure(`projection ${name} failed: ${checkpoint.error}`);
      if (checkpoint?.status === 'paused') throw new CliFailure(`projection ${name} was paused during the rebuild, at position ${position}; \`civic projections resume ${name}\` continues it`);
      if (!noted && runner.status.kind === 'standby' && position === 0 && seconds > 10) {
        noted = true;
        process.stderr.write(`\ncivic: another process (the app's projector) runs ${name}; it replays from the reset when it next applies an event\n`);
      }
      if (position >= head) {
        bar?.stop();
        if (json) console.log(JSON.stringify({ name, position, head, seconds }));
        else console.log(`rebuilt ${name} v${projection.version}: ${head} events replayed in ${seconds.toFixed(1)} s`);
        return;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    bar?.stop();
    await stopRunners([runner]);
  }
}
