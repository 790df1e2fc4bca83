import type { ProjectionRunner } from '../projections/projection-runner.js';

/**
 * Stops runners that this process started (and only started ones: a runner never started stays 'starting'). A runner stopped while it is still starting can leave
 * its freshly opened subscription unattended, whose connection then fails unhandled once the
 * (embedded) server stops; so first let each one settle into running, standby or failed (bounded).
 */
export async function stopRunners(runners: readonly ProjectionRunner[], settleMs = 5000): Promise<void> {
  const deadline = Date.now() + settleMs;
  while (runners.some((r) => r.status.kind === 'starting') && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.all(runners.map((r) => r.stop()));
}
