import { specFor } from '../../../../test/support/given-when-then.js';
import type { ContractEvent } from '../../../events/contracts/contract-events.js';
import { Conflict, Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { drafted, executed, signed } from '../contract-fixtures.js';
import { evolveContract, initialContractState, type ContractState } from '../contract.state.js';
import type { TerminateContract } from './terminate-contract.command.js';
import { decideTerminateContract } from './terminate-contract.decide.js';

const spec = specFor<ContractState, TerminateContract, ContractEvent>({ initialState: initialContractState, evolve: evolveContract, decide: decideTerminateContract });
const meta = { actor: 'm-tenant', now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' };
const terminate = (memberId: string): TerminateContract => ({ contractId: 'k-1', party: { memberId, verified: true }, meta });
const life = [drafted(), signed('m-landlord'), signed('m-tenant'), executed];
const agreed = (signerId: string): ContractEvent => ({ type: 'contracts.ContractTerminationSigned', data: { contractId: 'k-1', signerId } });

describe('TerminateContract', () => {
  it('refuses a contract that does not exist', () => {
    spec.given([]).when(terminate('m-tenant')).thenThrows(NotFound, 'contract-not-found');
  });

  it('refuses a contract not executed yet', () => {
    spec.given([drafted()]).when(terminate('m-tenant')).thenThrows(RuleBroken, 'contract-not-executed');
  });

  describe('executed', () => {
    it('ends when every party has agreed', () => {
      spec.given(life).when(terminate('m-tenant')).then([agreed('m-tenant')]);
      spec.given([...life, agreed('m-tenant')]).when(terminate('m-landlord')).then([agreed('m-landlord'), { type: 'contracts.ContractTerminated', data: { contractId: 'k-1' } }]);
    });

    it('refuses a second agreement by one party, and a non-party', () => {
      spec.given([...life, agreed('m-tenant')]).when(terminate('m-tenant')).thenThrows(Conflict, 'termination-already-signed');
      spec.given(life).when(terminate('m-stranger')).thenThrows(Forbidden, 'not-a-party');
    });
  });
});
