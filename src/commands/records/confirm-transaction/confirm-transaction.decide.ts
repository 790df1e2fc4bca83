import type { TransactionConfirmed } from '../../../events/records/record-events.js';
import { Conflict, RuleBroken } from '../../shared/domain-errors.js';
import { answerableBy } from '../counterparty-check.js';
import type { TransactionState } from '../transaction.state.js';
import type { ConfirmTransaction } from './confirm-transaction.command.js';

export function decideConfirmTransaction(state: TransactionState, command: ConfirmTransaction): TransactionConfirmed[] {
  const { transactionId, actor } = command;
  const record = answerableBy(state, transactionId, actor);
  switch (record.status) {
    case 'recorded':
      return [{ type: 'records.TransactionConfirmed', data: { transactionId, confirmedBy: actor.memberId } }];
    case 'confirmed':
      throw new Conflict('already-confirmed', `transaction ${transactionId} is already confirmed`);
    case 'disputed':
      throw new RuleBroken('transaction-disputed', `transaction ${transactionId} is disputed: arbitration decides it`);
    default: {
      const unhandled: never = record;
      throw new Error(`unhandled transaction state ${(unhandled as { status: string }).status}`);
    }
  }
}
