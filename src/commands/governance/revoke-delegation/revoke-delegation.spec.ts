import { specFor } from '../../../../test/support/given-when-then.js';
import type { DelegationEvent } from '../../../events/governance/delegation-events.js';
import { RuleBroken } from '../../shared/domain-errors.js';
import { evolveDelegations, initialDelegationState, type DelegationState } from '../delegation.state.js';
import type { Voter } from '../voter.js';
import type { RevokeDelegation } from './revoke-delegation.command.js';
import { decideRevokeDelegation } from './revoke-delegation.decide.js';

const spec = specFor<DelegationState, RevokeDelegation, DelegationEvent>({ initialState: initialDelegationState, evolve: evolveDelegations, decide: decideRevokeDelegation });
const meta = { actor: 'm-a', now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' };
const voter = (memberId: string): Voter => ({ memberId, verification: { kind: 'verified', atPosition: 3 }, roles: [] });
const revoke = (memberId: string, topic: string | null = null): RevokeDelegation => ({ delegator: voter(memberId), topic, nonce: 'n-1', meta });
const delegated = (delegatorId: string, delegateId: string, topic: string | null = null): DelegationEvent => ({
  type: 'governance.VoteDelegated',
  data: { delegatorId, delegateId, topic },
});
const revoked = (delegatorId: string, topic: string | null = null): DelegationEvent => ({ type: 'governance.DelegationRevoked', data: { delegatorId, topic } });

describe('RevokeDelegation', () => {
  describe('no delegation', () => {
    it('refuses to revoke what was never given', () => {
      spec.given([]).when(revoke('a')).thenThrows(RuleBroken, 'no-delegation');
    });

    it('refuses to revoke twice', () => {
      spec.given([delegated('a', 'b'), revoked('a')]).when(revoke('a')).thenThrows(RuleBroken, 'no-delegation');
    });
  });

  describe('delegated', () => {
    it('revokes the general delegation', () => {
      spec.given([delegated('a', 'b')]).when(revoke('a')).then([revoked('a')]);
    });

    it('revokes one topic delegation, leaving the general one', () => {
      spec.given([delegated('a', 'b'), delegated('a', 'c', 'budget')]).when(revoke('a', 'budget')).then([revoked('a', 'budget')]);
    });

    it('refuses to revoke a topic delegation that was never given', () => {
      spec.given([delegated('a', 'b')]).when(revoke('a', 'budget')).thenThrows(RuleBroken, 'no-delegation');
    });

    it('refuses a revocation that would let the general delegation close a cycle on the topic', () => {
      // a: general -> b, budget -> c; b delegates budget to a. Without a's budget delegation: a -> b -> a.
      spec.given([delegated('a', 'b'), delegated('a', 'c', 'budget'), delegated('b', 'a', 'budget')]).when(revoke('a', 'budget')).thenThrows(RuleBroken, 'delegation-cycle');
    });
  });
});
