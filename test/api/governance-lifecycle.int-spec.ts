import { randomUUID } from 'node:crypto';
import request, { type Response } from 'supertest';
import { reviseProposalSignedFields } from '../../src/commands/governance/revise-proposal/revise-proposal.handler.js';
import { community, actFor, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { auth, draft, expectProblem, listen, open, settle, submitProposal, vote, writes } from './api-helpers.js';

let t: TestApp;
let steward: TestMember;
let alice: TestMember;
let bob: TestMember;

beforeAll(async () => {
  t = await startTestApp();
  await listen(t);
  const built = await community(t, 2);
  steward = built.steward;
  [alice, bob] = built.members as [TestMember, TestMember];
});

afterAll(async () => {
  await t?.close();
});

/** Runs a request that must fail, and asserts that it wrote nothing: no event, same log head, no account row. */
async function refused(send: () => PromiseLike<Response>): Promise<Response> {
  await settle(t);
  const before = await writes(t);
  const response = await send();
  expect(await writes(t)).toEqual(before);
  return response;
}

const RULES = { quorumBps: 0, thresholdBps: 5000, allowVoteChange: true };

function revise(member: TestMember, proposalId: string, change: Record<string, unknown> = {}) {
  const fields = { proposalId, title: 'Plant twelve trees', body: 'Along the river, before winter.', rules: { ...RULES, thresholdBps: 6000 }, ...change };
  const { proposalId: _id, ...body } = fields;
  return request(t.server)
    .post(`/api/proposals/${proposalId}/revisions`)
    .set(auth(member))
    .send({ ...body, act: actFor(t, member, 'governance.ReviseProposal', reviseProposalSignedFields(fields)) });
}

const submit = (member: TestMember, proposalId: string) =>
  request(t.server).post(`/api/proposals/${proposalId}/submission`).set(auth(member)).send({ act: actFor(t, member, 'governance.SubmitProposal', { proposalId }) });

const withdraw = (member: TestMember, proposalId: string) =>
  request(t.server).post(`/api/proposals/${proposalId}/withdrawal`).set(auth(member)).send({ act: actFor(t, member, 'governance.WithdrawProposal', { proposalId }) });

const cancel = (member: TestMember, proposalId: string, reason: unknown, signedReason: unknown = reason) =>
  request(t.server)
    .post(`/api/proposals/${proposalId}/cancellation`)
    .set(auth(member))
    .send({ reason, act: actFor(t, member, 'governance.CancelProposal', { proposalId, reason: signedReason }) });

const detail = async (proposalId: string, atPosition?: number) =>
  (await request(t.server).get(`/api/proposals/${proposalId}`).query(atPosition === undefined ? {} : { atPosition }).expect(200)).body;

describe('the lifecycle through the API', () => {
  it('drafts, revises, submits, opens; each step shows at once in the read model', async () => {
    const proposalId = await draft(t, alice, RULES, { submit: false });
    const revised = await revise(alice, proposalId).expect(201);
    expect(await detail(proposalId, revised.body.position)).toMatchObject({
      status: 'drafted',
      title: 'Plant twelve trees',
      body: 'Along the river, before winter.',
      rules: { thresholdBps: 6000 },
      revisions: 1,
    });
    const submitted = await submitProposal(t, alice, proposalId);
    expect(await detail(proposalId, submitted.position)).toMatchObject({ status: 'submitted', submittedAt: t.clock.now().toISOString() });
    const list = await request(t.server).get('/api/proposals').query({ status: 'submitted' }).expect(200);
    expect(list.body.items.map((p: { proposalId: string }) => p.proposalId)).toContain(proposalId);

    const { position } = await open(t, alice, proposalId);
    expect(await detail(proposalId, position)).toMatchObject({ status: 'open', rules: { thresholdBps: 6000 } });
    // The revision is a signed act on the log: the body went in by its digest only.
    const { rows } = await t.db.pool.query(`SELECT data, act FROM event_store.events WHERE type = 'governance.ProposalRevised' AND data->>'proposalId' = $1`, [proposalId]);
    expect(rows).toEqual([
      {
        data: expect.objectContaining({ revisedBy: alice.memberId, title: 'Plant twelve trees' }),
        act: { command: expect.objectContaining({ command: 'governance.ReviseProposal', actor: alice.memberId, bodySha256: expect.any(String) }), signature: expect.any(String) },
      },
    ]);
  });

  it('withdraws a proposal nobody voted on; no vote can follow', async () => {
    const proposalId = await draft(t, alice);
    await open(t, alice, proposalId);
    const withdrawn = await withdraw(alice, proposalId).expect(201);
    expect(await detail(proposalId, withdrawn.body.position)).toMatchObject({ status: 'withdrawn', endedAt: t.clock.now().toISOString() });
    expectProblem(await refused(() => vote(t, bob, proposalId, 'yes')), 422, 'proposal-withdrawn');
  });

  it('cancels with a public reason, by a steward, even with votes; the reason is on the log and in the detail', async () => {
    const proposalId = await draft(t, alice);
    await open(t, alice, proposalId);
    await vote(t, bob, proposalId, 'no').expect(201);
    // Signed as sent; the decision trims it.
    const cancelled = await cancel(steward, proposalId, '  Decided by the assembly in May.  ').expect(201);
    expect(await detail(proposalId, cancelled.body.position)).toMatchObject({
      status: 'cancelled',
      cancellation: { cancelledBy: steward.memberId, reason: 'Decided by the assembly in May.' },
      tally: { yes: 0, no: 1, abstain: 0 },
      result: null,
    });
  });
});

describe('bad inputs: a problem+json, nothing written', () => {
  it('refuses to withdraw a proposal that has votes (422 has-votes)', async () => {
    const proposalId = await draft(t, alice);
    await open(t, alice, proposalId);
    await vote(t, bob, proposalId, 'abstain').expect(201);
    expectProblem(await refused(() => withdraw(alice, proposalId)), 422, 'has-votes');
    expect(await detail(proposalId)).toMatchObject({ status: 'open' });
  });

  it('refuses a revision by anyone but the author, a steward included (403 not-author)', async () => {
    const proposalId = await draft(t, alice, RULES, { submit: false });
    expectProblem(await refused(() => revise(bob, proposalId)), 403, 'not-author');
    expectProblem(await refused(() => revise(steward, proposalId)), 403, 'not-author');
    expect(await detail(proposalId)).toMatchObject({ revisions: 0, title: `Proposal ${proposalId.slice(0, 8)}` });
  });

  it('refuses a withdrawal by anyone but the author (403 not-author)', async () => {
    const proposalId = await draft(t, alice);
    expectProblem(await refused(() => withdraw(bob, proposalId)), 403, 'not-author');
    expectProblem(await refused(() => withdraw(steward, proposalId)), 403, 'not-author');
  });

  it('refuses a submission by anyone but the author (403 not-author)', async () => {
    const proposalId = await draft(t, alice, RULES, { submit: false });
    expectProblem(await refused(() => submit(bob, proposalId)), 403, 'not-author');
  });

  it('refuses a cancellation by a member who is not a steward, the author included (403 not-steward)', async () => {
    const proposalId = await draft(t, alice);
    expectProblem(await refused(() => cancel(bob, proposalId, 'I do not like it.')), 403, 'not-steward');
    expectProblem(await refused(() => cancel(alice, proposalId, 'Changed my mind.')), 403, 'not-steward');
  });

  it('refuses a cancellation without a reason, or with one over 1,000 characters (400 naming reason)', async () => {
    const proposalId = await draft(t, alice);
    for (const reason of [undefined, '', 'x'.repeat(1_001), 42]) {
      expectProblem(await refused(() => cancel(steward, proposalId, reason)), 400, 'validation', ['reason']);
    }
  });

  it('refuses a cancellation whose signed reason is not the one sent (401 bad-signature: the server verifies what was sent)', async () => {
    const proposalId = await draft(t, alice);
    expectProblem(await refused(() => cancel(steward, proposalId, 'Spam.', 'Duplicate.')), 401, 'bad-signature');
  });

  it('refuses to open a draft that was not submitted (422 not-submitted), even for a steward', async () => {
    const proposalId = await draft(t, alice, RULES, { submit: false });
    await settle(t);
    const closesAt = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    const response = await refused(() =>
      request(t.server)
        .post(`/api/proposals/${proposalId}/open`)
        .set(auth(steward))
        .send({ closesAt, act: actFor(t, steward, 'governance.OpenProposal', { proposalId, closesAt }) }),
    );
    expectProblem(response, 422, 'not-submitted');
  });

  it('refuses to revise or submit again once submitted (422 not-drafted)', async () => {
    const proposalId = await draft(t, alice);
    expectProblem(await refused(() => revise(alice, proposalId)), 422, 'not-drafted');
    expectProblem(await refused(() => submit(alice, proposalId)), 422, 'not-drafted');
  });

  it('refuses a revision with a blank title (400 naming title)', async () => {
    const proposalId = await draft(t, alice, RULES, { submit: false });
    expectProblem(await refused(() => revise(alice, proposalId, { title: '' })), 400, 'validation', ['title']);
  });

  it('answers 404 for each lifecycle command on a proposal that does not exist', async () => {
    const nowhere = randomUUID();
    expectProblem(await refused(() => submit(alice, nowhere)), 404, 'proposal-not-found');
    expectProblem(await refused(() => withdraw(alice, nowhere)), 404, 'proposal-not-found');
    expectProblem(await refused(() => cancel(steward, nowhere, 'Gone.')), 404, 'proposal-not-found');
    expectProblem(await refused(() => revise(alice, nowhere)), 404, 'proposal-not-found');
  });

  it('replays a retried withdrawal with the same Idempotency-Key and appends nothing more', async () => {
    const proposalId = await draft(t, alice);
    const body = { act: actFor(t, alice, 'governance.WithdrawProposal', { proposalId }) };
    const key = randomUUID();
    const first = await request(t.server).post(`/api/proposals/${proposalId}/withdrawal`).set(auth(alice)).set('Idempotency-Key', key).send(body).expect(201);
    const again = await refused(() => request(t.server).post(`/api/proposals/${proposalId}/withdrawal`).set(auth(alice)).set('Idempotency-Key', key).send(body));
    expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: first.body });
  });
});

describe('OpenAPI', () => {
  it('lists the lifecycle and discussion commands with bearer auth, and the thread query', async () => {
    const doc = (await request(t.server).get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    for (const path of [
      '/api/proposals/{proposalId}/revisions',
      '/api/proposals/{proposalId}/submission',
      '/api/proposals/{proposalId}/withdrawal',
      '/api/proposals/{proposalId}/cancellation',
      '/api/proposals/{proposalId}/comments',
      '/api/proposals/{proposalId}/comments/{commentId}/retraction',
    ]) {
      expect(doc.paths[path]?.post?.security).toEqual(expect.arrayContaining([expect.objectContaining({ bearer: expect.anything() })]));
    }
    expect(doc.paths['/api/proposals/{proposalId}/comments']?.get).toBeDefined();
  });
});
