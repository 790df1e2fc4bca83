import type { EventEnvelope } from '../../events/envelope.js';
import { foldTransactionRecords, transactionIdsOf, type TransactionRecordRow } from './transaction-records.fold.js';

let position = 0;
const envelope = (type: string, data: unknown, at = '2030-05-01T10:00:00.000Z'): EventEnvelope => ({
  id: `e-${position}`,
  stream: 's',
  revision: 0,
  position: position++,
  type,
  schemaVersion: 1,
  data,
  meta: { actor: 'a', correlationId: 'c', causationId: 'c', occurredAt: at },
});
const recorded = (transactionId: string) =>
  envelope('records.TransactionRecorded', {
    transactionId,
    recordedBy: 'm-1',
    payerId: 'm-1',
    payeeId: 'm-2',
    amountMinor: 700,
    currency: 'EUR',
    rail: 'cash',
    purpose: 'Bread',
    contractId: null,
    referenceCommitment: null,
  });

describe('foldTransactionRecords', () => {
  it('adds a record as unconfirmed, and its confirmation in the same batch', () => {
    const first = recorded('t-1');
    const confirmation = envelope('records.TransactionConfirmed', { transactionId: 't-1', confirmedBy: 'm-2' }, '2030-05-02T10:00:00.000Z');
    const rows = foldTransactionRecords(new Map(), [first, envelope('governance.VoteCast', {}), confirmation]);
    expect(rows).toEqual([
      expect.objectContaining({
        transactionId: 't-1',
        status: 'confirmed',
        recordedAt: '2030-05-01T10:00:00.000Z',
        recordedPosition: first.position,
        answeredBy: 'm-2',
        answeredAt: '2030-05-02T10:00:00.000Z',
        lastPosition: confirmation.position,
      }),
    ]);
  });

  it('records a dispute with its reason on an existing row', () => {
    const row = foldTransactionRecords(new Map(), [recorded('t-2')])[0]!;
    const dispute = envelope('records.TransactionDisputed', { transactionId: 't-2', disputedBy: 'm-2', reason: 'No bread' });
    expect(foldTransactionRecords(new Map([['t-2', row]]), [dispute])).toEqual([{ ...row, status: 'disputed', answeredBy: 'm-2', answeredAt: dispute.meta.occurredAt, disputeReason: 'No bread', lastPosition: dispute.position }]);
  });

  it('skips what cannot happen: an answer to nothing, a second answer, an event already applied', () => {
    const row: TransactionRecordRow = { ...foldTransactionRecords(new Map(), [recorded('t-3')])[0]!, status: 'confirmed' };
    const late = envelope('records.TransactionDisputed', { transactionId: 't-3', disputedBy: 'm-2', reason: 'x' });
    expect(foldTransactionRecords(new Map([['t-3', row]]), [late, envelope('records.TransactionConfirmed', { transactionId: 'nope', confirmedBy: 'm-2' })])).toEqual([]);
    expect(foldTransactionRecords(new Map([['t-3', { ...row, status: 'recorded', lastPosition: late.position }]]), [late])).toEqual([]);
  });

  it('names the transactions a batch touches, once each', () => {
    expect(transactionIdsOf([recorded('t-4'), envelope('records.TransactionConfirmed', { transactionId: 't-4', confirmedBy: 'm-2' }), recorded('t-5')])).toEqual(['t-4', 't-5']);
  });
});
