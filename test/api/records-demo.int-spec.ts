import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { listen, settle } from './api-helpers.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ DEMO_SEED: 'true' });
  await listen(t);
  await settle(t);
});

afterAll(async () => {
  await t?.close();
});

describe('the demo community’s records and contracts', () => {
  it('holds a published template, an executed contract, a confirmed payment settling it, an unconfirmed one, and a disputed one decided in arbitration', async () => {
    const { rows } = await t.db.pool.query<{ member_id: string; handle: string }>('SELECT member_id, handle FROM read_models.members');
    const id = new Map(rows.map((r) => [r.handle, r.member_id]));

    const templates = (await request(t.server).get('/api/contract-templates').expect(200)).body;
    expect(templates.items).toEqual([expect.objectContaining({ version: 1, kind: 'rental', publishedBy: id.get('asha') })]);

    const contracts = (await request(t.server).get('/api/contracts').query({ status: 'executed' }).expect(200)).body;
    expect(contracts.total).toBe(1);
    const contract = contracts.items[0];
    expect(contract.parties.map((p: { memberId: string; signature: unknown }) => [p.memberId, p.signature !== null])).toEqual([
      [id.get('ben'), true],
      [id.get('chen'), true],
    ]);
    const verified = (await request(t.server).post('/api/contracts/verify').send({ sha256: contract.documentSha256 }).expect(200)).body;
    expect(verified).toMatchObject({ matches: true, contract: { contractId: contract.contractId, status: 'executed' } });

    const chens = (await request(t.server).get(`/api/members/${id.get('chen')}/transactions`).expect(200)).body;
    expect(chens.items).toEqual([expect.objectContaining({ status: 'confirmed', contractId: contract.contractId, currency: 'EUR', amountMinor: 4500 })]);
    const daras = (await request(t.server).get(`/api/members/${id.get('dara')}/transactions`).expect(200)).body;
    expect(daras.items).toEqual([expect.objectContaining({ status: 'disputed', payerId: id.get('dara'), payeeId: id.get('eli'), answeredBy: id.get('eli'), currency: 'INR' })]);
    const hanas = (await request(t.server).get(`/api/members/${id.get('hana')}/transactions`).expect(200)).body;
    expect(hanas.items).toEqual([expect.objectContaining({ status: 'recorded', confirmed: false, payeeId: id.get('gus'), rail: 'cash', amountMinor: 1800 })]);
    // farah decided the demo's arbitration case on it: the record stays disputed, the dispute is no longer open.
    const disputes = (await request(t.server).get('/api/transactions/disputes').expect(200)).body;
    expect(disputes).toEqual({ items: [], total: 0 });
  });
});
