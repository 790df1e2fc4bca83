import request from 'supertest';
import { proposalStream } from '../../src/events/governance/proposal-events.js';
import { bootstrapSteward, registerMember, verifyMember, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { draft, listen, open, registerMany, settle, vote } from './api-helpers.js';

const VOTERS = 100;
const CHOICES = ['yes', 'no', 'abstain'] as const;
const choiceOf = (i: number) => CHOICES[i % CHOICES.length]!;
const expectedTally = { yes: 34, no: 33, abstain: 33 };

let t: TestApp;
let steward: TestMember;
let voters: TestMember[];
let proposalId: string;

beforeAll(async () => {
  t = await startTestApp();
  await listen(t);
  steward = await registerMember(t, 'steward-of-many');
  await bootstrapSteward(t, steward);
  voters = await registerMany(t, VOTERS, 'voter', 2);
  // Each verification is on its own member stream: they may all go at once.
  await Promise.all(voters.map((voter) => verifyMember(t, steward, voter.memberId)));
  proposalId = await draft(t, steward, { quorumBps: 5000, thresholdBps: 5000, allowVoteChange: false });
  await open(t, steward, proposalId);
  await settle(t);
});

afterAll(async () => {
  await t?.close();
});

it(`counts ${VOTERS} votes cast at the same moment exactly once each, live and in the decision log`, async () => {
  const opened = await request(t.server).get(`/api/proposals/${proposalId}`).expect(200);
  expect(opened.body).toMatchObject({ status: 'open', electorate: { size: VOTERS + 1 }, tally: { yes: 0, no: 0, abstain: 0 } });

  const responses = await Promise.all(voters.map((voter, i) => vote(t, voter, proposalId, choiceOf(i))));

  const failures = responses.map((r, i) => ({ i, status: r.status, body: r.body })).filter((r) => r.status !== 201);
  expect(failures).toEqual([]);
  const positions = responses.map((r) => r.body.position as number);
  expect(new Set(positions).size).toBe(VOTERS);
  for (const r of responses) expect(r.body.positions).toEqual([r.body.position]);

  // The log: exactly one VoteCast per voter, at the positions the API answered, in gap-free revisions.
  const { rows } = await t.db.pool.query<{ position: string; revision: string; voter: string; choice: string; previous: string | null }>(
    `SELECT position, revision, data->>'voterId' AS voter, data->>'choice' AS choice, data->>'previousChoice' AS previous
       FROM event_store.events WHERE stream = $1 AND type = 'governance.VoteCast' ORDER BY revision`,
    [proposalStream(proposalId)],
  );
  expect(rows).toHaveLength(VOTERS);
  expect(new Set(rows.map((r) => r.voter))).toEqual(new Set(voters.map((v) => v.memberId)));
  expect(rows.map((r) => Number(r.position)).sort((a, b) => a - b)).toEqual([...positions].sort((a, b) => a - b));
  // Revisions 0-2 are the draft, its submission and the opening.
  expect(rows.map((r) => Number(r.revision))).toEqual(Array.from({ length: VOTERS }, (_, i) => i + 3));
  expect(rows.every((r) => r.previous === null)).toBe(true);
  const byVoter = new Map(rows.map((r) => [r.voter, r.choice]));
  voters.forEach((voter, i) => expect(byVoter.get(voter.memberId)).toBe(choiceOf(i)));

  // The read model, read at the last position any vote answered.
  const last = Math.max(...positions);
  const live = await request(t.server).get(`/api/proposals/${proposalId}`).query({ atPosition: last }).expect(200);
  expect(live.body).toMatchObject({ status: 'open', tally: expectedTally, lastPosition: last });
  const listed = await request(t.server).get('/api/proposals').query({ atPosition: last, status: 'open' }).expect(200);
  expect(listed.body.items).toEqual([expect.objectContaining({ proposalId, tally: expectedTally })]);

  // A second vote by anyone is still refused, and changes nothing.
  const again = await vote(t, voters[0]!, proposalId, 'no');
  expect({ status: again.status, code: again.body.code }).toEqual({ status: 422, code: 'already-voted' });

  // Close after the deadline; the published result agrees with the live tally and the log.
  t.clock.advance(3600_000);
  await request(t.server).post(`/api/proposals/${proposalId}/close`); // the closer may have been first: 201 or 422
  const closed = await t.db.pool.query<{ position: string; data: { tally: unknown; electorateSize: number; result: string } }>(
    `SELECT position, data FROM event_store.events WHERE stream = $1 AND type = 'governance.ProposalClosed'`,
    [proposalStream(proposalId)],
  );
  expect(closed.rows).toHaveLength(1);
  expect(closed.rows[0]!.data).toEqual({
    proposalId,
    result: 'passed',
    tally: expectedTally,
    direct: expectedTally,
    delegated: { yes: 0, no: 0, abstain: 0 },
    electorateSize: VOTERS + 1,
    delegationsAsOfPosition: expect.any(Number),
  });

  const log = await request(t.server).get('/api/decision-log').query({ atPosition: closed.rows[0]!.position }).expect(200);
  expect(log.body.items).toEqual([
    expect.objectContaining({
      proposalId,
      result: 'passed',
      tally: expectedTally,
      electorateSize: VOTERS + 1,
      turnoutBps: Math.floor((VOTERS * 10_000) / (VOTERS + 1)),
      closedPosition: Number(closed.rows[0]!.position),
    }),
  ]);
  const final = await request(t.server).get(`/api/proposals/${proposalId}`).query({ atPosition: closed.rows[0]!.position }).expect(200);
  expect(final.body).toMatchObject({ status: 'closed', result: 'passed', tally: expectedTally });
});
