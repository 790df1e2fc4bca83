import type { ContractExecuted, ContractSigned } from '../../../events/contracts/contract-events.js';
import { Conflict, RuleBroken } from '../../shared/domain-errors.js';
import type { ContractState } from '../contract.state.js';
import { actingParty } from '../party-check.js';
import type { SignContract } from './sign-contract.command.js';

export function decideSignContract(state: ContractState, command: SignContract): (ContractSigned | ContractExecuted)[] {
  const { contractId, signer, documentSha256, keyId, signature } = command;
  const contract = actingParty(state, contractId, signer);
  if (contract.signers.includes(signer.memberId)) throw new Conflict('already-signed', `member ${signer.memberId} has already signed contract ${contractId}`);
  if (contract.status !== 'awaiting-signatures') throw new RuleBroken('contract-not-awaiting-signatures', `contract ${contractId} is ${contract.status}`);
  if (documentSha256 !== contract.documentSha256) {
    throw new RuleBroken('document-hash-mismatch', `the signed hash ${documentSha256} is not the SHA-256 of contract ${contractId}'s document (${contract.documentSha256})`);
  }
  if (contract.signingOrder === 'sequential') {
    const next = contract.parties.find((p) => !contract.signers.includes(p.memberId))!;
    if (next.memberId !== signer.memberId) {
      throw new RuleBroken('out-of-order', `contract ${contractId} is signed in order: ${next.role} (member ${next.memberId}) signs next`);
    }
  }
  const signed: ContractSigned = { type: 'contracts.ContractSigned', data: { contractId, signerId: signer.memberId, documentSha256, keyId, signature } };
  const everyone = contract.parties.every((p) => p.memberId === signer.memberId || contract.signers.includes(p.memberId));
  return everyone ? [signed, { type: 'contracts.ContractExecuted', data: { contractId, documentSha256 } }] : [signed];
}
