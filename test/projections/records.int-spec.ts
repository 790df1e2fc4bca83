import type { EventEnvelope } from '../../src/events/envelope.js';
import { arbitrationProjection } from '../../src/projections/arbitration/arbitration.projection.js';
import { transactionRecordsProjection } from '../../src/projections/records/transaction-records.projection.js';
import { getTransaction, listMemberTransactions, listOpenDisputes, memberTotals } from '../../src/read-models/records/transaction-queries.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { applyBatch, applyBatches, install, snapshot, truncate, installAnalytics } from './support/db.js';
import { chunk, EventLog, newId } from './support/events.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  // Open disputes leave out those arbitration has decided: the query reads its cases too.
  await install(db.pool, transactionRecordsProjection, arbitrationProjection);
  await installAnalytics(db.pool);
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await truncate(db.pool, transactionRecordsProjection);
});

const [ana, bo, cy] = [newId(), newId(), newId()];

function recorded(log: EventLog, t: { id: string; by: string; payer: string; payee: string; amount: number; currency: string }): EventEnvelope {
  return log.append(`transaction-${t.id}`, 'records.TransactionRecorded', {
    transactionId: t.id,
    recordedBy: t.by,
    payerId: t.payer,
    payeeId: t.payee,
    amountMinor: t.amount,
    currency: t.currency,
    rail: 'sepa',
    purpose: 'Garden tools',
    contractId: null,
    referenceCommitment: 'cd'.repeat(32),
  });
}
const confirmed = (log: EventLog, id: string, by: string) => log.append(`transaction-${id}`, 'records.TransactionConfirmed', { transactionId: id, confirmedBy: by });
const disputed = (log: EventLog, id: string, by: string, reason = 'Not received') =>
  log.append(`transaction-${id}`, 'records.TransactionDisputed', { transactionId: id, disputedBy: by, reason });

/** Ana pays Bo 10.00 EUR (confirmed) and 2.50 EUR (unconfirmed); Bo pays Ana 500 INR (disputed by Ana); Cy pays Ana 1 EUR. */
function history(): { log: EventLog; ids: string[] } {
  const log = new EventLog(100);
  const ids = [newId(), newId(), newId(), newId()];
  recorded(log, { id: ids[0]!, by: ana, payer: ana, payee: bo, amount: 1000, currency: 'EUR' });
  recorded(log, { id: ids[1]!, by: ana, payer: ana, payee: bo, amount: 250, currency: 'EUR' });
  confirmed(log, ids[0]!, bo);
  recorded(log, { id: ids[2]!, by: bo, payer: bo, payee: ana, amount: 500, currency: 'INR' });
  disputed(log, ids[2]!, ana);
  recorded(log, { id: ids[3]!, by: ana, payer: cy, payee: ana, amount: 100, currency: 'EUR' });
  return { log, ids };
}

