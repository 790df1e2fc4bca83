import { Presets, SingleBar } from 'cli-progress';
import { pauseProjection, projectionStatuses, readCheckpoints, resumeProjection, type ProjectionStatusRow } from '../projections/checkpoints.js';
import { ALL_PROJECTIONS } from '../projections/all-projections.js';
import { RebuildAlreadyRunning, RebuildFailed, rebuildBlueGreen } from '../projections/blue-green.js';
import { liveTables, type Projection } from '../projections/projection.js';
import type { CliContext } from './cli-context.js';
import { CliError, CliFailure } from './cli-errors.js';
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
        state: r.state === 'rebuilding' && r.rebuild ? `rebuilding v${r.rebuild.version} ${Math.floor(r.rebuild.progress * 100)}%` : r.state,
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

/**
 * Blue-green rebuild of one projection, or of all (one after the other): the code's version is
 * built in a shadow schema while the live tables keep answering, then swapped in (ADR 0014). An
 * interrupted rebuild of the same version resumes where it stopped. A second rebuild of the same
 * projection is refused while this one holds its rebuild lock.
 */
export async function projectionsRebuild(ctx: CliContext, name: string | undefined, options: { all?: boolean; json?: boolean; batchSize?: number }): Promise<void> {
  if (options.all && name !== undefined) throw new CliError('give a projection name or --all, not both');
  if (!options.all && name === undefined) throw new CliError('give a projection name (see `civic projections list`) or --all');
  const projections = options.all ? [...ALL_PROJECTIONS] : [projectionNamed(name!)];
  const results: RebuildSummary[] = [];
  for (const projection of projections) results.push(await rebuildOne(ctx, projection, options));
  if (options.json) console.log(JSON.stringify(options.all ? { items: results } : results[0]));
}

interface RebuildSummary {
  name: string;
  version: number;
  /** Where the live checkpoint stands after the swap. */
  position: number;
  /** The log head when the rebuild started. */
  head: number;
  events: number;
  resumedFrom: number;
  seconds: number;
  eventsPerSecond: number;
}

async function rebuildOne(ctx: CliContext, projection: Projection, options: { json?: boolean; batchSize?: number }): Promise<RebuildSummary> {
  const name = projection.name;
  const head = await ctx.store.headPosition();
  const bar = options.json
    ? undefined
    : new SingleBar(
        { format: `${name} v${projection.version} [{bar}] {percentage}% | {value}/{total} events | {speed} ev/s | {left} left`, hideCursor: true, etaBuffer: 50 },
        Presets.shades_classic,
      );
  const started = Date.now();
  let from: number | undefined;
  bar?.start(head, 0, { speed: 0, left: '?' });
  let interrupted = false;
  const onSignal = () => (interrupted = true);
  process.once('SIGINT', onSignal);
  try {
    const result = await rebuildBlueGreen(ctx.database.url, ctx.store, projection, {
      batchSize: options.batchSize,
      shouldStop: () => interrupted,
      onProgress: ({ position, head: now }) => {
        from ??= position;
        const seconds = Math.max((Date.now() - started) / 1000, 0.001);
        const speed = Math.round((position - from) / seconds);
        bar?.setTotal(Math.max(now, head));
        bar?.update(position, { speed, left: speed > 0 ? formatSeconds((Math.max(now, head) - position) / speed) : '?' });
      },
    });
    bar?.stop();
    if (result.outcome === 'stopped') throw new CliFailure(`rebuild of ${name} interrupted at position ${result.position}; the live tables are untouched, run it again to resume`);
    const summary: RebuildSummary = {
      name,
      version: result.version,
      position: result.position,
      head,
      events: result.events,
      resumedFrom: result.resumedFrom,
      seconds: Math.round(result.seconds * 1000) / 1000,
      eventsPerSecond: Math.round(result.events / Math.max(result.seconds, 0.001)),
    };
    if (!options.json) {
      const resumed = result.resumedFrom > 0 ? ` (resumed from position ${result.resumedFrom})` : '';
      console.log(`rebuilt ${name} v${result.version}${resumed}: ${result.events} events in ${result.seconds.toFixed(1)} s (${summary.eventsPerSecond} ev/s), swapped in at position ${result.position}`);
    }
    return summary;
  } catch (error) {
    if (error instanceof RebuildAlreadyRunning || error instanceof RebuildFailed) throw new CliFailure(error.message);
    throw error;
  } finally {
    bar?.stop();
    process.off('SIGINT', onSignal);
  }
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}
