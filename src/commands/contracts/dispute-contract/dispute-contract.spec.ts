import { specFor } from '../../../../test/support/given-when-then.js';
import type { ContractEvent } from '../../../events/contracts/contract-events.js';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { drafted, executed, signed } from '../contract-fixtures.js';
import { evolveContract, initialContractState, type ContractState } from '../contract.state.js';
import type { DisputeContract } from './dispute-contract.command.js';
import { decideDisputeContract } from './dispute-contract.decide.js';

const spec = specFor<ContractState, DisputeContract, ContractEvent>({ initialState: initialContractState, evolve: evolveContract, decide: decideDisputeContract });
const meta = { actor: 'm-tenant', now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' };
const dispute = (memberId: string, reason = 'The heating never worked'): DisputeContract => ({ contractId: 'k-1', reason, party: { memberId, verified: true }, meta });
const life = [drafted(), signed('m-landlord'), signed('m-tenant'), executed];
const disputed: ContractEvent = { type: 'contracts.ContractDisputed', data: { contractId: 'k-1', disputedBy: 'm-tenant', reason: 'The heating never worked' } };

describe('DisputeContract', () => {
  it('refuses a contract that does not exist, and one not executed', () => {
    spec.given([]).when(dispute('m-tenant')).thenThrows(NotFound, 'contract-not-found');
    spec.given([drafted()]).when(dispute('m-tenant')).thenThrows(RuleBroken, 'contract-not-executed');
  });

  describe('executed', () => {
    it('is disputed by a party with a reason', () => {
      spec.given(life).when(dispute('m-tenant')).then([disputed]);
    });

    it('refuses a non-party, a blank reason, and a second dispute', () => {
      spec.given(life).when(dispute('m-stranger')).thenThrows(Forbidden, 'not-a-party');
      spec.given(life).when(dispute('m-tenant', ' ')).thenThrows(InvalidInput);
      spec.given([...life, disputed]).when(dispute('m-landlord')).thenThrows(Conflict, 'already-disputed');
    });
  });

  describe('terminated', () => {
    it('refuses a dispute', () => {
      const ended: ContractEvent[] = [
        { type: 'contracts.ContractTerminationSigned', data: { contractId: 'k-1', signerId: 'm-tenant' } },
        { type: 'contracts.ContractTerminationSigned', data: { contractId: 'k-1', signerId: 'm-landlord' } },
        { type: 'contracts.ContractTerminated', data: { contractId: 'k-1' } },
      ];
      spec.given([...life, ...ended]).when(dispute('m-tenant')).thenThrows(RuleBroken, 'contract-not-executed');
    });
  });
});
