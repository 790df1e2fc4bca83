// The audit recomputes every proposal's result from the log and compares it with what the
// instance publishes: a server that records or publishes a result its votes do not give is caught,
// at the index of the close.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { draftProposalSignedFields } from '../../src/commands/governance/draft-proposal/draft-proposal.handler.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { schemaVersionOf } from '../../src/events/registry.js';
import { audit, type AuditMismatch } from '../../src/ledger/audit/auditor.js';
import { NoteSigner, NoteVerifier } from '../../src/ledger/note/note.js';
import { actFor, community, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let url: string;
let verifier: NoteVerifier;
let steward: TestMember;
let members: TestMember[];

beforeAll(async () => {
  t = await startTestApp({ LEDGER_ORIGIN: 'results.test/ledger', CLOSER_INTERVAL_MS: '3600000' });
  await t.app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  verifier = NoteVerifier.parse(NoteSigner.parse(t.config.ledgerKey).verifier.toString());
  ({ steward, members } = await community(t, 4));
});
afterAll(async () => {
  await t.close();
});

const auth = (member: TestMember) => ({ Authorization: `Bearer ${member.token}` });

async function integrated(): Promise<number> {
  const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
  const size = Number(rows[0]!.n);
  for (let i = 0; i < 200; i++) {
    const { rows: cp } = await t.db.pool.query<{ size: string }>('SELECT max(size) AS size FROM ledger.checkpoints');
    if (Number(cp[0]?.size ?? 0) >= size) return size;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the ledger did not catch up');
}

/** A proposal opened to the community, voted on, and closed by the server at its time. */
async function decided(steward: TestMember, voters: [TestMember, 'yes' | 'no' | 'abstain'][]): Promise<{ proposalId: string; closedAt: number }> {
  const proposalId = randomUUID();
  const draft = { proposalId, title: `Proposal ${proposalId.slice(0, 4)}`, body: 'Body.', rules: { quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true } };
  await request(t.server).post('/api/proposals').set(auth(steward)).send({ ...draft, act: actFor(t, steward, 'governance.DraftProposal', draftProposalSignedFields(draft)) }).expect(201);
  await request(t.server).post(`/api/proposals/${proposalId}/submission`).set(auth(steward)).send({ act: actFor(t, steward, 'governance.SubmitProposal', { proposalId }) }).expect(201);
  const closesAt = new Date(t.clock.now().getTime() + 3600_000).toISOString();
  await request(t.server).post(`/api/proposals/${proposalId}/open`).set(auth(steward)).send({ closesAt, act: actFor(t, steward, 'governance.OpenProposal', { proposalId, closesAt }) }).expect(201);
  for (const [member, choice] of voters) {
    await request(t.server).post(`/api/proposals/${proposalId}/votes`).set(auth(member)).send({ choice, act: actFor(t, member, 'governance.CastVote', { proposalId, choice }) }).expect(201);
  }
  t.clock.advance(3600_000);
  const closed = await request(t.server).post(`/api/proposals/${proposalId}/close`).expect(201);
  await request(t.server).get(`/api/decision-log?atPosition=${closed.body.position}`).expect(200);
  return { proposalId, closedAt: closed.body.position as number };
}

it('recomputes every result and finds the published decision log faithful; then names the close whose published result was altered', async () => {
  await decided(steward, [
    [members[0]!, 'yes'],
    [members[1]!, 'yes'],
    [members[2]!, 'no'],
  ]);
  const second = await decided(steward, [[members[3]!, 'no']]);
  await integrated();

  const report = await audit({ url, verifier });
  expect(report).toMatchObject({ proposalsRecomputed: 2, decisionLogCompared: true });

  // The read model says the second proposal passed; the log says it was rejected.
  await t.db.pool.query(`UPDATE read_models.decision_log SET result = 'passed', yes = 1, no = 0 WHERE proposal_id = $1`, [second.proposalId]);
  const found = await audit({ url, verifier }).catch((e: AuditMismatch) => e);
  expect(found).toMatchObject({ name: 'AuditMismatch', index: second.closedAt });
  expect((found as Error).message).toContain(`publishes proposal ${second.proposalId} as passed`);
  await t.db.pool.query(`UPDATE read_models.decision_log SET result = 'rejected', yes = 0, no = 1 WHERE proposal_id = $1`, [second.proposalId]);
  await expect(audit({ url, verifier })).resolves.toMatchObject({ proposalsRecomputed: 2 });
});

it('names the index of a close the server recorded with a result its votes do not give, although the close is well signed into the ledger', async () => {
  const proposalId = randomUUID();
  const draft = { proposalId, title: 'Forged result', body: 'Body.', rules: { quorumBps: 2000, thresholdBps: 5000, allowVoteChange: true } };
  await request(t.server).post('/api/proposals').set(auth(steward)).send({ ...draft, act: actFor(t, steward, 'governance.DraftProposal', draftProposalSignedFields(draft)) }).expect(201);
  await request(t.server).post(`/api/proposals/${proposalId}/submission`).set(auth(steward)).send({ act: actFor(t, steward, 'governance.SubmitProposal', { proposalId }) }).expect(201);
  const closesAt = new Date(t.clock.now().getTime() + 3600_000).toISOString();
  await request(t.server).post(`/api/proposals/${proposalId}/open`).set(auth(steward)).send({ closesAt, act: actFor(t, steward, 'governance.OpenProposal', { proposalId, closesAt }) }).expect(201);
  const vote = await request(t.server)
    .post(`/api/proposals/${proposalId}/votes`)
    .set(auth(members[0]!))
    .send({ choice: 'no', act: actFor(t, members[0]!, 'governance.CastVote', { proposalId, choice: 'no' }) })
    .expect(201);
  t.clock.advance(3600_000);

  // The server itself appends a close that says "passed": hashes, tiles and checkpoint are all in order.
  const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
  const store = t.app.get<EventStore>(EVENT_STORE);
  const tally = { yes: 1, no: 0, abstain: 0 };
  const { positions } = await store.append(
    `proposal-${proposalId}`,
    [
      {
        id: randomUUID(),
        type: 'governance.ProposalClosed',
        schemaVersion: schemaVersionOf('governance.ProposalClosed'),
        data: { proposalId, result: 'passed', tally, direct: tally, delegated: { yes: 0, no: 0, abstain: 0 }, electorateSize: 7, delegationsAsOfPosition: Number(rows[0]!.n) - 1 },
        meta: { actor: 'system', correlationId: vote.body.position.toString(), causationId: 'forged', occurredAt: t.clock.now().toISOString() },
      },
    ],
    'any',
  );
  await integrated();
  const found = await audit({ url, verifier, checkEvents: false }).catch((e: AuditMismatch) => e);
  expect(found).toMatchObject({ name: 'AuditMismatch', index: positions[0] });
  expect((found as Error).message).toContain('give rejected with yes 0, no 1');
});
