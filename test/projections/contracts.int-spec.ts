import type { EventEnvelope } from '../../src/events/envelope.js';
import { contractsProjection } from '../../src/projections/contracts/contracts.projection.js';
import { awaitingSignatureOf, contractsByDocument, getContract, getTemplateVersion, listContracts, listTemplates } from '../../src/read-models/contracts/contract-queries.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { applyBatch, applyBatches, install, snapshot, truncate, installAnalytics } from './support/db.js';
import { chunk, EventLog, newId } from './support/events.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await install(db.pool, contractsProjection);
  await installAnalytics(db.pool);
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await truncate(db.pool, contractsProjection);
});

const [steward, lena, tom, uma] = [newId(), newId(), newId(), newId()];
const template = newId();
const FIELDS = [{ name: 'premises', label: 'Premises', type: 'string', required: true }];
const hashOf = (n: number): string => n.toString(16).padStart(2, '0').repeat(32);
const SIG = 'S'.repeat(86);

const published = (log: EventLog, version: number, title = 'Room rental'): EventEnvelope =>
  log.append(`contract-template-${template}`, 'contracts.TemplateVersionPublished', { templateId: template, version, kind: 'rental', title, body: 'Lets {{premises}}.', fields: FIELDS, publishedBy: steward }, steward);
const drafted = (log: EventLog, id: string, parties: string[], signingOrder: 'parallel' | 'sequential', hash: string): EventEnvelope =>
  log.append(`contract-${id}`, 'contracts.ContractDrafted', {
    contractId: id,
    templateId: template,
    templateVersion: 1,
    draftedBy: parties[0],
    parties: parties.map((memberId, i) => ({ memberId, role: `role-${i}` })),
    signingOrder,
    visibility: 'private',
    documentSha256: hash,
  });
const signed = (log: EventLog, id: string, signerId: string, hash: string) =>
  log.append(`contract-${id}`, 'contracts.ContractSigned', { contractId: id, signerId, documentSha256: hash, keyId: `key-${signerId.slice(0, 8)}`, signature: SIG }, signerId);
const executed = (log: EventLog, id: string, hash: string) => log.append(`contract-${id}`, 'contracts.ContractExecuted', { contractId: id, documentSha256: hash });

/** k1: lena and tom, parallel, executed then disputed by tom. k2: lena, tom, uma in sequence, lena signed. k3: tom and uma, terminated. */
function history(): { log: EventLog; k1: string; k2: string; k3: string } {
  const log = new EventLog(10);
  const [k1, k2, k3] = [newId(), newId(), newId()];
  published(log, 1);
  published(log, 2, 'Room rental (2031)');
  drafted(log, k1, [lena, tom], 'parallel', hashOf(1));
  signed(log, k1, tom, hashOf(1));
  drafted(log, k2, [lena, tom, uma], 'sequential', hashOf(2));
  signed(log, k1, lena, hashOf(1));
  executed(log, k1, hashOf(1));
  signed(log, k2, lena, hashOf(2));
  log.append(`contract-${k1}`, 'contracts.ContractDisputed', { contractId: k1, disputedBy: tom, reason: 'No heating' }, tom);
  drafted(log, k3, [tom, uma], 'parallel', hashOf(3));
  signed(log, k3, tom, hashOf(3));
  signed(log, k3, uma, hashOf(3));
  executed(log, k3, hashOf(3));
  log.append(`contract-${k3}`, 'contracts.ContractTerminationSigned', { contractId: k3, signerId: uma });
  log.append(`contract-${k3}`, 'contracts.ContractTerminationSigned', { contractId: k3, signerId: tom });
  log.append(`contract-${k3}`, 'contracts.ContractTerminated', { contractId: k3 });
  return { log, k1, k2, k3 };
}

