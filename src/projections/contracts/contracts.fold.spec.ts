import type { EventEnvelope } from '../../events/envelope.js';
import { contractIdsOf, foldContracts, templateRowsOf } from './contracts.fold.js';

let position = 0;
const envelope = (type: string, data: unknown): EventEnvelope => ({
  id: `e-${position}`,
  stream: 's',
  revision: 0,
  position: position++,
  type,
  schemaVersion: 1,
  data,
  meta: { actor: 'a', correlationId: 'c', causationId: 'c', occurredAt: `2030-05-01T10:00:${String(position).padStart(2, '0')}.000Z` },
});
const HASH = 'ab'.repeat(32);
const drafted = (contractId: string) =>
  envelope('contracts.ContractDrafted', {
    contractId,
    templateId: 'tpl',
    templateVersion: 1,
    draftedBy: 'm-1',
    parties: [
      { memberId: 'm-1', role: 'investor' },
      { memberId: 'm-2', role: 'founder' },
    ],
    signingOrder: 'parallel',
    visibility: 'public',
    documentSha256: HASH,
  });
const signed = (contractId: string, signerId: string) => envelope('contracts.ContractSigned', { contractId, signerId, documentSha256: HASH, keyId: `k-${signerId}`, signature: 'S'.repeat(86) });

describe('foldContracts', () => {
  it('follows a contract from draft through signatures to execution in one batch', () => {
    const events = [drafted('c-1'), signed('c-1', 'm-2'), signed('c-1', 'm-1'), envelope('contracts.ContractExecuted', { contractId: 'c-1', documentSha256: HASH })];
    const [row] = foldContracts(new Map(), events);
    expect(row).toMatchObject({ contractId: 'c-1', status: 'executed', executedAt: events[3]!.meta.occurredAt, lastPosition: events[3]!.position });
    expect(row!.parties).toEqual([
      { memberId: 'm-1', role: 'investor', signature: { keyId: 'k-m-1', signature: 'S'.repeat(86), signedAt: events[2]!.meta.occurredAt, position: events[2]!.position }, terminationSignedAt: null },
      { memberId: 'm-2', role: 'founder', signature: { keyId: 'k-m-2', signature: 'S'.repeat(86), signedAt: events[1]!.meta.occurredAt, position: events[1]!.position }, terminationSignedAt: null },
    ]);
  });

  it('skips a signature before the draft, a dispute before execution, and events already applied', () => {
    expect(foldContracts(new Map(), [signed('c-2', 'm-1')])).toEqual([]);
    const [row] = foldContracts(new Map(), [drafted('c-3')]);
    expect(foldContracts(new Map([['c-3', row!]]), [envelope('contracts.ContractDisputed', { contractId: 'c-3', disputedBy: 'm-1', reason: 'x' })])).toEqual([]);
    const stale = signed('c-3', 'm-1');
    expect(foldContracts(new Map([['c-3', { ...row!, lastPosition: stale.position }]]), [stale])).toEqual([]);
  });

  it('lists template versions and the contracts a batch touches', () => {
    const published = envelope('contracts.TemplateVersionPublished', { templateId: 't', version: 1, kind: 'investment', title: 'Seed', body: 'B', fields: [], publishedBy: 'm-9' });
    expect(templateRowsOf([published, drafted('c-4')])).toEqual([
      { templateId: 't', version: 1, kind: 'investment', title: 'Seed', body: 'B', fields: [], publishedBy: 'm-9', publishedAt: published.meta.occurredAt, position: published.position },
    ]);
    expect(contractIdsOf([published, drafted('c-4'), signed('c-4', 'm-1')])).toEqual(['c-4']);
  });
});
