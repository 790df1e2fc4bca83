import type { EventEnvelope } from '../../src/events/envelope.js';
import { decisionLogProjection } from '../../src/projections/governance/decision-log.projection.js';
import { moderationProjection } from '../../src/projections/moderation/moderation.projection.js';
import { proposalsProjection } from '../../src/projections/governance/proposals.projection.js';
import { membersProjection } from '../../src/projections/members/members.projection.js';
import type { Projection } from '../../src/projections/projection.js';
import { getProposal, listDecisionLog, listProposals, listProposalVotes } from '../../src/read-models/governance/proposal-queries.js';
import { countElectorate, listMembers } from '../../src/read-models/members/member-queries.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { applyBatches, install, snapshot, truncate, installAnalytics } from './support/db.js';
import { chunk, communityHistory } from './support/events.js';

const projections: Projection[] = [membersProjection, proposalsProjection, decisionLogProjection];
const history = communityHistory(7).events;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await install(db.pool, ...projections, moderationProjection);
  await installAnalytics(db.pool);
});
afterAll(async () => {
  await db.drop();
});

/** Applies the whole history to every projection, cut into batches as `cut` says, from empty tables. */
async function rebuild(cut: (events: readonly EventEnvelope[]) => EventEnvelope[][]): Promise<{ rows: unknown; queries: number }> {
  let queries = 0;
  for (const p of projections) {
    await truncate(db.pool, p);
    const counts = await applyBatches(db.pool, p, cut(history));
    queries += counts.reduce((a, b) => a + b, 0);
  }
  const rows: Record<string, unknown> = {};
  for (const p of projections) Object.assign(rows, await snapshot(db.pool, p.tables));
  return { rows, queries };
}

describe('a community history through all three projections', () => {
  it('builds the same rows in one batch as in batches of any size', async () => {
    expect(history.length).toBeGreaterThan(200);
    expect(history.some((e) => !e.type.startsWith('members.') && !e.type.startsWith('governance.'))).toBe(true);

    const whole = await rebuild((events) => [[...events]]);
    // one batch: at most a handful of queries per projection, however long the history
    expect(whole.queries).toBeLessThanOrEqual(3 + 3 + 4);
    for (const sizes of [[1], [2, 5], [17, 1, 64, 3], [250]]) {
      const cut = await rebuild((events) => chunk(events, sizes));
      expect(cut.rows).toEqual(whole.rows);
    }
  });

  it('agrees with itself: tallies match the stored votes, the decision log matches the closed proposals', async () => {
    await rebuild((events) => chunk(events, [13, 2]));

    expect(await listMembers(db.pool, { limit: 100, offset: 0 })).toHaveLength(24);
    expect(await countElectorate(db.pool, 1_000_000)).toBe(19);
    const steward = (await listMembers(db.pool, { limit: 1, offset: 0 }))[0]!;
    expect(steward.roles).toEqual(['steward', 'verifier']);

    const proposals = await listProposals(db.pool, { limit: 100, offset: 0 });
    expect(proposals.map((p) => p.status).sort()).toEqual(['closed', 'closed', 'closed', 'closed', 'closed', 'drafted', 'open']);
    for (const summary of proposals) {
      const votes = await listProposalVotes(db.pool, summary.proposalId, { limit: 1000, offset: 0 });
      const counted = { yes: 0, no: 0, abstain: 0 };
      for (const v of votes) counted[v.choice] += 1;
      expect(summary.tally).toEqual(counted);
      const detail = (await getProposal(db.pool, summary.proposalId))!;
      // the draft asked for a quorum of 9999; the rules it opened with replace it
      if (summary.status === 'drafted') expect(detail.rules.quorumBps).toBe(9999);
      else expect(detail.rules.quorumBps).not.toBe(9999);
    }

    const log = await listDecisionLog(db.pool, { limit: 100, offset: 0 });
    const closed = proposals.filter((p) => p.status === 'closed');
    expect(log.map((e) => e.proposalId).sort()).toEqual(closed.map((p) => p.proposalId).sort());
    for (const entry of log) {
      const p = (await getProposal(db.pool, entry.proposalId))!;
      expect(entry).toMatchObject({
        title: p.title,
        authorId: p.authorId,
        result: p.result,
        tally: p.tally,
        quorumBps: p.rules.quorumBps,
        thresholdBps: p.rules.thresholdBps,
        openedAt: p.openedAt,
        closedAt: p.closedAt,
        electorateSize: p.electorate!.size,
        turnoutBps: Math.floor(((p.tally.yes + p.tally.no + p.tally.abstain) * 10_000) / p.electorate!.size),
      });
    }
    const months = await db.pool.query('SELECT sum(proposals_closed)::int AS n FROM analytics.turnout_by_month');
    expect(months.rows[0].n).toBe(5);
  });
});