describe('contracts projection', () => {
  it('declares what it handles and owns', () => {
    expect(contractsProjection).toMatchObject({ name: 'contracts', version: 1, tables: ['contract_templates', 'contracts'] });
    expect(contractsProjection.handles).toHaveLength(7);
  });

  it('keeps every template version as published', async () => {
    const { log } = history();
    await applyBatch(db.pool, contractsProjection, log.events);
    expect((await listTemplates(db.pool, { limit: 10, offset: 0 })).items.map((t) => [t.version, t.title])).toEqual([
      [1, 'Room rental'],
      [2, 'Room rental (2031)'],
    ]);
    expect(await getTemplateVersion(db.pool, template, 1)).toMatchObject({ kind: 'rental', body: 'Lets {{premises}}.', fields: FIELDS, publishedBy: steward, position: 10 });
  });

  it('shows who signed when, execution, dispute and termination', async () => {
    const { log, k1, k2, k3 } = history();
    await applyBatch(db.pool, contractsProjection, log.events);
    const c1 = await getContract(db.pool, k1);
    expect(c1).toMatchObject({ status: 'disputed', disputedBy: tom, disputeReason: 'No heating', documentSha256: hashOf(1), executedAt: expect.any(String) });
    expect(c1!.parties.map((p) => [p.memberId, p.signature?.position])).toEqual([
      [lena, 15],
      [tom, 13],
    ]);
    expect(await getContract(db.pool, k2)).toMatchObject({ status: 'awaiting-signatures', executedAt: null });
    expect(await getContract(db.pool, k3)).toMatchObject({ status: 'terminated', terminatedAt: expect.any(String) });
    expect((await listContracts(db.pool, { limit: 10, offset: 0, status: 'terminated' })).items.map((c) => c.contractId)).toEqual([k3]);
  });

  it('finds a contract by its document hash, and the contracts awaiting a member’s signature in turn', async () => {
    const { log, k2 } = history();
    await applyBatch(db.pool, contractsProjection, log.events);
    expect((await contractsByDocument(db.pool, hashOf(2))).map((c) => c.contractId)).toEqual([k2]);
    expect(await contractsByDocument(db.pool, hashOf(9))).toEqual([]);
    // Sequential: lena signed, so it is tom's turn; uma waits for tom.
    expect((await awaitingSignatureOf(db.pool, tom)).map((c) => c.contractId)).toEqual([k2]);
    expect(await awaitingSignatureOf(db.pool, uma)).toEqual([]);
    expect(await awaitingSignatureOf(db.pool, lena)).toEqual([]);
  });

  it('serves analysts a view of the contracts with their template kind and signature counts', async () => {
    const { log, k2 } = history();
    await applyBatch(db.pool, contractsProjection, log.events);
    const { rows } = await db.pool.query(`SELECT kind, parties, signatures, status FROM analytics.contracts WHERE contract_id = $1`, [k2]);
    expect(rows).toEqual([{ kind: 'rental', parties: 3, signatures: 1, status: 'awaiting-signatures' }]);
    expect((await db.pool.query(`SELECT version, fields FROM analytics.contract_templates ORDER BY version`)).rows).toEqual([
      { version: 1, fields: 1 },
      { version: 2, fields: 1 },
    ]);
  });

  it('builds the same rows whatever the batch sizes, in a bounded number of queries, and ignores a batch applied twice', async () => {
    const { log } = history();
    const counts = await applyBatches(db.pool, contractsProjection, [log.events]);
    const whole = await snapshot(db.pool, contractsProjection.tables);
    expect(counts).toEqual([3]);
    await applyBatch(db.pool, contractsProjection, log.events);
    expect(await snapshot(db.pool, contractsProjection.tables)).toEqual(whole);
    await truncate(db.pool, contractsProjection);
    const small = await applyBatches(db.pool, contractsProjection, chunk(log.events, [1, 3, 2, 5]));
    expect(await snapshot(db.pool, contractsProjection.tables)).toEqual(whole);
    expect(Math.max(...small)).toBeLessThanOrEqual(3);
  });
});
