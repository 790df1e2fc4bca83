import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { draftProposalSignedFields } from '../../src/commands/governance/draft-proposal/draft-proposal.handler.js';
import { actFor, community, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  // The closer stays out of the way: this test closes the proposal itself.
  t = await startTestApp({ CLOSER_INTERVAL_MS: '3600000' });
});
afterAll(async () => {
  await t.close();
});

function auth(member: TestMember) {
  return { Authorization: `Bearer ${member.token}` };
}

it('drafts, opens, votes, closes and publishes the result', async () => {
  const { steward, members } = await community(t, 3);
  const proposalId = randomUUID();
  const draft = { proposalId, title: 'Repaint the hall', body: 'Green.', rules: { quorumBps: 5000, thresholdBps: 5000, allowVoteChange: true } };
  await request(t.server).post('/api/proposals').set(auth(steward)).send({ ...draft, act: actFor(t, steward, 'governance.DraftProposal', draftProposalSignedFields(draft)) }).expect(201);
  await request(t.server).post(`/api/proposals/${proposalId}/submission`).set(auth(steward)).send({ act: actFor(t, steward, 'governance.SubmitProposal', { proposalId }) }).expect(201);
  const closesAt = new Date(t.clock.now().getTime() + 3600_000).toISOString();
  await request(t.server).post(`/api/proposals/${proposalId}/open`).set(auth(steward)).send({ closesAt, act: actFor(t, steward, 'governance.OpenProposal', { proposalId, closesAt }) }).expect(201);
  for (const [member, choice] of [[members[0]!, 'yes'], [members[1]!, 'yes'], [members[2]!, 'no']] as const) {
    await request(t.server).post(`/api/proposals/${proposalId}/votes`).set(auth(member)).send({ choice, act: actFor(t, member, 'governance.CastVote', { proposalId, choice }) }).expect(201);
  }
  const vote = await request(t.server).post(`/api/proposals/${proposalId}/votes`).set(auth(members[2]!)).send({ choice: 'yes', act: actFor(t, members[2]!, 'governance.CastVote', { proposalId, choice: 'yes' }) }).expect(201);
  const live = await request(t.server).get(`/api/proposals/${proposalId}?atPosition=${vote.body.position}`).expect(200);
  expect(live.body).toMatchObject({ status: 'open', tally: { yes: 3, no: 0, abstain: 0 }, electorate: { size: 4 } });
  await request(t.server).post(`/api/proposals/${proposalId}/close`).expect(422);
  t.clock.advance(3600_000);
  const closed = await request(t.server).post(`/api/proposals/${proposalId}/close`).expect(201);
  const log = await request(t.server).get(`/api/decision-log?atPosition=${closed.body.position}`).expect(200);
  expect(log.body.items).toEqual([expect.objectContaining({ proposalId, result: 'passed', tally: { yes: 3, no: 0, abstain: 0 }, electorateSize: 4, turnoutBps: 7500 })]);
});
