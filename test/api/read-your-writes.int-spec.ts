import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { draftProposalSignedFields } from '../../src/commands/governance/draft-proposal/draft-proposal.handler.js';
import { actFor, community, registerMember, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { auth, listen, newKey, submitProposal, vote } from './api-helpers.js';

let t: TestApp;
let steward: TestMember;
let members: TestMember[];

beforeAll(async () => {
  t = await startTestApp();
  await listen(t);
  ({ steward, members } = await community(t, 3));
});

afterAll(async () => {
  await t?.close();
});

it('shows each new member and each verification at the position its command answered', async () => {
  for (let i = 0; i < 3; i++) {
    const handle = `newcomer-${i}`;
    const registered = await request(t.server)
      .post('/api/members')
      .send({ email: `${handle}@example.org`, password: 'correct horse battery staple', handle })
      .expect(201);
    const memberId: string = registered.body.memberId;
    const detail = await request(t.server).get(`/api/members/${memberId}`).query({ atPosition: registered.body.position }).expect(200);
    expect(detail.body).toMatchObject({ memberId, handle, verified: false });
    const list = await request(t.server).get('/api/members').query({ atPosition: registered.body.position, limit: 200 }).expect(200);
    expect(list.body.items.map((m: { memberId: string }) => m.memberId)).toContain(memberId);

    const verified = await request(t.server)
      .post(`/api/members/${memberId}/verification`)
      .set(auth(steward))
      .send({ evidence: { method: 'in-person', description: 'met in person' }, act: actFor(t, steward, 'members.VerifyMember', { memberId }) })
      .expect(201);
    const after = await request(t.server).get(`/api/members/${memberId}`).query({ atPosition: verified.body.position }).expect(200);
    expect(after.body).toMatchObject({ verified: true, verifiedPosition: verified.body.position, verifiedBy: steward.memberId });
  }
});

it('shows a signing key at the position its registration answered', async () => {
  const member = await registerMember(t, 'key-keeper');
  const second = newKey();
  const response = await request(t.server)
    .post('/api/members/me/keys')
    .set(auth(member))
    .send({ publicKey: second.publicKey, act: actFor(t, { memberId: member.memberId, ...second }, 'members.RegisterKey', { publicKey: second.publicKey }) })
    .expect(201);
  expect(response.body.keyId).toBe(second.keyId);
  const detail = await request(t.server).get(`/api/members/${member.memberId}`).query({ atPosition: response.body.position }).expect(200);
  expect(detail.body.keys.map((k: { keyId: string }) => k.keyId)).toEqual([member.keyId, second.keyId]);
});

it('shows every vote, changed votes included, in the detail and the list right after it is cast', async () => {
  const proposalId = randomUUID();
  const body = { proposalId, title: 'Read what you wrote', body: 'Always.', rules: { quorumBps: 0, thresholdBps: 5000, allowVoteChange: true } };
  const drafted = await request(t.server)
    .post('/api/proposals')
    .set(auth(steward))
    .send({ ...body, act: actFor(t, steward, 'governance.DraftProposal', draftProposalSignedFields(body)) })
    .expect(201);
  const afterDraft = await request(t.server).get('/api/proposals').query({ atPosition: drafted.body.position }).expect(200);
  expect(afterDraft.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ proposalId, status: 'drafted' })]));
  const submitted = await submitProposal(t, steward, proposalId);
  const afterSubmit = await request(t.server).get(`/api/proposals/${proposalId}`).query({ atPosition: submitted.position }).expect(200);
  expect(afterSubmit.body).toMatchObject({ status: 'submitted', lastPosition: submitted.position });

  const closesAt = new Date(t.clock.now().getTime() + 3600_000).toISOString();
  const opened = await request(t.server)
    .post(`/api/proposals/${proposalId}/open`)
    .set(auth(steward))
    .send({ closesAt, act: actFor(t, steward, 'governance.OpenProposal', { proposalId, closesAt }) })
    .expect(201);
  const afterOpen = await request(t.server).get(`/api/proposals/${proposalId}`).query({ atPosition: opened.body.position }).expect(200);
  expect(afterOpen.body).toMatchObject({ status: 'open', closesAt, lastPosition: opened.body.position });
  expect(afterOpen.body.electorate.size).toBeGreaterThanOrEqual(members.length + 1);

  const current = new Map<string, string>();
  const sequence = ['yes', 'no', 'abstain', 'yes', 'abstain', 'no', 'yes', 'no', 'yes', 'abstain', 'no', 'abstain'];
  for (const [i, choice] of sequence.entries()) {
    const voter = members[i % members.length]!;
    if (current.get(voter.memberId) === choice) continue;
    const cast = await vote(t, voter, proposalId, choice);
    expect(cast.status).toBe(201);
    current.set(voter.memberId, choice);
    const tally = { yes: 0, no: 0, abstain: 0 };
    for (const c of current.values()) tally[c as keyof typeof tally] += 1;

    const [detail, list] = await Promise.all([
      request(t.server).get(`/api/proposals/${proposalId}`).query({ atPosition: cast.body.position }),
      request(t.server).get('/api/proposals').query({ atPosition: cast.body.position, status: 'open' }),
    ]);
    expect({ status: detail.status, tally: detail.body.tally, lastPosition: detail.body.lastPosition }).toEqual({ status: 200, tally, lastPosition: cast.body.position });
    expect(list.status).toBe(200);
    expect(list.body.items.find((p: { proposalId: string }) => p.proposalId === proposalId)).toMatchObject({ tally });
  }

  t.clock.advance(3600_000);
  let closedPosition: number;
  const close = await request(t.server).post(`/api/proposals/${proposalId}/close`);
  if (close.status === 201) {
    closedPosition = close.body.position;
  } else {
    // The closer got there first.
    expect(close.body.code).toBe('already-closed');
    const { rows } = await t.db.pool.query<{ position: string }>(`SELECT position FROM event_store.events WHERE type = 'governance.ProposalClosed' AND data->>'proposalId' = $1`, [proposalId]);
    closedPosition = Number(rows[0]!.position);
  }
  const log = await request(t.server).get('/api/decision-log').query({ atPosition: closedPosition }).expect(200);
  expect(log.body.items).toEqual([expect.objectContaining({ proposalId, closedPosition })]);
  const detail = await request(t.server).get(`/api/proposals/${proposalId}`).query({ atPosition: closedPosition }).expect(200);
  expect(detail.body).toMatchObject({ status: 'closed', lastPosition: closedPosition });
});

