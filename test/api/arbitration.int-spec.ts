import { randomUUID } from 'node:crypto';
import request, { type Response } from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { openCaseSignedFields } from '../../src/commands/arbitration/open-case/open-case.handler.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import type { Role } from '../../src/events/members/member-events.js';
import { schemaVersionOf } from '../../src/events/registry.js';
import { actFor, community, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { auth, expectProblem, listen, settle, writes } from './api-helpers.js';

let t: TestApp;
let steward: TestMember;
let payer: TestMember;
let payee: TestMember;
let arbiterA: TestMember;
let arbiterB: TestMember;
let outsider: TestMember;

/** Appends facts of other domains (role grants, records, contracts) as their own commands would. */
async function facts(stream: string, events: { type: string; data: unknown }[]): Promise<void> {
  await t.app.get<EventStore>(EVENT_STORE).append(
    stream,
    events.map((e) => {
      const id = uuidv7();
      return { id, type: e.type, schemaVersion: schemaVersionOf(e.type), data: e.data, meta: { actor: 'system', correlationId: id, causationId: id, occurredAt: t.clock.now().toISOString() } };
    }),
    'any',
  );
}

const grant = (member: TestMember, role: Role) =>
  facts(`member-${member.memberId}`, [{ type: 'members.RoleGranted', data: { memberId: member.memberId, role, grant: { kind: 'proposal', proposalId: randomUUID() } } }]);

async function disputedTransaction(a: TestMember, b: TestMember): Promise<string> {
  const transactionId = randomUUID();
  await facts(`transaction-${transactionId}`, [
    {
      type: 'records.TransactionRecorded',
      data: {
        transactionId,
        recordedBy: a.memberId,
        payerId: a.memberId,
        payeeId: b.memberId,
        amountMinor: 40_00,
        currency: 'EUR',
        rail: 'sepa',
        purpose: 'Garden tools',
        contractId: null,
        referenceCommitment: null,
      },
    },
    { type: 'records.TransactionDisputed', data: { transactionId, disputedBy: b.memberId, reason: 'Never received.' } },
  ]);
  return transactionId;
}

async function disputedContract(parties: TestMember[]): Promise<string> {
  const contractId = randomUUID();
  await facts(`contract-${contractId}`, [
    {
      type: 'contracts.ContractDrafted',
      data: {
        contractId,
        templateId: randomUUID(),
        templateVersion: 1,
        draftedBy: parties[0]!.memberId,
        parties: parties.map((p, i) => ({ memberId: p.memberId, role: i === 0 ? 'landlord' : 'tenant' })),
        signingOrder: 'parallel',
        visibility: 'private',
        documentSha256: 'a'.repeat(64),
      },
    },
    { type: 'contracts.ContractDisputed', data: { contractId, disputedBy: parties[1]!.memberId, reason: 'Rent unpaid.' } },
  ]);
  return contractId;
}

beforeAll(async () => {
  t = await startTestApp({ READ_WAIT_MS: '2000' });
  await listen(t);
  const built = await community(t, 5);
  steward = built.steward;
  [payer, payee, arbiterA, arbiterB, outsider] = built.members as [TestMember, TestMember, TestMember, TestMember, TestMember];
  await grant(arbiterA, 'arbiter');
  await grant(arbiterB, 'arbiter');
  // A party who is also an arbiter: never assigned to their own dispute.
  await grant(payer, 'arbiter');
});

afterAll(async () => {
  await t?.close();
});

async function refused(send: () => PromiseLike<Response>): Promise<Response> {
  await settle(t);
  const before = await writes(t);
  const response = await send();
  expect(await writes(t)).toEqual(before);
  return response;
}

function openCase(member: TestMember, subject: { kind: string; id: string }, arbiterId: string | null = null) {
  return request(t.server)
    .post('/api/arbitration/cases')
    .set(auth(member))
    .send({ subject, arbiterId, act: actFor(t, member, 'arbitration.OpenCase', openCaseSignedFields({ subject: subject as never, arbiterId })) });
}

const statement = (member: TestMember, caseId: string, text: string) =>
  request(t.server)
    .post(`/api/arbitration/cases/${caseId}/statements`)
    .set(auth(member))
    .send({ statement: text, act: actFor(t, member, 'arbitration.SubmitStatement', { caseId, statement: text }) });

const decision = (member: TestMember, caseId: string, outcome: string, rationale: string) =>
  request(t.server)
    .post(`/api/arbitration/cases/${caseId}/decision`)
    .set(auth(member))
    .send({ outcome, rationale, act: actFor(t, member, 'arbitration.DecideCase', { caseId, outcome, rationale }) });

describe('arbitration through the API', () => {
  it('a disputed transaction: opened by a party, arbiter by rule, both statements (one amended), decided', async () => {
    const transactionId = await disputedTransaction(payer, payee);
    // The rule reads who holds the arbiter role, and their open cases, from the read models.
    await settle(t);
    const opened = await openCase(payee, { kind: 'transaction', id: transactionId });
    expect({ status: opened.status, body: opened.body }).toMatchObject({ status: 201 });
    await settle(t);
    const assigned = (await request(t.server).get(`/api/arbitration/cases/${transactionId}`).expect(200)).body;
    // Fewest open cases (all zero), then the lowest id; the payer is an arbiter too but a party.
    const expected = [arbiterA.memberId, arbiterB.memberId].sort()[0];
    expect(assigned).toMatchObject({ caseId: transactionId, status: 'open', arbiterId: expected, assignmentRule: 'fewest-open-cases', disputedBy: payee.memberId });
    const arbiter = expected === arbiterA.memberId ? arbiterA : arbiterB;

    expect((await statement(payer, transactionId, 'I paid by SEPA on the 3rd.')).status).toBe(201);
    expect((await statement(payee, transactionId, 'Nothing arrived.')).status).toBe(201);
    const amended = await statement(payer, transactionId, 'I paid by SEPA on the 3rd; the bank confirms it.');
    expect(amended.status).toBe(201);
    const openDisputes = async (atPosition: number): Promise<string[]> =>
      (await request(t.server).get('/api/transactions/disputes').query({ atPosition, limit: 200 }).expect(200)).body.items.map((i: { transactionId: string }) => i.transactionId);
    expect(await openDisputes(amended.body.position)).toContain(transactionId);
    const decided = await decision(arbiter, transactionId, 'rejected', 'The bank confirmation shows the payment arrived.');
    expect(decided.status).toBe(201);
    // Decided: no longer an open dispute, while the record itself stays disputed.
    expect(await openDisputes(decided.body.position)).not.toContain(transactionId);
    expect((await request(t.server).get(`/api/transactions/${transactionId}`).expect(200)).body.status).toBe('disputed');

    const body = (await request(t.server).get(`/api/arbitration/cases/${transactionId}`).query({ atPosition: decided.body.position }).expect(200)).body;
    expect(body).toMatchObject({
      status: 'decided',
      decision: { outcome: 'rejected', rationale: 'The bank confirmation shows the payment arrived.' },
      parties: [payer.memberId, payee.memberId],
    });
    // The statement that stands per party: the latest revision, parties in the order they first spoke.
    expect(body.statements).toEqual([
      expect.objectContaining({ partyId: payer.memberId, revision: 2, statement: 'I paid by SEPA on the 3rd; the bank confirms it.' }),
      expect.objectContaining({ partyId: payee.memberId, revision: 1, statement: 'Nothing arrived.' }),
    ]);
    expect(body.history).toHaveLength(3);
    const list = (await request(t.server).get('/api/arbitration/cases').query({ status: 'decided' }).expect(200)).body;
    expect(list.items.map((c: { caseId: string }) => c.caseId)).toContain(transactionId);
  });

  it('a disputed contract: a steward names the arbiter', async () => {
    const contractId = await disputedContract([payer, payee]);
    const opened = await openCase(steward, { kind: 'contract', id: contractId }, arbiterB.memberId);
    expect(opened.status).toBe(201);
    const body = (await request(t.server).get(`/api/arbitration/cases/${contractId}`).query({ atPosition: opened.body.position }).expect(200)).body;
    expect(body).toMatchObject({ subject: { kind: 'contract', id: contractId }, arbiterId: arbiterB.memberId, assignmentRule: 'named-by-steward', disputeReason: 'Rent unpaid.' });
  });
});

describe('arbitration rules: a problem+json, nothing written', () => {
  it('refuses an arbiter who is a party (422 arbiter-is-party)', async () => {
    const transactionId = await disputedTransaction(payer, payee);
    expectProblem(await refused(() => openCase(steward, { kind: 'transaction', id: transactionId }, payer.memberId)), 422, 'arbiter-is-party');
  });

  it('refuses a named member who is not an arbiter (422), a party naming one (403), an outsider opening (403)', async () => {
    const transactionId = await disputedTransaction(payer, payee);
    expectProblem(await refused(() => openCase(steward, { kind: 'transaction', id: transactionId }, outsider.memberId)), 422, 'not-arbiter');
    expectProblem(await refused(() => openCase(payee, { kind: 'transaction', id: transactionId }, arbiterA.memberId)), 403, 'not-steward');
    expectProblem(await refused(() => openCase(outsider, { kind: 'transaction', id: transactionId })), 403, 'not-party-or-steward');
  });

  it('refuses a record that does not exist (404), a second case (409), statements by non-parties (403), decisions by others (403) and after the decision (422)', async () => {
    expectProblem(await refused(() => openCase(steward, { kind: 'transaction', id: randomUUID() }, arbiterA.memberId)), 404, 'transaction-not-found');
    const transactionId = await disputedTransaction(payer, payee);
    expect((await openCase(steward, { kind: 'transaction', id: transactionId }, arbiterA.memberId)).status).toBe(201);
    expectProblem(await refused(() => openCase(payee, { kind: 'transaction', id: transactionId })), 409, 'case-exists');
    expectProblem(await refused(() => statement(arbiterA, transactionId, 'I think…')), 403, 'not-party');
    expectProblem(await refused(() => decision(arbiterB, transactionId, 'upheld', 'Not mine to decide.')), 403, 'not-assigned-arbiter');
    expect((await decision(arbiterA, transactionId, 'split', 'Half each.')).status).toBe(201);
    expectProblem(await refused(() => statement(payer, transactionId, 'Too late.')), 422, 'case-decided');
    expectProblem(await refused(() => decision(arbiterA, transactionId, 'upheld', 'Again.')), 422, 'case-decided');
  });

  it('refuses bad input with a 400 naming each field', async () => {
    const bad = await refused(() =>
      request(t.server)
        .post('/api/arbitration/cases')
        .set(auth(steward))
        .send({ subject: { kind: 'loan', id: 'x' }, arbiterId: 'someone', act: actFor(t, steward, 'arbitration.OpenCase', {}) }),
    );
    expectProblem(bad, 400, 'validation', ['subject.kind', 'subject.id', 'arbiterId']);
    const caseId = randomUUID();
    const badDecision = await refused(() =>
      request(t.server)
        .post(`/api/arbitration/cases/${caseId}/decision`)
        .set(auth(arbiterA))
        .send({ outcome: 'maybe', rationale: '', act: actFor(t, arbiterA, 'arbitration.DecideCase', {}) }),
    );
    expectProblem(badDecision, 400, 'validation', ['outcome', 'rationale']);
    expectProblem(await request(t.server).get('/api/arbitration/cases/not-a-uuid'), 400, 'validation', ['caseId']);
    expectProblem(await request(t.server).get(`/api/arbitration/cases/${caseId}`), 404, 'case-not-found');
  });
});
