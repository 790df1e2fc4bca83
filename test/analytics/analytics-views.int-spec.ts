// The analyst views: events in through the real projections, rows out of analytics.* — and the
// views keep answering when a blue-green rebuild swaps the tables under them.
import { ALL_PROJECTIONS } from '../../src/projections/all-projections.js';
import { countStv } from '../../src/governance/counting/stv.js';
import { decisionLogProjection } from '../../src/projections/governance/decision-log.projection.js';
import { electionsProjection } from '../../src/projections/governance/elections.projection.js';
import { proposalsProjection } from '../../src/projections/governance/proposals.projection.js';
import { ANALYTICS_VIEWS } from '../../src/read-models/analytics/analytics-views.js';
import { installAnalyticsViews } from '../../src/read-models/analytics/analytics-installer.js';
import { applyBatch, install } from '../projections/support/db.js';
import { EventLog, newId, RULES } from '../projections/support/events.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  const client = await db.pool.connect();
  try {
    // Installed before the tables exist, as on a fresh instance whose projector has not started.
    await installAnalyticsViews(client);
    await installAnalyticsViews(client);
  } finally {
    client.release();
  }
  await install(db.pool, ...ALL_PROJECTIONS);
});
afterAll(async () => {
  await db.drop();
});

const ELECTORATE = { asOfPosition: 0, size: 10 };
const rows = async (view: string) => (await db.pool.query(`SELECT * FROM analytics.${view}`)).rows;

/** Two proposals closed in March (one passed, one without quorum), one in April (rejected). */
async function history(): Promise<{ passed: string; noQuorum: string; rejected: string }> {
  const log = new EventLog(0, Date.parse('2026-03-02T09:00:00.000Z'));
  const [passed, noQuorum, rejected] = [newId(), newId(), newId()];
  const voters = Array.from({ length: 6 }, () => newId());
  for (const p of [passed, noQuorum, rejected]) {
    log.drafted(p, voters[0]!, `Proposal ${p.slice(-4)}`, RULES);
    log.submitted(p, voters[0]!);
    log.opened(p, ELECTORATE, '2026-03-20T09:00:00.000Z', RULES);
  }
  for (const v of voters.slice(0, 4)) log.vote(passed, v, 'yes');
  log.vote(passed, voters[4]!, 'no');
  log.vote(noQuorum, voters[0]!, 'yes');
  log.at('2026-03-20T09:00:00.000Z').closed(passed, 'passed', { yes: 4, no: 1, abstain: 0 }, 10);
  log.closed(noQuorum, 'no-quorum', { yes: 1, no: 0, abstain: 0 }, 10);
  log.at('2026-04-03T09:00:00.000Z');
  for (const v of voters.slice(0, 3)) log.vote(rejected, v, 'no');
  log.closed(rejected, 'rejected', { yes: 0, no: 3, abstain: 0 }, 10);
  for (const projection of [proposalsProjection, decisionLogProjection]) await applyBatch(db.pool, projection, log.events);
  return { passed, noQuorum, rejected };
}

it('every view is installed, described, and answers with the columns it declares, before and after data arrives', async () => {
  for (const view of ANALYTICS_VIEWS) {
    const { rows: described } = await db.pool.query<{ description: string }>(`SELECT obj_description('analytics.${view.name}'::regclass, 'pg_class') AS description`);
    expect(described[0]!.description).toBe(view.description);
  }
  const { passed, noQuorum, rejected } = await history();
  for (const view of ANALYTICS_VIEWS) {
    const result = await db.pool.query(`SELECT * FROM analytics.${view.name}`);
    expect(result.fields.map((f) => f.name)).toEqual(view.columns.map(([name]) => name));
  }

  const decisions = await rows('decision_log');
  expect(decisions.map((d) => [d.proposal_id, d.result, d.votes_cast, d.turnout_bps])).toEqual([
    [passed, 'passed', 5, 5000],
    [noQuorum, 'no-quorum', 1, 1000],
    [rejected, 'rejected', 3, 3000],
  ]);
  expect((await rows('turnout_per_proposal')).map((r) => [r.proposal_id, r.reached_quorum])).toEqual([
    [passed, true],
    [noQuorum, false],
    [rejected, true],
  ]);
  expect(await rows('turnout_by_month')).toEqual([
    { month: expect.any(Date), proposals_closed: 2, passed: 1, rejected: 0, no_quorum: 1, votes_cast: '6', electorate_total: '20', turnout_bps: 3000, min_turnout_bps: 1000, max_turnout_bps: 5000 },
    { month: expect.any(Date), proposals_closed: 1, passed: 0, rejected: 1, no_quorum: 0, votes_cast: '3', electorate_total: '10', turnout_bps: 3000, min_turnout_bps: 3000, max_turnout_bps: 3000 },
  ]);
  expect((await rows('outcomes_by_kind')).map((r) => [r.motion_kind, r.result, r.proposals])).toEqual([
    ['general', 'no-quorum', 1],
    ['general', 'passed', 1],
    ['general', 'rejected', 1],
  ]);
  const participation = await db.pool.query(`SELECT month::text, proposals_opened, proposals_closed, votes_cast, distinct_voters FROM analytics.participation_by_month`);
  expect(participation.rows).toEqual([
    { month: '2026-03-01', proposals_opened: 3, proposals_closed: 2, votes_cast: 6, distinct_voters: 5 },
    { month: '2026-04-01', proposals_opened: 0, proposals_closed: 1, votes_cast: 3, distinct_voters: 3 },
  ]);
});

