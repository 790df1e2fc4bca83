import { Forbidden, NotFound, RuleBroken } from '../shared/domain-errors.js';
import type { Participant } from '../records/participant.js';
import { isParty, type ContractState } from './contract.state.js';

/** Only a verified party acts on a contract, and only on one that exists. */
export function actingParty(state: ContractState, contractId: string, actor: Participant): Exclude<ContractState, { status: 'none' }> {
  if (state.status === 'none') throw new NotFound('contract', contractId);
  if (!isParty(state, actor.memberId)) throw new Forbidden('not-a-party', `member ${actor.memberId} is not a party to contract ${contractId}`);
  if (!actor.verified) throw new RuleBroken('member-not-verified', 'only verified members act on contracts');
  return state;
}
