import { Presets, SingleBar } from 'cli-progress';
import { readCheckpoints, resetProjection } from '../projections/checkpoints.js';
import { ALL_PROJECTIONS } from '../projections/all-projections.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import type { Projection } from '../projections/projection.js';
import type { CliContext } from './cli-context.js';
import { CliError, CliFailure } from './cli-errors.js';
import { stopRunners } from './runners.js';
import { formatTable } from './table.js';

export async function projectionsStatus(ctx: CliContext, json: boolean): Promise<void> {
  const [checkpoints, head] = await Promise.all([readCheckpoints(ctx.pool), ctx.store.headPosition()]);
  const rows = ALL_PROJECTIONS.map((p) => {
    const c = checkpoints.find((x) => x.name === p.name);
    const position = c?.position ?? 0;
    return { name: p.name, version: p.version, position, head, lag: head - position, status: c?.status ?? 'not-started', error: c?.error ?? null };
  });
  if (json) {
    console.log(JSON.stringify({ items: rows }, null, 2));
    return;
  }
  console.log(formatTable(rows));
}

export function projectionNamed(name: string): Projection {
  const projection = ALL_PROJECTIONS.find((p) => p.name === name);
  if (!projection) throw new CliError(`unknown projection "${name}"; known: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}`);
  return projection;
}

/**
 * Reset and replay. If the app's projector is running it notices the reset and replays; if not,
 * this process runs the projection until it reaches the head. Either way we watch the checkpoint.
 */
export async function projectionsRebuild(ctx: CliContext, name: string, json: boolean): Promise<void> {
  const projection = projectionNamed(name);
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