it('keep answering, from the new tables, when a rebuild swaps the tables under them', async () => {
  const before = await rows('decision_log');
  expect(before.length).toBeGreaterThan(0);
  const client = await db.pool.connect();
  try {
    // What a blue-green swap does: the rebuilt table moves in, the old one is dropped (no CASCADE needed).
    await client.query('BEGIN');
    await client.query('CREATE SCHEMA IF NOT EXISTS rebuild_test');
    await client.query('CREATE TABLE rebuild_test.decision_log (LIKE read_models.decision_log INCLUDING ALL)');
    await client.query('INSERT INTO rebuild_test.decision_log SELECT * FROM read_models.decision_log ORDER BY closed_position LIMIT 1');
    await client.query('DROP TABLE read_models.decision_log');
    await client.query('ALTER TABLE rebuild_test.decision_log SET SCHEMA read_models');
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  expect(await rows('decision_log')).toEqual(before.slice(0, 1));
});

it('show each closed election with its electorate and positions, and every counting round a row per candidate', async () => {
  const log = new EventLog(500);
  const e = newId();
  const [a, b, c] = [newId(), newId(), newId()].sort();
  const stream = `election-${e}`;
  const called = log.append(stream, 'governance.ElectionCalled', {
    electionId: e,
    calledBy: newId(),
    title: 'Moderators',
    role: 'moderator',
    seats: 2,
    method: 'stv',
    nominationsCloseAt: '2026-02-01T00:00:00.000Z',
    closesAt: '2026-02-08T00:00:00.000Z',
    electorate: { asOfPosition: 3, size: 9 },
  });
  for (const candidate of [a, b, c]) log.append(stream, 'governance.CandidacyDeclared', { electionId: e, candidateId: candidate, statement: 'I stand' }, candidate);
  const ballots = [[a, b], [a, b], [a, c], [a], [b], [c, b], [c, a]];
  for (const choices of ballots) {
    const voterId = newId();
    log.append(stream, 'governance.BallotCast', { electionId: e, voterId, choices, replacesEarlier: false }, voterId);
  }
  const count = countStv({ electionId: e, seats: 2, candidates: [a, b, c], ballots });
  const closed = log.append(stream, 'governance.ElectionClosed', {
    electionId: e,
    role: 'moderator',
    seats: 2,
    method: 'stv',
    candidates: [a, b, c],
    winners: count.winners,
    rounds: count.rounds,
    ballotsCounted: count.ballotsCounted,
    electorateSize: 9,
    quota: count.quota,
  });
  await applyBatch(db.pool, electionsProjection, log.events);

  expect(await rows('elections')).toEqual([
    expect.objectContaining({
      election_id: e,
      method: 'stv',
      status: 'closed',
      candidates: 3,
      ballots: 7,
      winners: count.winners.join(' '),
      electorate_size: 9,
      quota: '3.00000',
      called_position: String(called.position),
      closed_position: String(closed.position),
    }),
  ]);

  // A surplus is transferred and someone is eliminated before the second seat is filled.
  expect(count.rounds.length).toBeGreaterThan(1);
  const rounds = await rows('election_rounds');
  expect(rounds).toEqual(
    count.rounds.flatMap((round) =>
      Object.entries(round.counts).map(([candidateId, votes]) => ({
        election_id: e,
        round: round.round,
        candidate_id: candidateId,
        votes,
        outcome: round.elected.includes(candidateId) ? 'elected' : round.eliminated.includes(candidateId) ? 'eliminated' : 'continuing',
        exhausted: round.exhausted,
        tie_break: round.tieBreaks.find((t) => t.among.includes(candidateId))?.rule ?? null,
      })),
    ),
  );
  expect(rounds.filter((r) => r.outcome === 'elected').map((r) => r.candidate_id)).toEqual(count.winners);
  expect(rounds.some((r) => r.outcome === 'eliminated')).toBe(true);
});
