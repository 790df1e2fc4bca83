import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CommandBus } from '@nestjs/cqrs';
import request, { type Response } from 'supertest';
import { ConsequencesManager, CONSEQUENCES_CHECKPOINT } from '../../src/commands/governance/consequences/consequences.manager.js';
import { reviseProposalSignedFields } from '../../src/commands/governance/revise-proposal/revise-proposal.handler.js';
import { SuspendMember } from '../../src/commands/members/suspend-member/suspend-member.command.js';
import { metaAt } from '../../src/commands/shared/command-meta.js';
import { draftProposalSignedFields } from '../../src/commands/governance/draft-proposal/draft-proposal.handler.js';
import type { EventEnvelope } from '../../src/events/envelope.js';
import { DELEGATIONS_STREAM } from '../../src/events/governance/delegation-events.js';
import { audit } from '../../src/ledger/audit/auditor.js';
import { NoteSigner, NoteVerifier } from '../../src/ledger/note/note.js';
import { actFor, community, registerMember, verifyMember, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { auth, expectProblem, listen, open, settle, submitProposal, vote, writes } from './api-helpers.js';

let t: TestApp;
let steward: TestMember;
let alice: TestMember;
let bob: TestMember;
let carol: TestMember;
let dave: TestMember;

beforeAll(async () => {
  t = await startTestApp();
  await listen(t);
  const built = await community(t, 4);
  steward = built.steward;
  [alice, bob, carol, dave] = built.members as [TestMember, TestMember, TestMember, TestMember];
});

afterAll(async () => {
  await t?.close();
});

const RULES = { quorumBps: 0, thresholdBps: 5000, allowVoteChange: false };
const TWO_THIRDS = { ...RULES, thresholdBps: 6667 };

function draftRequest(author: TestMember, extra: Record<string, unknown>, rules: object = RULES, proposalId = randomUUID()) {
  const body = { proposalId, title: `Motion ${proposalId.slice(0, 8)}`, body: 'As the community decides.', rules, ...extra };
  return request(t.server)
    .post('/api/proposals')
    .set(auth(author))
    .send({ ...body, act: actFor(t, author, 'governance.DraftProposal', draftProposalSignedFields(body as never)) });
}

/** Drafts, submits and opens a proposal; returns its id. */
async function openProposal(author: TestMember, extra: Record<string, unknown>, rules: object = RULES): Promise<string> {
  const proposalId = randomUUID();
  const drafted = await draftRequest(author, extra, rules, proposalId);
  expect({ status: drafted.status, body: drafted.body }).toMatchObject({ status: 201 });
  await submitProposal(t, author, proposalId);
  await open(t, author, proposalId);
  return proposalId;
}

/** Moves the clock past the deadline and closes (the background closer may be first). */
async function closeProposal(proposalId: string): Promise<Record<string, unknown>> {
  t.clock.advance(3600_000);
  const response = await request(t.server).post(`/api/proposals/${proposalId}/close`);
  expect([201, 422]).toContain(response.status);
  await settle(t);
  return (await request(t.server).get(`/api/proposals/${proposalId}`).expect(200)).body;
}

function delegate(member: TestMember, delegateId: string, topic: string | null = null) {
  return request(t.server)
    .post('/api/delegations')
    .set(auth(member))
    .send({ delegateId, topic, act: actFor(t, member, 'governance.DelegateVote', { delegateId, topic }) });
}

async function rolesOf(member: TestMember): Promise<string[]> {
  await settle(t);
  return (await request(t.server).get(`/api/members/${member.memberId}`).expect(200)).body.roles;
}

async function eventsOf(stream: string, type: string): Promise<number> {
  const { rows } = await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events WHERE stream = $1 AND type = $2', [stream, type]);
  return Number(rows[0]!.n);
}

async function untilRoles(member: TestMember, predicate: (roles: string[]) => boolean): Promise<string[]> {
  const manager = t.app.get(ConsequencesManager);
  for (let i = 0; i < 50; i++) {
    await manager.catchUp(0);
    const roles = await rolesOf(member);
    if (predicate(roles)) return roles;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`roles of ${member.handle} never matched`);
}

async function refused(send: () => PromiseLike<Response>): Promise<Response> {
  await settle(t);
  const before = await writes(t);
  const response = await send();
  expect(await writes(t)).toEqual(before);
  return response;
}

describe('bad input is refused with 400 naming the field, and nothing is written', () => {
  it.each([
    ['a role motion without a member', { motion: { kind: 'grant-role', role: 'verifier' } }, RULES, 'motion.memberId'],
    ['an unknown motion kind', { motion: { kind: 'dissolve' } }, RULES, 'motion.kind'],
    ['an unknown role', { motion: { kind: 'grant-role', memberId: randomUUID(), role: 'king' } }, RULES, 'motion.role'],
    ['a topic that is not a slug', { topic: 'Water Supply' }, RULES, 'topic'],
  ])('a draft with %s', async (_label, extra, rules, field) => {
    expectProblem(await refused(() => draftRequest(alice, extra, rules)), 400, 'validation', [field]);
  });

  it('a no-confidence motion below two thirds', async () => {
    const response = await refused(() => draftRequest(alice, { motion: { kind: 'no-confidence', memberId: steward.memberId, role: 'steward' } }, RULES));
    expectProblem(response, 400, 'validation', ['rules.thresholdBps']);
  });

  it('a delegation to something that is not a member id, or on a bad topic', async () => {
    expectProblem(await refused(() => delegate(alice, 'nobody')), 400, 'validation', ['delegateId']);
    expectProblem(await refused(() => delegate(alice, bob.memberId, 'Not A Slug')), 400, 'validation', ['topic']);
  });

  it('a motion about a member who does not exist, or who already holds the role', async () => {
    expectProblem(await refused(() => draftRequest(alice, { motion: { kind: 'grant-role', memberId: randomUUID(), role: 'verifier' } })), 404, 'member-not-found');
    expectProblem(await refused(() => draftRequest(alice, { motion: { kind: 'grant-role', memberId: steward.memberId, role: 'steward' } })), 422, 'role-already-held');
    expectProblem(await refused(() => draftRequest(alice, { motion: { kind: 'revoke-role', memberId: bob.memberId, role: 'moderator' } })), 422, 'role-not-held');
  });
});

describe('a no-confidence motion without a threshold', () => {
  const NO_THRESHOLD = { quorumBps: 0, allowVoteChange: false };
  const against = () => ({ motion: { kind: 'no-confidence', memberId: steward.memberId, role: 'steward' } });

  async function storedDraft(proposalId: string, type: string): Promise<{ data: { rules: Record<string, unknown> }; act: { command: { rules: Record<string, unknown> } } }> {
    const { rows } = await t.db.pool.query('SELECT data, act FROM event_store.events WHERE stream = $1 AND type = $2 ORDER BY position DESC LIMIT 1', [`proposal-${proposalId}`, type]);
    return rows[0];
  }

  async function waitForLedger(): Promise<number> {
    const size = Number((await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events')).rows[0]!.n);
    for (let i = 0; i < 200; i++) {
      const { rows } = await t.db.pool.query<{ size: string }>('SELECT max(size) AS size FROM ledger.checkpoints');
      if (Number(rows[0]?.size ?? 0) >= size) return size;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the ledger did not catch up');
  }

  it('records two thirds, signs the request as sent, and the ledger audit verifies the act', async () => {
    const proposalId = randomUUID();
    const drafted = await draftRequest(alice, against(), NO_THRESHOLD, proposalId);
    expect({ status: drafted.status, body: drafted.body }).toMatchObject({ status: 201 });
    await settle(t);
    const shown = await request(t.server).get(`/api/proposals/${proposalId}`).expect(200);
    expect(shown.body.rules).toMatchObject({ quorumBps: 0, thresholdBps: 6667, allowVoteChange: false });
    // The event records the threshold in force; the act states only what the member signed.
    const event = await storedDraft(proposalId, 'governance.ProposalDrafted');
    expect(event.data.rules.thresholdBps).toBe(6667);
    expect(event.act.command.rules).toEqual(NO_THRESHOLD);

    // A revision may leave it out too, and gets two thirds again.
    const revision = { title: 'No confidence, revised', body: 'Two thirds, by default.', rules: NO_THRESHOLD, ...against() };
    const revised = await request(t.server)
      .post(`/api/proposals/${proposalId}/revisions`)
      .set(auth(alice))
      .send({ ...revision, act: actFor(t, alice, 'governance.ReviseProposal', reviseProposalSignedFields({ proposalId, ...revision })) });
    expect({ status: revised.status, body: revised.body }).toMatchObject({ status: 201 });
    expect((await storedDraft(proposalId, 'governance.ProposalRevised')).data.rules.thresholdBps).toBe(6667);

    const size = await waitForLedger();
    const url = `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
    const report = await audit({ url, verifier: NoteVerifier.parse(NoteSigner.parse(t.config.ledgerKey).verifier.toString()) });
    expect(report.size).toBeGreaterThanOrEqual(size);
    expect(report.actsChecked).toBeGreaterThan(0);
  });

  it.each([
    ['a general proposal', (): Record<string, unknown> => ({})],
    ['a grant-role motion', (): Record<string, unknown> => ({ motion: { kind: 'grant-role', memberId: bob.memberId, role: 'verifier' } })],
  ])('refuses %s without a threshold (400 naming rules.thresholdBps), nothing written', async (_label, extra) => {
    expectProblem(await refused(() => draftRequest(alice, extra(), NO_THRESHOLD)), 400, 'validation', ['rules.thresholdBps']);
  });

  it('refuses a no-confidence motion that states less than two thirds (400 naming rules.thresholdBps)', async () => {
    expectProblem(await refused(() => draftRequest(alice, against(), { ...NO_THRESHOLD, thresholdBps: 6666 })), 400, 'validation', ['rules.thresholdBps']);
  });
});

describe('roles only through passed proposals', () => {
  it('has no route to grant a role directly, for a steward or anyone', async () => {
    for (const member of [steward, alice]) {
      const response = await refused(() => request(t.server).post(`/api/members/${bob.memberId}/roles`).set(auth(member)).send({ role: 'verifier' }));
      expect(response.status).toBe(404);
    }
  });

  it('a passed grant-role proposal makes a member a verifier who can then verify; a passed no-confidence motion revokes it once', async () => {
    const newcomer = await registerMember(t, 'newcomer-nina');
    // Not a verifier yet: refused.
    const early = await refused(() =>
      request(t.server)
        .post(`/api/members/${newcomer.memberId}/verification`)
        .set(auth(alice))
        .send({ evidence: { method: 'in-person', description: 'met' }, act: actFor(t, alice, 'members.VerifyMember', { memberId: newcomer.memberId }) }),
    );
    expectProblem(early, 403, 'not-a-verifier');

    const grant = await openProposal(bob, { motion: { kind: 'grant-role', memberId: alice.memberId, role: 'verifier' }, topic: 'roles' });
    for (const member of [bob, carol, dave]) expect((await vote(t, member, grant, 'yes')).status).toBe(201);
    const granted = await closeProposal(grant);
    expect(granted).toMatchObject({ result: 'passed', motion: { kind: 'grant-role', memberId: alice.memberId, role: 'verifier' }, topic: 'roles' });
    expect(await untilRoles(alice, (roles) => roles.includes('verifier'))).toContain('verifier');
    await verifyMember(t, alice, newcomer.memberId);

    // No confidence in alice as verifier: two thirds needed.
    const motion = await openProposal(carol, { motion: { kind: 'no-confidence', memberId: alice.memberId, role: 'verifier' } }, TWO_THIRDS);
    for (const member of [bob, carol, dave, steward]) expect((await vote(t, member, motion, 'yes')).status).toBe(201);
    expect(await closeProposal(motion)).toMatchObject({ result: 'passed', motion: { kind: 'no-confidence' } });

    // Processed twice, and once more after a restart that lost the checkpoint: one revocation.
    const manager = t.app.get(ConsequencesManager);
    const { rows } = await t.db.pool.query<EventEnvelope & { schema_version: number }>(
      `SELECT id, stream, revision, position, type, schema_version AS "schemaVersion", data, meta FROM event_store.events
        WHERE type = 'governance.ProposalClosed' AND stream = $1`,
      [`proposal-${motion}`],
    );
    const closed = { ...rows[0]!, position: Number(rows[0]!.position) } as EventEnvelope;
    await manager.process(closed);
    await manager.process(closed);
    await manager.stop();
    await t.db.pool.query('UPDATE projections.process_checkpoints SET position = 0 WHERE name = $1', [CONSEQUENCES_CHECKPOINT]);
    manager.start();
    await manager.catchUp(0);
    await manager.process(closed);
    expect(await eventsOf(`member-${alice.memberId}`, 'members.RoleRevoked')).toBe(1);
    expect(await eventsOf(`member-${alice.memberId}`, 'members.RoleGranted')).toBe(1);
    expect(await untilRoles(alice, (roles) => !roles.includes('verifier'))).not.toContain('verifier');

    // The revoked role has no power left.
    const another = await registerMember(t, 'newcomer-otto');
    const late = await refused(() =>
      request(t.server)
        .post(`/api/members/${another.memberId}/verification`)
        .set(auth(alice))
        .send({ evidence: { method: 'in-person', description: 'met' }, act: actFor(t, alice, 'members.VerifyMember', { memberId: another.memberId }) }),
    );
    expectProblem(late, 403, 'not-a-verifier');
  });
});

describe('elections', () => {
  it('a won election for a role grants it to the winners, once however often it is processed', async () => {
    const manager = t.app.get(ConsequencesManager);
    const electionId = randomUUID();
    const closed = {
      id: randomUUID(),
      stream: `election-${electionId}`,
      revision: 3,
      position: 0,
      type: 'governance.ElectionClosed',
      schemaVersion: 1,
      data: { electionId, role: 'arbiter', seats: 1, method: 'approval', candidates: [dave.memberId], winners: [dave.memberId], rounds: [], ballotsCounted: 3, electorateSize: 5, quota: null },
      meta: { actor: 'system', correlationId: electionId, causationId: electionId, occurredAt: t.clock.now().toISOString() },
    } as EventEnvelope;
    expect(await manager.process(closed)).toBe(1);
    expect(await manager.process(closed)).toBe(0);
    expect(await eventsOf(`member-${dave.memberId}`, 'members.RoleGranted')).toBe(1);
    expect(await rolesOf(dave)).toContain('arbiter');
  });
});

describe('delegation', () => {
  it('delegated weight shows in the tally, chains are followed, a direct vote overrides, cycles are refused', async () => {
    // bob -> carol for everything; dave -> bob on water.
    expect((await delegate(bob, carol.memberId)).status).toBe(201);
    expect((await delegate(dave, bob.memberId, 'water')).status).toBe(201);
    // carol -> dave would close carol -> dave -> bob -> carol on water.
    expectProblem(await refused(() => delegate(carol, dave.memberId)), 422, 'delegation-cycle');
    expectProblem(await refused(() => delegate(carol, carol.memberId)), 422, 'self-delegation');

    await settle(t);
    const bobs = (await request(t.server).get(`/api/members/${bob.memberId}/delegations`).expect(200)).body;
    expect(bobs).toMatchObject({
      given: [{ delegatorId: bob.memberId, delegateId: carol.memberId, topic: null }],
      received: [{ delegatorId: dave.memberId, delegateId: bob.memberId, topic: 'water' }],
    });

    const proposal = await openProposal(alice, { topic: 'water' });
    expect((await vote(t, carol, proposal, 'yes')).status).toBe(201);
    expect((await vote(t, alice, proposal, 'no')).status).toBe(201);
    const closed = await closeProposal(proposal);
    // bob and dave (through bob) go with carol.
    expect(closed).toMatchObject({
      result: 'passed',
      topic: 'water',
      tally: { yes: 3, no: 1, abstain: 0 },
      direct: { yes: 1, no: 1, abstain: 0 },
      delegated: { yes: 2, no: 0, abstain: 0 },
      delegationsAsOfPosition: expect.any(Number),
    });

    // A direct vote overrides: bob votes himself, and dave's weight follows bob's choice.
    const second = await openProposal(alice, { topic: 'water' });
    expect((await vote(t, carol, second, 'yes')).status).toBe(201);
    expect((await vote(t, bob, second, 'no')).status).toBe(201);
    expect(await closeProposal(second)).toMatchObject({ direct: { yes: 1, no: 1, abstain: 0 }, delegated: { yes: 0, no: 1, abstain: 0 } });

    const log = (await request(t.server).get('/api/decision-log').expect(200)).body.items as { proposalId: string }[];
    expect(log.find((e) => e.proposalId === proposal)).toMatchObject({ topic: 'water', direct: { yes: 1, no: 1 }, delegated: { yes: 2 } });

    // Revoking: bob takes back his general delegation.
    const revoked = await request(t.server)
      .post('/api/delegations/revocations')
      .set(auth(bob))
      .send({ topic: null, act: actFor(t, bob, 'governance.RevokeDelegation', { topic: null }) });
    expect(revoked.status).toBe(201);
    await settle(t);
    expect((await request(t.server).get(`/api/members/${bob.memberId}/delegations`).expect(200)).body.given).toEqual([]);
  });
});

describe('delegation: refusals, nothing written', () => {
  const revoke = (member: TestMember, topic: string | null) =>
    request(t.server)
      .post('/api/delegations/revocations')
      .set(auth(member))
      .send({ topic, act: actFor(t, member, 'governance.RevokeDelegation', { topic }) });

  let pia: TestMember;
  let quinn: TestMember;
  let ravi: TestMember;
  beforeAll(async () => {
    [pia, quinn, ravi] = [await registerMember(t, 'pia-delegates'), await registerMember(t, 'quinn-delegates'), await registerMember(t, 'ravi-delegates')];
    for (const member of [pia, quinn, ravi]) await verifyMember(t, steward, member.memberId);
  });

  it('refuses to revoke a delegation never given (422 no-delegation)', async () => {
    expectProblem(await refused(() => revoke(pia, null)), 422, 'no-delegation');
    expectProblem(await refused(() => revoke(pia, 'parks')), 422, 'no-delegation');
  });

  it('refuses a delegation to a member who does not exist (404), by an unverified member (422), or stated twice (422 same-delegation)', async () => {
    expectProblem(await refused(() => delegate(pia, randomUUID())), 404, 'member-not-found');
    const stranger = await registerMember(t, 'unverified-sol');
    expectProblem(await refused(() => delegate(stranger, quinn.memberId)), 422, 'member-not-verified');
    expect((await delegate(pia, quinn.memberId)).status).toBe(201);
    expectProblem(await refused(() => delegate(pia, quinn.memberId)), 422, 'same-delegation');
  });

  it('refuses a delegation to a member who has left (422 delegate-has-left), for every proposal or one topic', async () => {
    const uma = await registerMember(t, 'uma-leaves');
    await verifyMember(t, steward, uma.memberId);
    expect((await request(t.server).post('/api/members/me/leave').set(auth(uma)).send({ act: actFor(t, uma, 'members.Leave', {}) })).status).toBe(201);
    expectProblem(await refused(() => delegate(ravi, uma.memberId)), 422, 'delegate-has-left');
    expectProblem(await refused(() => delegate(ravi, uma.memberId, 'parks')), 422, 'delegate-has-left');
  });

  it('accepts a delegate who is not verified yet, or suspended: neither is final (ADR 0015)', async () => {
    const [vic, wen] = [await registerMember(t, 'vic-unverified'), await registerMember(t, 'wen-suspended')];
    await verifyMember(t, steward, wen.memberId);
    const until = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    await t.app.get(CommandBus).execute(new SuspendMember(wen.memberId, until, randomUUID(), 'repeated spam', metaAt('system', t.clock.now())));
    expect((await delegate(ravi, vic.memberId, 'roads')).status).toBe(201);
    expect((await delegate(ravi, wen.memberId, 'lighting')).status).toBe(201);
  });

  it('refuses to revoke a topic delegation when the general one would then close a cycle on that topic (422 delegation-cycle)', async () => {
    // pia -> quinn for everything (above), pia -> ravi on parks; quinn -> pia on parks ends at ravi, no cycle.
    expect((await delegate(pia, ravi.memberId, 'parks')).status).toBe(201);
    expect((await delegate(quinn, pia.memberId, 'parks')).status).toBe(201);
    // Without pia's parks delegation, pia's general one would make pia -> quinn -> pia on parks.
    expectProblem(await refused(() => revoke(pia, 'parks')), 422, 'delegation-cycle');
    // Revoking the general one first, as the problem advises, works; then the topic one can go too.
    expect((await revoke(pia, null)).status).toBe(201);
    expect((await revoke(pia, 'parks')).status).toBe(201);
  });

  it('lets only one of two delegations sent at the same moment land when together they would close a cycle', async () => {
    const [sam, tia] = [await registerMember(t, 'sam-delegates'), await registerMember(t, 'tia-delegates')];
    for (const member of [sam, tia]) await verifyMember(t, steward, member.memberId);
    await settle(t);
    const before = await eventsOf(DELEGATIONS_STREAM, 'governance.VoteDelegated');
    const responses = await Promise.all([delegate(sam, tia.memberId), delegate(tia, sam.memberId)]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 422]);
    expectProblem(responses.find((r) => r.status === 422)!, 422, 'delegation-cycle');
    expect(await eventsOf(DELEGATIONS_STREAM, 'governance.VoteDelegated')).toBe(before + 1);
  });
});
