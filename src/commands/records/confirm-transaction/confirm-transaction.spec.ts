import { specFor } from '../../../../test/support/given-when-then.js';
import type { RecordEvent } from '../../../events/records/record-events.js';
import { Conflict, Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveTransaction, initialTransactionState, type TransactionState } from '../transaction.state.js';
import type { ConfirmTransaction } from './confirm-transaction.command.js';
import { decideConfirmTransaction } from './confirm-transaction.decide.js';

const spec = specFor<TransactionState, ConfirmTransaction, RecordEvent>({
  initialState: initialTransactionState,
  evolve: evolveTransaction,
  decide: decideConfirmTransaction,
});
const meta = { actor: 'm-payee', now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' };
const confirm = (memberId = 'm-payee', verified = true): ConfirmTransaction => ({ transactionId: 't-1', actor: { memberId, verified }, meta });
const recorded: RecordEvent = {
  type: 'records.TransactionRecorded',
  data: {
    transactionId: 't-1',
    recordedBy: 'm-payer',
    payerId: 'm-payer',
    payeeId: 'm-payee',
    amountMinor: 500,
    currency: 'INR',
    rail: 'upi',
    purpose: 'Shared tools',
    contractId: null,
    referenceCommitment: null,
  },
};
const confirmed: RecordEvent = { type: 'records.TransactionConfirmed', data: { transactionId: 't-1', confirmedBy: 'm-payee' } };
const disputed: RecordEvent = { type: 'records.TransactionDisputed', data: { transactionId: 't-1', disputedBy: 'm-payee', reason: 'Never received' } };

describe('ConfirmTransaction', () => {
  describe('no record', () => {
    it('refuses to confirm a transaction that was never recorded', () => {
      spec.given([]).when(confirm()).thenThrows(NotFound, 'transaction-not-found');
    });
  });

  describe('an unconfirmed record', () => {
    it('is confirmed by the counterparty', () => {
      spec.given([recorded]).when(confirm()).then([confirmed]);
    });

    it('refuses the recorder confirming their own record', () => {
      spec.given([recorded]).when(confirm('m-payer')).thenThrows(RuleBroken, 'own-record');
    });

    it('refuses a member who is not a party', () => {
      spec.given([recorded]).when(confirm('m-bystander')).thenThrows(Forbidden, 'not-a-party');
    });

    it('refuses an unverified counterparty', () => {
      spec.given([recorded]).when(confirm('m-payee', false)).thenThrows(RuleBroken, 'member-not-verified');
    });
  });

  describe('an answered record', () => {
    it('refuses a second confirmation', () => {
      spec.given([recorded, confirmed]).when(confirm()).thenThrows(Conflict, 'already-confirmed');
    });

    it('refuses to confirm a disputed record', () => {
      spec.given([recorded, disputed]).when(confirm()).thenThrows(RuleBroken, 'transaction-disputed');
    });
  });
});
