import { readCheckpoints } from '../projections/checkpoints.js';
import { ALL_PROJECTIONS } from '../projections/all-projections.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { stopRunners } from './runners.js';
import { formatTable } from './table.js';
import { seedDemoOnce } from '../demo/demo-seeder.js';
import { ConsequencesManager } from '../commands/governance/consequences/consequences.manager.js';
import { openCliApp, type CliApp } from './cli-context.js';
import { CliFailure } from './cli-errors.js';

/** How long to wait for the read models to show the demo before giving up (they still catch up later). */
const CATCH_UP_MS = 60_000;

/**
 * Loads the demo community through the command handlers. This process runs the projections while
 * it seeds (opening a proposal waits for the members read model) and until they have caught up;
 * when the app's projector is running, these runners stand by and the app's do the work.
 */
export async function demoSeed(options: { force?: boolean; json?: boolean }): Promise<void> {
  const ctx = await openCliApp();
  const runners: ProjectionRunner[] = [];
  try {
    const outcome = await seedDemoOnce({
      databaseUrl: ctx.database.url,
      store: ctx.store,
      commands: ctx.commands,
      consequences: ctx.app.get(ConsequencesManager, { strict: false }),
      clock: ctx.clock,
      force: options.force,
      beforeSeed: () => {
        for (const projection of ALL_PROJECTIONS) {
          const runner = new ProjectionRunner(ctx.database.url, ctx.store, projection, { standbyRetryMs: 250 });
          runner.start();
          runners.push(runner);
        }
      },
    });
    if (!outcome.seeded) {
      if (outcome.reason === 'steward-exists') {
        throw new CliFailure('the community already has a steward; the demo community bootstraps its own, so it cannot be loaded here even with --force');
      }
      throw new CliFailure(`the event log is not empty (${outcome.head} events): the demo community is loaded only into a new community; --force loads it anyway`);
    }
    await waitForProjections(ctx, outcome.head);
    const { summary } = outcome;
    if (options.json) {
      console.log(JSON.stringify({ ...summary, head: outcome.head }, null, 2));
      return;
    }
    console.log(`demo community loaded: ${summary.members.length} members, ${summary.proposals.length} proposals, ${outcome.head} events (history ${summary.from} .. ${summary.to})`);
    console.log('');
    console.log('DEMO ONLY: these logins are public; never use the demo seed on a real community.');
    console.log(formatTable(summary.members.map((m) => ({ handle: m.handle, email: m.email, password: m.password, roles: m.roles.join(', ') }))));
    console.log('');
    console.log(formatTable(summary.proposals.map((p) => ({ title: p.title, status: p.status, result: p.result, votes: p.votes, closesAt: p.closesAt }))));
  } finally {
    await stopRunners(runners);
    await ctx.close();
  }
}

async function waitForProjections(ctx: CliApp, head: number): Promise<void> {
  const deadline = Date.now() + CATCH_UP_MS;
  for (;;) {
    const checkpoints = await readCheckpoints(ctx.pool);
    const behind = ALL_PROJECTIONS.filter((p) => (checkpoints.find((c) => c.name === p.name)?.position ?? 0) < head);
    const failed = checkpoints.filter((c) => c.status === 'failed' && ALL_PROJECTIONS.some((p) => p.name === c.name));
    if (failed.length > 0) throw new CliFailure(`the demo is on the log, but projection ${failed[0]!.name} failed: ${failed[0]!.error}`);
    if (behind.length === 0) return;
    if (Date.now() > deadline) {
      throw new CliFailure(`the demo is on the log, but ${behind.map((p) => p.name).join(', ')} did not catch up within ${CATCH_UP_MS / 1000} s; see \`civic projections status\``);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
