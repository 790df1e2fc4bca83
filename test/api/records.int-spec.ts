import { randomBytes, randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import request, { type Response } from 'supertest';
import { recordTransactionSignedFields, type RecordTransactionFields } from '../../src/commands/records/record-transaction/record-transaction.handler.js';
import { referenceCommitment } from '../../src/commands/records/payment-reference.js';
import { actFor, community, registerMember, type TestMember } from '../support/members.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { act, auth, expectProblem, listen, newKey, settle, writes } from './api-helpers.js';

let t: TestApp;
let alice: TestMember;
let bob: TestMember;
let carol: TestMember;
/** Registered with a key, never verified. */
let unverified: TestMember;

beforeAll(async () => {
  t = await startTestApp({ READ_WAIT_MS: '2000' });
  await listen(t);
  const built = await community(t, 3);
  [alice, bob, carol] = built.members as [TestMember, TestMember, TestMember];
  unverified = await registerMember(t, 'unverified-ulla');
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

type Body = Omit<RecordTransactionFields, 'paymentReference'> & { paymentReference?: string; referenceSalt?: string };

function payment(payer: TestMember, payee: TestMember, change: Partial<Body> = {}): Body {
  return {
    transactionId: randomUUID(),
    payerId: payer.memberId,
    payeeId: payee.memberId,
    amountMinor: 1250,
    currency: 'EUR',
    rail: 'sepa',
    purpose: 'Seeds for the community garden',
    contractId: null,
    paymentReference: 'SEPA-2030-0001',
    referenceSalt: randomBytes(32).toString('base64url'),
    ...change,
  };
}

const signedFields = (body: Body) =>
  recordTransactionSignedFields({
    ...body,
    contractId: body.contractId ?? null,
    paymentReference: body.paymentReference === undefined ? null : { reference: body.paymentReference, salt: body.referenceSalt! },
  });

type Act = { keyId: string; issuedAt: string; nonce: string; signature: string };

function record(recorder: TestMember, body: Body, actBody: Act = actFor(t, recorder, 'records.RecordTransaction', signedFields(body))) {
  return request(t.server).post('/api/transactions').set(auth(recorder)).send({ ...body, act: actBody });
}

const confirm = (member: TestMember, transactionId: string) =>
  request(t.server)
    .post(`/api/transactions/${transactionId}/confirmation`)
    .set(auth(member))
    .send({ act: actFor(t, member, 'records.ConfirmTransaction', { transactionId }) });

const dispute = (member: TestMember, transactionId: string, reason: string) =>
  request(t.server)
    .post(`/api/transactions/${transactionId}/dispute`)
    .set(auth(member))
    .send({ reason, act: actFor(t, member, 'records.DisputeTransaction', { transactionId, reason }) });

async function recorded(recorder: TestMember, body: Body): Promise<number> {
  const response = await record(recorder, body);
  expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
  return response.body.position;
}

describe('transaction records through the API', () => {
  it('records a payment, shows it unconfirmed, then confirmed by the counterparty, with totals per currency', async () => {
    const body = payment(alice, bob);
    const position = await recorded(alice, body);
    const unconfirmed = await request(t.server).get(`/api/transactions/${body.transactionId}`).query({ atPosition: position }).expect(200);
    expect(unconfirmed.body).toMatchObject({
      transactionId: body.transactionId,
      recordedBy: alice.memberId,
      payerId: alice.memberId,
      payeeId: bob.memberId,
      amountMinor: 1250,
      currency: 'EUR',
      rail: 'sepa',
      status: 'recorded',
      confirmed: false,
      referenceCommitment: referenceCommitment({ reference: 'SEPA-2030-0001', salt: body.referenceSalt! }),
    });

    const confirmation = await confirm(bob, body.transactionId).expect(201);
    const shown = await request(t.server).get(`/api/transactions/${body.transactionId}`).query({ atPosition: confirmation.body.position }).expect(200);
    expect(shown.body).toMatchObject({ status: 'confirmed', confirmed: true, answeredBy: bob.memberId });

    const totals = await request(t.server).get(`/api/members/${bob.memberId}/transaction-totals`).query({ atPosition: confirmation.body.position }).expect(200);
    expect(totals.body.items).toContainEqual({ currency: 'EUR', confirmed: { paid: 0, received: 1250 }, unconfirmed: { paid: 0, received: 0 }, disputed: { paid: 0, received: 0 } });
    const list = await request(t.server).get(`/api/members/${alice.memberId}/transactions`).query({ status: 'confirmed' }).expect(200);
    expect(list.body.items.map((i: { transactionId: string }) => i.transactionId)).toContain(body.transactionId);
  });

  it('keeps the payment reference off the log, and shows it to the payer and payee only', async () => {
    const body = payment(carol, alice, { paymentReference: 'UPI-REF-777', currency: 'INR', rail: 'upi' });
    const position = await recorded(carol, body);
    const { rows } = await t.db.pool.query<{ data: unknown; act: unknown }>(`SELECT data, act FROM event_store.events WHERE stream = $1`, [`transaction-${body.transactionId}`]);
    expect(JSON.stringify(rows)).not.toContain('UPI-REF-777');
    const seen = await request(t.server).get(`/api/transactions/${body.transactionId}/payment-reference`).query({ atPosition: position }).set(auth(alice)).expect(200);
    expect(seen.body).toEqual({ reference: 'UPI-REF-777', salt: body.referenceSalt, commitment: referenceCommitment({ reference: 'UPI-REF-777', salt: body.referenceSalt! }) });
    expectProblem(await request(t.server).get(`/api/transactions/${body.transactionId}/payment-reference`).set(auth(bob)), 403, 'not-a-party');
  });

  it('records a dispute by the counterparty as records.TransactionDisputed, listed among the open disputes', async () => {
    const body = payment(bob, alice, { amountMinor: 50000, currency: 'USD', rail: 'ach', paymentReference: undefined, referenceSalt: undefined });
    await recorded(alice, body);
    const response = await dispute(bob, body.transactionId, 'I never paid this').expect(201);
    const { rows } = await t.db.pool.query<{ type: string; data: unknown }>(`SELECT type, data FROM event_store.events WHERE stream = $1 ORDER BY revision`, [
      `transaction-${body.transactionId}`,
    ]);
    expect(rows.map((r) => r.type)).toEqual(['records.TransactionRecorded', 'records.TransactionDisputed']);
    expect(rows[1]!.data).toEqual({ transactionId: body.transactionId, disputedBy: bob.memberId, reason: 'I never paid this' });
    const disputes = await request(t.server).get('/api/transactions/disputes').query({ atPosition: response.body.position }).expect(200);
    expect(disputes.body.items).toContainEqual(expect.objectContaining({ transactionId: body.transactionId, status: 'disputed', disputeReason: 'I never paid this' }));
    expect((await request(t.server).get(`/api/transactions/${body.transactionId}`).expect(200)).body.referenceCommitment).toBeNull();
  });
});

describe('analysts', () => {
  it('export the records as CSV with amounts, currency, rail and status, never the payment reference or its commitment', async () => {
    const confirmed = payment(bob, carol, { amountMinor: 98765, currency: 'INR', rail: 'upi', paymentReference: 'UPI-CSV-4242' });
    await recorded(bob, confirmed);
    await confirm(carol, confirmed.transactionId).expect(201);
    const open = payment(carol, bob, { amountMinor: 300, currency: 'JPY', rail: 'cash', paymentReference: undefined, referenceSalt: undefined });
    await recorded(carol, open);
    await settle(t);

    const csv = await request(t.server).get('/api/analytics/transaction_records.csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.transaction_id === confirmed.transactionId)).toMatchObject({
      recorded_by: bob.memberId,
      payer_id: bob.memberId,
      payee_id: carol.memberId,
      amount_minor: '98765',
      currency: 'INR',
      rail: 'upi',
      status: 'confirmed',
      answered_by: carol.memberId,
    });
    expect(rows.find((r) => r.transaction_id === open.transactionId)).toMatchObject({ amount_minor: '300', currency: 'JPY', rail: 'cash', status: 'recorded', answered_by: '' });
    expect(csv.text).not.toContain('UPI-CSV-4242');
    expect(csv.text).not.toContain(referenceCommitment({ reference: 'UPI-CSV-4242', salt: confirmed.referenceSalt! }));

    const volume = parse((await request(t.server).get('/api/analytics/transaction_volume_by_month.csv').expect(200)).text, { columns: true }) as Record<string, string>[];
    expect(volume.find((r) => r.currency === 'JPY' && r.rail === 'cash')).toMatchObject({ records: '1', confirmed: '0', confirmed_minor: '0', unconfirmed_minor: '300' });
  });
});

describe('what the API refuses, writing nothing', () => {
  it('refuses the recorder confirming their own record (422), and a member who is not a party (403)', async () => {
    const body = payment(alice, bob);
    await recorded(alice, body);
    expectProblem(await refused(() => confirm(alice, body.transactionId)), 422, 'own-record');
    expectProblem(await refused(() => confirm(carol, body.transactionId)), 403, 'not-a-party');
    expectProblem(await refused(() => dispute(carol, body.transactionId, 'Not mine')), 403, 'not-a-party');
  });

  it('refuses a second answer', async () => {
    const body = payment(alice, bob);
    await recorded(alice, body);
    await confirm(bob, body.transactionId).expect(201);
    expectProblem(await refused(() => confirm(bob, body.transactionId)), 409, 'already-confirmed');
    expectProblem(await refused(() => dispute(bob, body.transactionId, 'Changed my mind')), 422, 'already-confirmed');
  });

  it('refuses an unverified recorder and an unverified counterparty', async () => {
    expectProblem(await refused(() => record(unverified, payment(unverified, alice))), 422, 'member-not-verified');
    expectProblem(await refused(() => record(alice, payment(alice, unverified))), 422, 'counterparty-not-verified');
  });

  it('refuses a record between two other members', async () => {
    expectProblem(await refused(() => record(carol, payment(alice, bob))), 403, 'not-a-party');
  });

  it.each([
    ['a negative amount', { amountMinor: -100 }, 'amountMinor'],
    ['a zero amount', { amountMinor: 0 }, 'amountMinor'],
    ['an amount that is not an integer', { amountMinor: 12.5 }, 'amountMinor'],
    ['an amount given as a string', { amountMinor: '1250' as unknown as number }, 'amountMinor'],
    ['an unknown currency', { currency: 'EUX' }, 'currency'],
    ['a currency in lower case', { currency: 'eur' }, 'currency'],
    ['an unknown rail', { rail: 'carrier-pigeon' as 'cash' }, 'rail'],
    ['an empty purpose', { purpose: '' }, 'purpose'],
    ['a payer id that is not a UUID', { payerId: 'alice' }, 'payerId'],
    ['a reference without its salt', { referenceSalt: undefined }, 'referenceSalt'],
    ['a salt that is not 32 bytes', { referenceSalt: 'c2FsdA' }, 'referenceSalt'],
  ])('refuses %s with 400 naming the field', async (_label, change, field) => {
    const body = payment(alice, bob, change);
    const signed = act(t, alice, 'records.RecordTransaction', { ...body });
    expectProblem(await refused(() => record(alice, body, signed)), 400, 'validation', [field]);
  });

  it('refuses a payment to oneself with 400 naming payeeId', async () => {
    expectProblem(await refused(() => record(alice, payment(alice, alice))), 400, 'validation', ['payeeId']);
  });

  it('refuses a signature by a key that is not the recorder’s (401), and an act signed for other figures (401)', async () => {
    const body = payment(alice, bob);
    const forged = act(t, alice, 'records.RecordTransaction', signedFields(body), { signWith: newKey().privateKey });
    expectProblem(await refused(() => record(alice, body, forged)), 401, 'bad-signature');
    const other = actFor(t, alice, 'records.RecordTransaction', signedFields({ ...body, amountMinor: 1 }));
    // The server rebuilds the signed command from the request: an act for other figures does not verify.
    expectProblem(await refused(() => record(alice, body, other)), 401, 'bad-signature');
  });

  it('refuses settling a contract that does not exist (404)', async () => {
    expectProblem(await refused(() => record(alice, payment(alice, bob, { contractId: randomUUID() }))), 404, 'contract-not-found');
  });

  it('refuses answering a transaction that does not exist (404)', async () => {
    expectProblem(await refused(() => confirm(bob, randomUUID())), 404, 'transaction-not-found');
  });
});
