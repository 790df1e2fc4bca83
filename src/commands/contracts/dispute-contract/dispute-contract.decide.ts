import type { ContractDisputed } from '../../../events/contracts/contract-events.js';
import { charsBetween, REASON_MAX_CHARS } from '../../../events/records/record-schemas.js';
import { Conflict, InvalidInput, RuleBroken } from '../../shared/domain-errors.js';
import type { ContractState } from '../contract.state.js';
import { actingParty } from '../party-check.js';
import type { DisputeContract } from './dispute-contract.command.js';

export function decideDisputeContract(state: ContractState, command: DisputeContract): ContractDisputed[] {
  const { contractId, reason, party } = command;
  if (!charsBetween(reason, 1, REASON_MAX_CHARS)) throw new InvalidInput('reason', `reason must be 1-${REASON_MAX_CHARS} characters and not blank`);
  const contract = actingParty(state, contractId, party);
  switch (contract.status) {
    case 'executed':
      return [{ type: 'contracts.ContractDisputed', data: { contractId, disputedBy: party.memberId, reason } }];
    case 'disputed':
      throw new Conflict('already-disputed', `contract ${contractId} is already disputed`);
    case 'awaiting-signatures':
    case 'terminated':
      throw new RuleBroken('contract-not-executed', `contract ${contractId} is ${contract.status}: only an executed contract is disputed`);
    default: {
      const unhandled: never = contract;
      throw new Error(`unhandled contract state ${(unhandled as { status: string }).status}`);
    }
  }
}
