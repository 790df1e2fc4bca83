import { specFor } from '../../../../test/support/given-when-then.js';
import type { ContractEvent } from '../../../events/contracts/contract-events.js';
import { Conflict, Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { drafted, executed, HASH, SIGNATURE, signed } from '../contract-fixtures.js';
import { evolveContract, initialContractState, type ContractState } from '../contract.state.js';
import type { SignContract } from './sign-contract.command.js';
import { decideSignContract } from './sign-contract.decide.js';

const spec = specFor<ContractState, SignContract, ContractEvent>({ initialState: initialContractState, evolve: evolveContract, decide: decideSignContract });
const meta = { actor: 'm-tenant', now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' };
const sign = (memberId: string, change: Partial<SignContract> = {}): SignContract => ({
  contractId: 'k-1',
  signer: { memberId, verified: true },
  documentSha256: HASH,
  keyId: `key-${memberId}`,
  signature: SIGNATURE,
  meta,
  ...change,
});

describe('SignContract', () => {
  describe('no contract', () => {
    it('refuses to sign a contract that was never drafted', () => {
      spec.given([]).when(sign('m-tenant')).thenThrows(NotFound, 'contract-not-found');
    });
  });

  describe('awaiting signatures, in parallel', () => {
    it('takes the parties’ signatures in any order, and executes the contract with the last one', () => {
      spec.given([drafted()]).when(sign('m-tenant')).then([signed('m-tenant')]);
      spec.given([drafted(), signed('m-tenant')]).when(sign('m-landlord')).then([signed('m-landlord'), executed]);
    });

    it('refuses a member who is not a party', () => {
      spec.given([drafted()]).when(sign('m-stranger')).thenThrows(Forbidden, 'not-a-party');
    });

    it('refuses a signature over another hash than the contract’s', () => {
      spec.given([drafted()]).when(sign('m-tenant', { documentSha256: 'ff'.repeat(32) })).thenThrows(RuleBroken, 'document-hash-mismatch');
    });

    it('refuses a second signature by the same party', () => {
      spec.given([drafted(), signed('m-tenant')]).when(sign('m-tenant')).thenThrows(Conflict, 'already-signed');
    });

    it('refuses an unverified party', () => {
      spec.given([drafted()]).when(sign('m-tenant', { signer: { memberId: 'm-tenant', verified: false } })).thenThrows(RuleBroken, 'member-not-verified');
    });
  });

  describe('awaiting signatures, in sequence', () => {
    it('refuses a party signing before the parties listed before them', () => {
      spec.given([drafted('sequential')]).when(sign('m-tenant')).thenThrows(RuleBroken, 'out-of-order');
    });

    it('takes the signatures in the listed order', () => {
      spec.given([drafted('sequential')]).when(sign('m-landlord')).then([signed('m-landlord')]);
      spec.given([drafted('sequential'), signed('m-landlord')]).when(sign('m-tenant')).then([signed('m-tenant'), executed]);
    });
  });

  describe('executed', () => {
    it('refuses more signatures', () => {
      spec.given([drafted(), signed('m-tenant'), signed('m-landlord'), executed]).when(sign('m-tenant')).thenThrows(Conflict, 'already-signed');
    });
  });
});
