import { isCurrency } from '../../../events/records/currencies.js';
import type { TransactionRecorded } from '../../../events/records/record-events.js';
import { charsBetween, PURPOSE_MAX_CHARS } from '../../../events/records/record-schemas.js';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import type { TransactionState } from '../transaction.state.js';
import type { RecordTransaction } from './record-transaction.command.js';

export function decideRecordTransaction(state: TransactionState, command: RecordTransaction): TransactionRecorded[] {
  const { transactionId, payerId, payeeId, amountMinor, currency, rail, purpose, contractId, referenceCommitment, recorder, counterparty, contract } = command;
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 1) throw new InvalidInput('amountMinor', 'amountMinor must be a positive integer number of minor units');
  if (!isCurrency(currency)) throw new InvalidInput('currency', `${String(currency)} is not an ISO 4217 currency code`);
  if (!charsBetween(purpose, 1, PURPOSE_MAX_CHARS)) throw new InvalidInput('purpose', `purpose must be 1-${PURPOSE_MAX_CHARS} characters and not blank`);
  if (payerId === payeeId) throw new InvalidInput('payeeId', 'payer and payee must be two different members');
  if (state.status !== 'none') throw new Conflict('transaction-exists', `transaction ${transactionId} is already recorded`);
  if (recorder.memberId !== payerId && recorder.memberId !== payeeId) {
    throw new Forbidden('not-a-party', 'a member records only transactions they paid or received');
  }
  if (!recorder.verified) throw new RuleBroken('member-not-verified', 'only verified members may record transactions');
  const counterpartyId = recorder.memberId === payerId ? payeeId : payerId;
  if (counterparty === null) throw new NotFound('member', counterpartyId);
  if (!counterparty.verified) throw new RuleBroken('counterparty-not-verified', `member ${counterpartyId} is not verified`);
  if (contractId !== null) {
    if (contract.kind === 'none') throw new NotFound('contract', contractId);
    if (contract.status !== 'executed') throw new RuleBroken('contract-not-executed', `contract ${contractId} is ${contract.status}: only an executed contract is settled`);
    if (!contract.partyIds.includes(payerId) || !contract.partyIds.includes(payeeId)) {
      throw new RuleBroken('not-contract-parties', `payer and payee must both be parties to contract ${contractId}`);
    }
  }
  return [
    {
      type: 'records.TransactionRecorded',
      data: { transactionId, recordedBy: recorder.memberId, payerId, payeeId, amountMinor, currency, rail, purpose, contractId, referenceCommitment },
    },
  ];
}
