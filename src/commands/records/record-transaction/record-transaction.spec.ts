import { specFor } from '../../../../test/support/given-when-then.js';
import type { RecordEvent } from '../../../events/records/record-events.js';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveTransaction, initialTransactionState, type TransactionState } from '../transaction.state.js';
import type { RecordTransaction } from './record-transaction.command.js';
import { decideRecordTransaction } from './record-transaction.decide.js';

const spec = specFor<TransactionState, RecordTransaction, RecordEvent>({
  initialState: initialTransactionState,
  evolve: evolveTransaction,
  decide: decideRecordTransaction,
});
const meta = { actor: 'm-payer', now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' };
const COMMITMENT = 'ab'.repeat(32);
const record = (change: Partial<RecordTransaction> = {}): RecordTransaction => ({
  transactionId: 't-1',
  payerId: 'm-payer',
  payeeId: 'm-payee',
  amountMinor: 1250,
  currency: 'EUR',
  rail: 'sepa',
  purpose: 'Seeds for the community garden',
  contractId: null,
  referenceCommitment: COMMITMENT,
  recorder: { memberId: 'm-payer', verified: true },
  counterparty: { memberId: 'm-payee', verified: true },
  contract: { kind: 'none' },
  meta,
  ...change,
});
const recorded = (change: Partial<Extract<RecordEvent, { type: 'records.TransactionRecorded' }>['data']> = {}): RecordEvent => ({
  type: 'records.TransactionRecorded',
  data: {
    transactionId: 't-1',
    recordedBy: 'm-payer',
    payerId: 'm-payer',
    payeeId: 'm-payee',
    amountMinor: 1250,
    currency: 'EUR',
    rail: 'sepa',
    purpose: 'Seeds for the community garden',
    contractId: null,
    referenceCommitment: COMMITMENT,
    ...change,
  },
});

describe('RecordTransaction', () => {
  describe('no record yet', () => {
    it('records a payment made by the recorder', () => {
      spec.given([]).when(record()).then([recorded()]);
    });

    it('records a payment received by the recorder, without a payment reference', () => {
      spec
        .given([])
        .when(record({ recorder: { memberId: 'm-payee', verified: true }, counterparty: { memberId: 'm-payer', verified: true }, referenceCommitment: null }))
        .then([recorded({ recordedBy: 'm-payee', referenceCommitment: null })]);
    });

    it('records a payment settling an executed contract between payer and payee', () => {
      spec
        .given([])
        .when(record({ contractId: 'k-1', contract: { kind: 'found', status: 'executed', partyIds: ['m-payee', 'm-payer', 'm-other'] } }))
        .then([recorded({ contractId: 'k-1' })]);
    });

    it.each([
      ['zero', 0],
      ['negative', -5],
      ['not an integer', 12.5],
      ['beyond the safe integers', 2 ** 53],
    ])('refuses an amount that is %s, naming amountMinor', (_label, amountMinor) => {
      spec.given([]).when(record({ amountMinor })).thenThrows(InvalidInput, 'invalid-input');
      expect(() => decideRecordTransaction(initialTransactionState, record({ amountMinor }))).toThrow(expect.objectContaining({ field: 'amountMinor' }));
    });

    it.each(['EUX', 'eur', 'EURO', 'XXX', ''])('refuses the currency %p, naming currency', (currency) => {
      expect(() => decideRecordTransaction(initialTransactionState, record({ currency }))).toThrow(expect.objectContaining({ field: 'currency' }));
    });

    it('accepts currencies across the list: INR, USD, JPY', () => {
      for (const currency of ['INR', 'USD', 'JPY']) spec.given([]).when(record({ currency })).then([recorded({ currency })]);
    });

    it('refuses a blank purpose', () => {
      expect(() => decideRecordTransaction(initialTransactionState, record({ purpose: '  ' }))).toThrow(expect.objectContaining({ field: 'purpose' }));
    });

    it('refuses a payment from a member to themselves', () => {
      spec.given([]).when(record({ payeeId: 'm-payer' })).thenThrows(InvalidInput);
    });

    it('refuses a recorder who is neither payer nor payee', () => {
      spec.given([]).when(record({ recorder: { memberId: 'm-bystander', verified: true } })).thenThrows(Forbidden, 'not-a-party');
    });

    it('refuses an unverified recorder', () => {
      spec.given([]).when(record({ recorder: { memberId: 'm-payer', verified: false } })).thenThrows(RuleBroken, 'member-not-verified');
    });

    it('refuses an unverified counterparty, and one who is not a member', () => {
      spec.given([]).when(record({ counterparty: { memberId: 'm-payee', verified: false } })).thenThrows(RuleBroken, 'counterparty-not-verified');
      spec.given([]).when(record({ counterparty: null })).thenThrows(NotFound, 'member-not-found');
    });

    it('refuses a contract that does not exist', () => {
      spec.given([]).when(record({ contractId: 'k-1', contract: { kind: 'none' } })).thenThrows(NotFound, 'contract-not-found');
    });

    it.each(['awaiting-signatures', 'terminated', 'disputed'] as const)('refuses a contract that is %s', (status) => {
      spec
        .given([])
        .when(record({ contractId: 'k-1', contract: { kind: 'found', status, partyIds: ['m-payer', 'm-payee'] } }))
        .thenThrows(RuleBroken, 'contract-not-executed');
    });

    it('refuses a contract the payee is not a party to', () => {
      spec
        .given([])
        .when(record({ contractId: 'k-1', contract: { kind: 'found', status: 'executed', partyIds: ['m-payer', 'm-other'] } }))
        .thenThrows(RuleBroken, 'not-contract-parties');
    });
  });

  describe('a record exists', () => {
    it('refuses the same transaction id again', () => {
      spec.given([recorded()]).when(record()).thenThrows(Conflict, 'transaction-exists');
    });
  });
});