describe('transaction records projection', () => {
  it('declares what it handles and owns', () => {
    expect(transactionRecordsProjection).toMatchObject({ name: 'transaction-records', version: 1, tables: ['transaction_records'] });
    expect([...transactionRecordsProjection.handles].sort()).toEqual(['records.TransactionConfirmed', 'records.TransactionDisputed', 'records.TransactionRecorded']);
  });

  it('shows each record with its answer: unconfirmed, confirmed, disputed with the reason', async () => {
    const { log, ids } = history();
    await applyBatch(db.pool, transactionRecordsProjection, log.events);
    expect(await getTransaction(db.pool, ids[0]!)).toMatchObject({ status: 'confirmed', confirmed: true, answeredBy: bo, amountMinor: 1000, currency: 'EUR', position: 100 });
    expect(await getTransaction(db.pool, ids[1]!)).toMatchObject({ status: 'recorded', confirmed: false, answeredBy: null, answeredAt: null });
    expect(await getTransaction(db.pool, ids[2]!)).toMatchObject({ status: 'disputed', confirmed: false, answeredBy: ana, disputeReason: 'Not received' });
    expect(await getTransaction(db.pool, newId())).toBeUndefined();
  });

  it('totals a member’s payments per currency, split by confirmation', async () => {
    await applyBatch(db.pool, transactionRecordsProjection, history().log.events);
    expect(await memberTotals(db.pool, ana)).toEqual([
      { currency: 'EUR', confirmed: { paid: 1000, received: 0 }, unconfirmed: { paid: 250, received: 100 }, disputed: { paid: 0, received: 0 } },
      { currency: 'INR', confirmed: { paid: 0, received: 0 }, unconfirmed: { paid: 0, received: 0 }, disputed: { paid: 0, received: 500 } },
    ]);
    expect(await memberTotals(db.pool, newId())).toEqual([]);
  });

  it('lists a member’s records newest first, by status, and the open disputes', async () => {
    const { log, ids } = history();
    await applyBatch(db.pool, transactionRecordsProjection, log.events);
    const all = await listMemberTransactions(db.pool, bo, { limit: 50, offset: 0 });
    expect(all.total).toBe(3);
    expect(all.items.map((t) => t.transactionId)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await listMemberTransactions(db.pool, ana, { limit: 50, offset: 0, status: 'recorded' })).items.map((t) => t.transactionId)).toEqual([ids[3], ids[1]]);
    expect(await listOpenDisputes(db.pool, { limit: 10, offset: 0 })).toEqual({ total: 1, items: [expect.objectContaining({ transactionId: ids[2], status: 'disputed' })] });
  });

  it('builds the same rows whatever the batch sizes, with a constant number of queries per batch', async () => {
    const { log } = history();
    const counts = await applyBatches(db.pool, transactionRecordsProjection, [log.events]);
    const whole = await snapshot(db.pool, transactionRecordsProjection.tables);
    await truncate(db.pool, transactionRecordsProjection);
    const smallCounts = await applyBatches(db.pool, transactionRecordsProjection, chunk(log.events, [1, 2, 3]));
    expect(await snapshot(db.pool, transactionRecordsProjection.tables)).toEqual(whole);
    expect(counts).toEqual([2]);
    expect(Math.max(...smallCounts)).toBeLessThanOrEqual(2);
  });

  it('serves analysts a view of the records and the monthly volume per currency and rail', async () => {
    await applyBatch(db.pool, transactionRecordsProjection, history().log.events);
    const { rows } = await db.pool.query(`SELECT month::text, currency, rail, records, confirmed, disputed, confirmed_minor::int, unconfirmed_minor::int
                                            FROM analytics.transaction_volume_by_month ORDER BY currency`);
    expect(rows).toEqual([
      { month: '2026-01-01', currency: 'EUR', rail: 'sepa', records: 3, confirmed: 1, disputed: 0, confirmed_minor: 1000, unconfirmed_minor: 350 },
      { month: '2026-01-01', currency: 'INR', rail: 'sepa', records: 1, confirmed: 0, disputed: 1, confirmed_minor: 0, unconfirmed_minor: 0 },
    ]);
    const columns = await db.pool.query(`SELECT * FROM analytics.transaction_records LIMIT 1`);
    expect(columns.fields.map((f) => f.name)).not.toContain('reference_commitment');
  });

  it('ignores a batch applied twice, and answers that cannot happen', async () => {
    const { log, ids } = history();
    await applyBatch(db.pool, transactionRecordsProjection, log.events);
    const once = await snapshot(db.pool, transactionRecordsProjection.tables);
    await applyBatch(db.pool, transactionRecordsProjection, log.events);
    expect(await snapshot(db.pool, transactionRecordsProjection.tables)).toEqual(once);
    // A confirmation after the dispute, and an answer to a record that does not exist.
    await applyBatch(db.pool, transactionRecordsProjection, [confirmed(log, ids[2]!, ana), confirmed(log, newId(), ana)]);
    expect(await snapshot(db.pool, transactionRecordsProjection.tables)).toEqual(once);
  });
});
