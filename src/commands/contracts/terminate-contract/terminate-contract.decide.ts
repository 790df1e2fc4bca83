import type { ContractTerminated, ContractTerminationSigned } from '../../../events/contracts/contract-events.js';
import { Conflict, RuleBroken } from '../../shared/domain-errors.js';
import type { ContractState } from '../contract.state.js';
import { actingParty } from '../party-check.js';
import type { TerminateContract } from './terminate-contract.command.js';

export function decideTerminateContract(state: ContractState, command: TerminateContract): (ContractTerminationSigned | ContractTerminated)[] {
  const { contractId, party } = command;
  const contract = actingParty(state, contractId, party);
  if (contract.status !== 'executed') throw new RuleBroken('contract-not-executed', `contract ${contractId} is ${contract.status}: only an executed contract is terminated`);
  if (contract.terminationSigners.includes(party.memberId)) throw new Conflict('termination-already-signed', `member ${party.memberId} already agreed to terminate contract ${contractId}`);
  const signed: ContractTerminationSigned = { type: 'contracts.ContractTerminationSigned', data: { contractId, signerId: party.memberId } };
  const everyone = contract.parties.every((p) => p.memberId === party.memberId || contract.terminationSigners.includes(p.memberId));
  return everyone ? [signed, { type: 'contracts.ContractTerminated', data: { contractId } }] : [signed];
}
