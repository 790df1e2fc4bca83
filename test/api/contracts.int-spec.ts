import { randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import request, { type Response } from 'supertest';
import { documentSha256, documentSigningMessage } from '../../src/commands/contracts/contract-document.js';
import { draftContractSignedFields, type DraftContractFields } from '../../src/commands/contracts/draft-contract/draft-contract.handler.js';
import { publishTemplateSignedFields, type PublishTemplateFields } from '../../src/commands/contracts/publish-template/publish-template.handler.js';
import { documentSignatureVerifies } from '../../src/commands/contracts/sign-contract/sign-contract.handler.js';
import { openCaseSignedFields } from '../../src/commands/arbitration/open-case/open-case.handler.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { schemaVersionOf } from '../../src/events/registry.js';
import { recordTransactionSignedFields } from '../../src/commands/records/record-transaction/record-transaction.handler.js';
import { actFor, community, registerMember, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { act, auth, expectProblem, listen, newKey, settle, writes } from './api-helpers.js';

let t: TestApp;
let steward: TestMember;
let lena: TestMember;
let tom: TestMember;
let carol: TestMember;
let unverified: TestMember;
const templateId = randomUUID();

const FIELDS: PublishTemplateFields['fields'] = [
  { name: 'premises', label: 'Premises', type: 'string', required: true },
  { name: 'rent', label: 'Monthly rent', type: 'money', required: true },
  { name: 'startDate', label: 'Start date', type: 'date', required: true },
  { name: 'months', label: 'Term in months', type: 'integer', required: true },
  { name: 'notes', label: 'Notes', type: 'text', required: false },
];
const BODY = 'The landlord lets {{premises}} for {{months}} months from {{startDate}} at {{rent}} a month.';
const VALUES = { premises: 'Room 3, Mill Lane 5', rent: { amountMinor: 45000, currency: 'EUR' }, startDate: '2030-06-01', months: 12 };

beforeAll(async () => {
  t = await startTestApp({ READ_WAIT_MS: '2000' });
  await listen(t);
  const built = await community(t, 3);
  steward = built.steward;
  [lena, tom, carol] = built.members as [TestMember, TestMember, TestMember];
  unverified = await registerMember(t, 'unverified-uwe');
  await publish(steward, { templateId, version: 1, kind: 'rental', title: 'Room rental', body: BODY, fields: FIELDS }).expect(201);
});

/** The role as a passed grant proposal would record it (test/api/governance-roles-delegation covers that path). */
async function grantArbiter(member: TestMember): Promise<void> {
  const id = randomUUID();
  const type = 'members.RoleGranted';
  await t.app.get<EventStore>(EVENT_STORE).append(
    `member-${member.memberId}`,
    [{ id, type, schemaVersion: schemaVersionOf(type), data: { memberId: member.memberId, role: 'arbiter', grant: { kind: 'proposal', proposalId: randomUUID() } }, meta: { actor: 'system', correlationId: id, causationId: id, occurredAt: t.clock.now().toISOString() } }],
    'any',
  );
}

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

function publish(member: TestMember, fields: PublishTemplateFields) {
  return request(t.server)
    .post('/api/contract-templates')
    .set(auth(member))
    .send({ ...fields, act: actFor(t, member, 'contracts.PublishTemplate', publishTemplateSignedFields(fields)) });
}

function draftBody(parties: TestMember[], change: Partial<DraftContractFields> = {}): DraftContractFields {
  return {
    contractId: randomUUID(),
    templateId,
    templateVersion: 1,
    parties: parties.map((p, i) => ({ memberId: p.memberId, role: i === 0 ? 'landlord' : 'tenant' })),
    signingOrder: 'sequential',
    visibility: 'private',
    values: VALUES,
    salt: randomBytes(32).toString('base64url'),
    ...change,
  };
}

function draft(member: TestMember, fields: DraftContractFields) {
  const { values, ...rest } = fields;
  return request(t.server)
    .post('/api/contracts')
    .set(auth(member))
    .send({ ...rest, fields: values, act: actFor(t, member, 'contracts.DraftContract', draftContractSignedFields(fields)) });
}

/** Drafts through the API and returns the contract with its document hash, as a party reads it. */
async function drafted(member: TestMember, fields: DraftContractFields): Promise<{ contractId: string; sha256: string; document: string }> {
  const response = await draft(member, fields);
  expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
  const doc = await request(t.server).get(`/api/contracts/${fields.contractId}/document`).query({ atPosition: response.body.position }).set(auth(member)).expect(200);
  return { contractId: fields.contractId, sha256: doc.body.sha256, document: doc.body.document };
}

const documentSignature = (privateKey: KeyObject, sha256: string): string => sign(null, documentSigningMessage(sha256), privateKey).toString('base64url');

function signContract(
  member: TestMember,
  contractId: string,
  sha256: string,
  options: { signedHash?: string; statedInAct?: string; documentKey?: KeyObject; actKey?: KeyObject } = {},
) {
  const fields = { contractId, documentSha256: options.statedInAct ?? sha256 };
  return request(t.server)
    .post(`/api/contracts/${contractId}/signatures`)
    .set(auth(member))
    .send({
      documentSha256: sha256,
      signature: documentSignature(options.documentKey ?? member.privateKey, options.signedHash ?? sha256),
      act: options.actKey === undefined ? actFor(t, member, 'contracts.SignContract', fields) : act(t, member, 'contracts.SignContract', fields, { signWith: options.actKey }),
    });
}

const terminate = (member: TestMember, contractId: string) =>
  request(t.server)
    .post(`/api/contracts/${contractId}/termination`)
    .set(auth(member))
    .send({ act: actFor(t, member, 'contracts.TerminateContract', { contractId }) });

const disputeContract = (member: TestMember, contractId: string, reason: string) =>
  request(t.server)
    .post(`/api/contracts/${contractId}/dispute`)
    .set(auth(member))
    .send({ reason, act: actFor(t, member, 'contracts.DisputeContract', { contractId, reason }) });

describe('templates', () => {
  it('publishes a new version as a new event and keeps the published one unchanged', async () => {
    const v2 = await publish(steward, { templateId, version: 2, kind: 'rental', title: 'Room rental (2031)', body: `${BODY}\nNotes: {{notes}}`, fields: FIELDS }).expect(201);
    const v1 = await request(t.server).get(`/api/contract-templates/${templateId}/versions/1`).query({ atPosition: v2.body.position }).expect(200);
    expect(v1.body).toMatchObject({ version: 1, title: 'Room rental', body: BODY, kind: 'rental', fields: FIELDS });
    const list = await request(t.server).get('/api/contract-templates').expect(200);
    expect(list.body.items.filter((i: { templateId: string }) => i.templateId === templateId).map((i: { version: number }) => i.version)).toEqual([1, 2]);
  });

  it('refuses to publish a version again (409), a non-steward (403), and an unknown field type (400 naming it)', async () => {
    const again = { templateId, version: 1, kind: 'rental' as const, title: 'Room rental, changed', body: BODY, fields: FIELDS };
    expectProblem(await refused(() => publish(steward, again)), 409, 'template-version-immutable');
    expectProblem(await refused(() => publish(lena, { ...again, templateId: randomUUID() })), 403, 'not-steward');
    const odd = { ...again, templateId: randomUUID(), fields: [{ name: 'x', label: 'X', type: 'colour', required: true }] } as unknown as PublishTemplateFields;
    expectProblem(await refused(() => publish(steward, odd)), 400, 'validation', ['fields.0.type']);
  });
});

describe('a contract from draft to execution', () => {
  it('drafts, is signed in order by each party’s key over the document hash, executes, and verifies against the log', async () => {
    const fields = draftBody([lena, tom]);
    const { contractId, sha256, document } = await drafted(lena, fields);
    expect(sha256).toBe(documentSha256(document));
    expect(document).toContain('Room 3, Mill Lane 5');
    const onLog = await t.db.pool.query<{ data: unknown; act: unknown }>(`SELECT data, act FROM event_store.events WHERE stream = $1`, [`contract-${contractId}`]);
    expect(onLog.rows[0]!.data).toMatchObject({ documentSha256: sha256, parties: [{ memberId: lena.memberId, role: 'landlord' }, { memberId: tom.memberId, role: 'tenant' }] });
    expect(JSON.stringify(onLog.rows)).not.toContain('Mill Lane');

    // Sequential: tom waits for lena.
    expectProblem(await refused(() => signContract(tom, contractId, sha256)), 422, 'out-of-order');
    const first = await signContract(lena, contractId, sha256).expect(201);
    const awaiting = await request(t.server).get(`/api/members/${tom.memberId}/contracts/awaiting-signature`).query({ atPosition: first.body.position }).expect(200);
    expect(awaiting.body.items.map((c: { contractId: string }) => c.contractId)).toContain(contractId);
    const last = await signContract(tom, contractId, sha256).expect(201);
    expect(last.body.positions).toHaveLength(2);

    const contract = await request(t.server).get(`/api/contracts/${contractId}`).query({ atPosition: last.body.position }).expect(200);
    expect(contract.body).toMatchObject({ status: 'executed', documentSha256: sha256, executedAt: expect.any(String) });

    const uploaded = await request(t.server).post('/api/contracts/verify').set('Content-Type', 'application/octet-stream').send(Buffer.from(document, 'utf8')).expect(200);
    expect(uploaded.body).toMatchObject({
      sha256,
      matches: true,
      contract: {
        contractId,
        status: 'executed',
        signatures: [
          { memberId: lena.memberId, role: 'landlord', signed: true, signedAt: expect.any(String), keyId: lena.keyId },
          { memberId: tom.memberId, role: 'tenant', signed: true, signedAt: expect.any(String), keyId: tom.keyId },
        ],
      },
    });
    const byHash = await request(t.server).post('/api/contracts/verify').send({ sha256 }).expect(200);
    expect(byHash.body).toEqual(uploaded.body);
    const byBase64 = await request(t.server).post('/api/contracts/verify').send({ documentBase64: Buffer.from(document).toString('base64') }).expect(200);
    expect(byBase64.body).toEqual(uploaded.body);
    const tampered = await request(t.server).post('/api/contracts/verify').set('Content-Type', 'text/markdown').send(document.replace('45000', '4500')).expect(200);
    expect(tampered.body).toEqual({ sha256: documentSha256(document.replace('45000', '4500')), matches: false, contract: null });

    // A payment settling it, then a dispute that arbitration picks up.
    const payment = { transactionId: randomUUID(), payerId: tom.memberId, payeeId: lena.memberId, amountMinor: 45000, currency: 'EUR', rail: 'bank-transfer' as const, purpose: 'June rent', contractId };
    await request(t.server)
      .post('/api/transactions')
      .set(auth(tom))
      .send({ ...payment, act: actFor(t, tom, 'records.RecordTransaction', recordTransactionSignedFields({ ...payment, paymentReference: null })) })
      .expect(201);
    await disputeContract(tom, contractId, 'The heating never worked').expect(201);
    const events = await t.db.pool.query<{ type: string; data: unknown }>(`SELECT type, data FROM event_store.events WHERE stream = $1 ORDER BY revision`, [`contract-${contractId}`]);
    expect(events.rows.map((r) => r.type)).toEqual(['contracts.ContractDrafted', 'contracts.ContractSigned', 'contracts.ContractSigned', 'contracts.ContractExecuted', 'contracts.ContractDisputed']);
    expect(events.rows[4]!.data).toEqual({ contractId, disputedBy: tom.memberId, reason: 'The heating never worked' });
    // Arbitration takes the dispute up: a steward names an arbiter who is not a party.
    await grantArbiter(carol);
    const subject = { kind: 'contract' as const, id: contractId };
    const opened = await request(t.server)
      .post('/api/arbitration/cases')
      .set(auth(steward))
      .send({ subject, arbiterId: carol.memberId, act: actFor(t, steward, 'arbitration.OpenCase', openCaseSignedFields({ subject, arbiterId: carol.memberId })) })
      .expect(201);
    const arbitration = (await request(t.server).get(`/api/arbitration/cases/${contractId}`).query({ atPosition: opened.body.position }).expect(200)).body;
    expect(arbitration).toMatchObject({ subject, arbiterId: carol.memberId, disputeReason: 'The heating never worked' });
    // Each signature stays on the log with its key id, and verifies from the log alone with the key registered there.
    for (const [row, party] of [[events.rows[1]!, lena], [events.rows[2]!, tom]] as const) {
      const signed = row.data as { signerId: string; keyId: string; signature: string; documentSha256: string };
      expect(signed).toMatchObject({ signerId: party.memberId, keyId: party.keyId, documentSha256: sha256 });
      expect(documentSignatureVerifies(party.publicKey, sha256, signed.signature)).toBe(true);
    }
  });

  it('signs in parallel in any order, and terminates when every party agrees', async () => {
    const { contractId, sha256 } = await drafted(lena, draftBody([lena, tom], { signingOrder: 'parallel', visibility: 'public' }));
    await signContract(tom, contractId, sha256).expect(201);
    await signContract(lena, contractId, sha256).expect(201);
    // A public document: anyone reads it.
    await request(t.server).get(`/api/contracts/${contractId}/document`).expect(200);
    await terminate(lena, contractId).expect(201);
    expectProblem(await refused(() => terminate(lena, contractId)), 409, 'termination-already-signed');
    const ended = await terminate(tom, contractId).expect(201);
    const contract = await request(t.server).get(`/api/contracts/${contractId}`).query({ atPosition: ended.body.position }).expect(200);
    expect(contract.body).toMatchObject({ status: 'terminated', terminatedAt: expect.any(String) });
  });
});

describe('analysts', () => {
  it('export the contracts and the template versions as CSV, with their signatures counted and no private field value', async () => {
    const { contractId, sha256 } = await drafted(lena, draftBody([lena, tom], { signingOrder: 'parallel' }));
    await signContract(lena, contractId, sha256).expect(201);
    await settle(t);
    const csv = await request(t.server).get('/api/analytics/contracts.csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.contract_id === contractId)).toMatchObject({
      template_id: templateId,
      template_version: '1',
      kind: 'rental',
      drafted_by: lena.memberId,
      parties: '2',
      signatures: '1',
      signing_order: 'parallel',
      visibility: 'private',
      status: 'awaiting-signatures',
      document_sha256: sha256,
    });
    expect(csv.text).not.toContain('Mill Lane');
    const templates = parse((await request(t.server).get('/api/analytics/contract_templates.csv').expect(200)).text, { columns: true }) as Record<string, string>[];
    expect(templates.filter((r) => r.template_id === templateId).map((r) => [r.version, r.kind])).toEqual([
      ['1', 'rental'],
      ['2', 'rental'],
    ]);
  });
});

describe('what the API refuses, writing nothing', () => {
  let contractId: string;
  let sha256: string;
  beforeAll(async () => {
    ({ contractId, sha256 } = await drafted(lena, draftBody([lena, tom], { signingOrder: 'parallel' })));
  });

  it('refuses a member who is not a party (403)', async () => {
    expectProblem(await refused(() => signContract(carol, contractId, sha256)), 403, 'not-a-party');
  });

  it('refuses a signature over a hash that is not the contract’s (422), and a document signature over another hash than stated (401)', async () => {
    const other = documentSha256('another document');
    expectProblem(await refused(() => signContract(tom, contractId, other)), 422, 'document-hash-mismatch');
    expectProblem(await refused(() => signContract(tom, contractId, sha256, { signedHash: other })), 401, 'bad-document-signature');
  });

  it('refuses a document signature by a key that is not the signer’s registered key (401), even the other party’s, and an act by such a key (401)', async () => {
    expectProblem(await refused(() => signContract(tom, contractId, sha256, { documentKey: newKey().privateKey })), 401, 'bad-document-signature');
    expectProblem(await refused(() => signContract(tom, contractId, sha256, { documentKey: lena.privateKey })), 401, 'bad-document-signature');
    expectProblem(await refused(() => signContract(tom, contractId, sha256, { documentKey: newKey().privateKey, actKey: newKey().privateKey })), 401, 'bad-signature');
  });

  it('keeps a private document from anyone but the parties', async () => {
    expectProblem(await request(t.server).get(`/api/contracts/${contractId}/document`), 401, 'missing-token');
    expectProblem(await request(t.server).get(`/api/contracts/${contractId}/document`).set(auth(carol)), 403, 'not-a-party');
  });

  it.each([
    ['a missing required field', { premises: 'Room 3', rent: VALUES.rent, startDate: '2030-06-01' }, 'fields.months'],
    ['money that is not { amountMinor, currency }', { ...VALUES, rent: 450 }, 'fields.rent'],
    ['money in an unknown currency', { ...VALUES, rent: { amountMinor: 45000, currency: 'EUX' } }, 'fields.rent'],
    ['a negative amount of money', { ...VALUES, rent: { amountMinor: -45000, currency: 'EUR' } }, 'fields.rent'],
    ['an amount of money that is not an integer', { ...VALUES, rent: { amountMinor: 450.5, currency: 'EUR' } }, 'fields.rent'],
    ['an impossible date', { ...VALUES, startDate: '2030-13-01' }, 'fields.startDate'],
    ['a field the template does not have', { ...VALUES, pets: 'cat' }, 'fields.pets'],
  ])('refuses %s with 400 naming the field', async (_label, values, field) => {
    expectProblem(await refused(() => draft(lena, draftBody([lena, tom], { values }))), 400, 'validation', [field]);
  });

  it('refuses a bad signing order with 400 naming it, and one party only with 400 naming parties', async () => {
    expectProblem(await refused(() => draft(lena, draftBody([lena, tom], { signingOrder: 'whenever' as 'parallel' }))), 400, 'validation', ['signingOrder']);
    expectProblem(await refused(() => draft(lena, draftBody([lena]))), 400, 'validation', ['parties']);
  });

  it('refuses an unverified drafter and an unverified party (422), a template version not published (404)', async () => {
    expectProblem(await refused(() => draft(unverified, draftBody([unverified, tom]))), 422, 'member-not-verified');
    expectProblem(await refused(() => draft(lena, draftBody([lena, unverified]))), 422, 'party-not-verified');
    expectProblem(await refused(() => draft(lena, draftBody([lena, tom], { templateVersion: 9 }))), 404, 'template-version-not-found');
  });

  it('refuses disputing a contract that is not executed (422), and verifying without a document or hash (400)', async () => {
    expectProblem(await refused(() => disputeContract(tom, contractId, 'Too early')), 422, 'contract-not-executed');
    expectProblem(await request(t.server).post('/api/contracts/verify').send({}), 400, 'validation', ['sha256']);
    expectProblem(await request(t.server).post('/api/contracts/verify').send({ sha256: 'xyz' }), 400, 'validation', ['sha256']);
  });
});
