import { arbitrationProjection } from '../../src/projections/arbitration/arbitration.projection.js';
import { getCase, listCases } from '../../src/read-models/arbitration/arbitration-queries.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { applyBatch, applyBatches, install, snapshot, truncate, installAnalytics } from './support/db.js';
import { chunk, EventLog, newId } from './support/events.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await install(db.pool, arbitrationProjection);
  await installAnalytics(db.pool);
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await truncate(db.pool, arbitrationProjection);
});

function history() {
  const log = new EventLog(10);
  const [t1, k1, a, b, arb, steward] = Array.from({ length: 6 }, newId);
  const s1 = `arbitration-case-${t1}`;
  log.append(s1, 'arbitration.CaseOpened', { caseId: t1, subject: { kind: 'transaction', id: t1 }, parties: [a, b], disputedBy: b, disputeReason: 'Never received.', openedBy: b }, b);
  log.append(s1, 'arbitration.ArbiterAssigned', { caseId: t1, arbiterId: arb, assignedBy: b, rule: 'fewest-open-cases' }, b);
  log.append(s1, 'arbitration.StatementSubmitted', { caseId: t1, partyId: a, statement: 'Paid.', revision: 1 }, a);
  log.append(s1, 'arbitration.StatementSubmitted', { caseId: t1, partyId: b, statement: 'Not received.', revision: 1 }, b);
  log.append(s1, 'arbitration.StatementSubmitted', { caseId: t1, partyId: a, statement: 'Paid; receipt attached.', revision: 2 }, a);
  log.append(s1, 'arbitration.CaseDecided', { caseId: t1, arbiterId: arb, outcome: 'rejected', rationale: 'The receipt is genuine.' }, arb);
  const s2 = `arbitration-case-${k1}`;
  log.append(s2, 'arbitration.CaseOpened', { caseId: k1, subject: { kind: 'contract', id: k1 }, parties: [a, b], disputedBy: a, disputeReason: 'Rent unpaid.', openedBy: steward }, steward);
  log.append(s2, 'arbitration.ArbiterAssigned', { caseId: k1, arbiterId: arb, assignedBy: steward, rule: 'named-by-steward' }, steward);
  log.other();
  return { log, t1: t1!, k1: k1!, a: a!, b: b!, arb: arb! };
}

describe('arbitration projection', () => {
  it('declares what it handles and owns', () => {
    expect(arbitrationProjection).toMatchObject({ name: 'arbitration', version: 1 });
    expect(arbitrationProjection.tables).toEqual(['arbitration_cases', 'arbitration_statements']);
  });

  it('builds cases with their arbiter, statements (latest revision standing) and decision', async () => {
    const h = history();
    await applyBatch(db.pool, arbitrationProjection, h.log.events);
    expect(await getCase(db.pool, h.t1)).toMatchObject({
      subject: { kind: 'transaction', id: h.t1 },
      parties: [h.a, h.b],
      arbiterId: h.arb,
      assignmentRule: 'fewest-open-cases',
      status: 'decided',
      decision: { outcome: 'rejected', rationale: 'The receipt is genuine.' },
      statements: [
        expect.objectContaining({ partyId: h.a, revision: 2, statement: 'Paid; receipt attached.' }),
        expect.objectContaining({ partyId: h.b, revision: 1 }),
      ],
    });
    expect((await getCase(db.pool, h.t1))!.history).toHaveLength(3);
    expect(await getCase(db.pool, h.k1)).toMatchObject({ status: 'open', decision: null, assignmentRule: 'named-by-steward', statements: [] });
    expect((await listCases(db.pool, 'open', { limit: 10, offset: 0 })).items.map((c) => c.caseId)).toEqual([h.k1]);
    expect((await listCases(db.pool, undefined, { limit: 10, offset: 0 })).total).toBe(2);
    const view = await db.pool.query('SELECT case_id, outcome, statements FROM analytics.arbitration_cases ORDER BY opened_at');
    expect(view.rows).toEqual([
      { case_id: h.t1, outcome: 'rejected', statements: 3 },
      { case_id: h.k1, outcome: null, statements: 0 },
    ]);
  });

  it('builds the same rows whatever the batch sizes, and replaying a batch changes nothing', async () => {
    const h = history();
    await applyBatches(db.pool, arbitrationProjection, [h.log.events]);
    const whole = await snapshot(db.pool, arbitrationProjection.tables);
    await truncate(db.pool, arbitrationProjection);
    await applyBatches(db.pool, arbitrationProjection, chunk(h.log.events, [1, 3]));
    expect(await snapshot(db.pool, arbitrationProjection.tables)).toEqual(whole);
    await applyBatches(db.pool, arbitrationProjection, chunk(h.log.events, [2]));
    expect(await snapshot(db.pool, arbitrationProjection.tables)).toEqual(whole);
  });
});