it('shows a burst of votes on many proposals, each at its own position', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const proposalId = randomUUID();
    const body = { proposalId, title: `Burst ${i}`, body: '', rules: { quorumBps: 0, thresholdBps: 5000, allowVoteChange: true } };
    await request(t.server)
      .post('/api/proposals')
      .set(auth(steward))
      .send({ ...body, act: actFor(t, steward, 'governance.DraftProposal', draftProposalSignedFields(body)) })
      .expect(201);
    await submitProposal(t, steward, proposalId);
    const closesAt = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    await request(t.server)
      .post(`/api/proposals/${proposalId}/open`)
      .set(auth(steward))
      .send({ closesAt, act: actFor(t, steward, 'governance.OpenProposal', { proposalId, closesAt }) })
      .expect(201);
    ids.push(proposalId);
  }
  // Every member votes on every proposal at once; each answer, used at once, shows its own vote
  // and every vote on that proposal that landed before it.
  const seen = await Promise.all(
    ids.flatMap((proposalId) =>
      members.map(async (member) => {
        const cast = await vote(t, member, proposalId, 'yes');
        expect(cast.status).toBe(201);
        const detail = await request(t.server).get(`/api/proposals/${proposalId}`).query({ atPosition: cast.body.position }).expect(200);
        return { proposalId, position: cast.body.position as number, yes: detail.body.tally.yes as number };
      }),
    ),
  );
  for (const { proposalId, position, yes } of seen) {
    const landedBefore = seen.filter((s) => s.proposalId === proposalId && s.position <= position).length;
    expect(yes).toBeGreaterThanOrEqual(landedBefore);
  }
  const last = Math.max(...seen.map((s) => s.position));
  for (const proposalId of ids) {
    const detail = await request(t.server).get(`/api/proposals/${proposalId}`).query({ atPosition: last }).expect(200);
    expect(detail.body.tally).toEqual({ yes: members.length, no: 0, abstain: 0 });
  }
});
