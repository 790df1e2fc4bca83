import { specFor } from '../../../../test/support/given-when-then.js';
import type { RecordEvent } from '../../../events/records/record-events.js';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveTransaction, initialTransactionState, type TransactionState } from '../transaction.state.js';
import type { DisputeTransaction } from './dispute-transaction.command.js';
import { decideDisputeTransaction } from './dispute-transaction.decide.js';

const spec = specFor<TransactionState, DisputeTransaction, RecordEvent>({
  initialState: initialTransactionState,
  evolve: evolveTransaction,
  decide: decideDisputeTransaction,
});
const meta = { actor: 'm-payer', now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' };
const dispute = (memberId = 'm-payer', reason = 'I paid 50, not 500'): DisputeTransaction => ({ transactionId: 't-1', reason, actor: { memberId, verified: true }, meta });
// Recorded by the payee: the payer is the counterparty.
const recorded: RecordEvent = {
  type: 'records.TransactionRecorded',
  data: {
    transactionId: 't-1',
    recordedBy: 'm-payee',
    payerId: 'm-payer',
    payeeId: 'm-payee',
    amountMinor: 500,
    currency: 'USD',
    rail: 'ach',
    purpose: 'Rent',
    contractId: null,
    referenceCommitment: null,
  },
};
const disputed: RecordEvent = { type: 'records.TransactionDisputed', data: { transactionId: 't-1', disputedBy: 'm-payer', reason: 'I paid 50, not 500' } };

describe('DisputeTransaction', () => {
  describe('no record', () => {
    it('refuses to dispute a transaction that was never recorded', () => {
      spec.given([]).when(dispute()).thenThrows(NotFound, 'transaction-not-found');
    });
  });

  describe('an unconfirmed record', () => {
    it('is disputed by the counterparty with a reason', () => {
      spec.given([recorded]).when(dispute()).then([disputed]);
    });

    it('refuses a blank reason, naming reason', () => {
      expect(() => decideDisputeTransaction({ status: 'none' }, dispute('m-payer', ' '))).toThrow(expect.objectContaining({ field: 'reason' }));
      spec.given([recorded]).when(dispute('m-payer', '')).thenThrows(InvalidInput);
    });

    it('refuses the recorder disputing their own record', () => {
      spec.given([recorded]).when(dispute('m-payee')).thenThrows(RuleBroken, 'own-record');
    });

    it('refuses a member who is not a party', () => {
      spec.given([recorded]).when(dispute('m-bystander')).thenThrows(Forbidden, 'not-a-party');
    });
  });

  describe('an answered record', () => {
    it('refuses a second dispute', () => {
      spec.given([recorded, disputed]).when(dispute()).thenThrows(Conflict, 'already-disputed');
    });

    it('refuses to dispute a confirmed record', () => {
      spec
        .given([recorded, { type: 'records.TransactionConfirmed', data: { transactionId: 't-1', confirmedBy: 'm-payer' } }])
        .when(dispute())
        .thenThrows(RuleBroken, 'already-confirmed');
    });
  });
});
