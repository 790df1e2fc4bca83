import type { TransactionDisputed } from '../../../events/records/record-events.js';
import { charsBetween, REASON_MAX_CHARS } from '../../../events/records/record-schemas.js';
import { Conflict, InvalidInput, RuleBroken } from '../../shared/domain-errors.js';
import { answerableBy } from '../counterparty-check.js';
import type { TransactionState } from '../transaction.state.js';
import type { DisputeTransaction } from './dispute-transaction.command.js';

export function decideDisputeTransaction(state: TransactionState, command: DisputeTransaction): TransactionDisputed[] {
  const { transactionId, reason, actor } = command;
  if (!charsBetween(reason, 1, REASON_MAX_CHARS)) throw new InvalidInput('reason', `reason must be 1-${REASON_MAX_CHARS} characters and not blank`);
  const record = answerableBy(state, transactionId, actor);
  switch (record.status) {
    case 'recorded':
      return [{ type: 'records.TransactionDisputed', data: { transactionId, disputedBy: actor.memberId, reason } }];
    case 'confirmed':
      throw new RuleBroken('already-confirmed', `transaction ${transactionId} was confirmed by its counterparty`);
    case 'disputed':
      throw new Conflict('already-disputed', `transaction ${transactionId} is already disputed`);
    default: {
      const unhandled: never = record;
      throw new Error(`unhandled transaction state ${(unhandled as { status: string }).status}`);
    }
  }
}
