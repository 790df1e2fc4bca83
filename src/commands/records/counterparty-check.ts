import { Forbidden, NotFound, RuleBroken } from '../shared/domain-errors.js';
import type { Participant } from './participant.js';
import { counterpartyOf, type RecordedFacts, type TransactionState } from './transaction.state.js';

/** Confirming and disputing are the counterparty's answer to a record: who may give it. */
export function answerableBy(state: TransactionState, transactionId: string, actor: Participant): Exclude<TransactionState, { status: 'none' }> {
  if (state.status === 'none') throw new NotFound('transaction', transactionId);
  const facts: RecordedFacts = state;
  if (actor.memberId === facts.recordedBy) throw new RuleBroken('own-record', 'the member who recorded a transaction cannot answer it: its counterparty does');
  if (actor.memberId !== counterpartyOf(facts)) throw new Forbidden('not-a-party', `only the counterparty of transaction ${transactionId} may answer it`);
  if (!actor.verified) throw new RuleBroken('member-not-verified', 'only verified members may answer a transaction record');
  return state;
}
