import { specFor } from '../../../../test/support/given-when-then.js';
import type { DelegationEvent } from '../../../events/governance/delegation-events.js';
import { Conflict, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { evolveDelegations, initialDelegationState, type DelegationHistoryEvent, type DelegationState } from '../delegation.state.js';
import type { Voter } from '../voter.js';
import type { DelegateVote } from './delegate-vote.command.js';
import { decideDelegateVote } from './delegate-vote.decide.js';

const spec = specFor<DelegationState, DelegateVote, DelegationEvent>({ initialState: initialDelegationState, evolve: evolveDelegations, decide: decideDelegateVote });
const meta = { actor: 'm-a', now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' };
const voter = (memberId: string): Voter => ({ memberId, verification: { kind: 'verified', atPosition: 3 }, roles: [] });
const delegate = (from: string, to: string, change: Partial<DelegateVote> = {}): DelegateVote => ({
  delegator: voter(from),
  delegateId: to,
  delegate: { kind: 'member' },
  topic: null,
  nonce: `n-${from}-${to}`,
  meta,
  ...change,
});
const delegated = (delegatorId: string, delegateId: string, topic: string | null = null): DelegationEvent => ({
  type: 'governance.VoteDelegated',
  data: { delegatorId, delegateId, topic },
});
const revoked = (delegatorId: string, topic: string | null = null): DelegationEvent => ({ type: 'governance.DelegationRevoked', data: { delegatorId, topic } });

describe('DelegateVote', () => {
  describe('no delegations', () => {
    it('delegates for every proposal', () => {
      spec.given([]).when(delegate('a', 'b')).then([delegated('a', 'b')]);
    });

    it('delegates for one topic', () => {
      spec.given([]).when(delegate('a', 'b', { topic: 'budget' })).then([delegated('a', 'b', 'budget')]);
    });

    it.each([['Budget'], ['a b'], ['x'.repeat(41)], [7]])('refuses the topic %p', (topic) => {
      spec.given([]).when(delegate('a', 'b', { topic })).thenThrows(InvalidInput, 'invalid-input');
    });

    it('refuses a delegation to oneself', () => {
      spec.given([]).when(delegate('a', 'a')).thenThrows(RuleBroken, 'self-delegation');
    });

    it('refuses a delegate who is not a member', () => {
      spec.given([]).when(delegate('a', 'ghost', { delegate: { kind: 'no-member' } })).thenThrows(NotFound, 'member-not-found');
    });

    it('refuses a delegate who has left: they can never cast the vote', () => {
      spec.given([]).when(delegate('a', 'b', { delegate: { kind: 'left', atPosition: 9 } })).thenThrows(RuleBroken, 'delegate-has-left');
    });

    it('refuses a delegate who has left even for one topic', () => {
      spec
        .given([])
        .when(delegate('a', 'b', { topic: 'budget', delegate: { kind: 'left', atPosition: 9 } }))
        .thenThrows(RuleBroken, 'delegate-has-left');
    });

    it('refuses an unverified delegator', () => {
      spec
        .given([])
        .when(delegate('a', 'b', { delegator: { ...voter('a'), verification: { kind: 'unverified' } } }))
        .thenThrows(RuleBroken, 'member-not-verified');
    });
  });

  describe('with delegations', () => {
    it('refuses to move the delegation to a delegate who has left', () => {
      spec
        .given([delegated('a', 'b')])
        .when(delegate('a', 'c', { delegate: { kind: 'left', atPosition: 9 } }))
        .thenThrows(RuleBroken, 'delegate-has-left');
    });

    it('replaces the delegation for the same topic', () => {
      spec.given([delegated('a', 'b')]).when(delegate('a', 'c')).then([delegated('a', 'c')]);
    });

    it('refuses to state the same delegation again', () => {
      spec.given([delegated('a', 'b')]).when(delegate('a', 'b', { nonce: 'other' })).thenThrows(RuleBroken, 'same-delegation');
    });

    it('refuses the delegation that would close a cycle A -> B -> C -> A', () => {
      spec.given([delegated('a', 'b'), delegated('b', 'c')]).when(delegate('c', 'a')).thenThrows(RuleBroken, 'delegation-cycle');
    });

    it('refuses a general delegation that closes a cycle on one topic', () => {
      spec.given([delegated('b', 'a', 'budget')]).when(delegate('a', 'b')).thenThrows(RuleBroken, 'delegation-cycle');
    });

    it('accepts a topic delegation back when the other side delegated on another topic', () => {
      spec.given([delegated('b', 'a', 'budget')]).when(delegate('a', 'b', { topic: 'parks' })).then([delegated('a', 'b', 'parks')]);
    });

    it('accepts the delegation after the cycle was broken by a revocation', () => {
      spec.given([delegated('a', 'b'), delegated('b', 'c'), revoked('a')]).when(delegate('c', 'a')).then([delegated('c', 'a')]);
    });

    it('refuses a replayed act', () => {
      const given: DelegationHistoryEvent = {
        ...delegated('a', 'b'),
        position: 4,
        act: { command: { command: 'governance.DelegateVote', actor: 'a', keyId: 'k', issuedAt: meta.now.toISOString(), nonce: 'n-a-c' }, signature: 's' },
      } as DelegationHistoryEvent;
      spec.given([given as never]).when(delegate('a', 'c')).thenThrows(Conflict, 'replayed-act');
    });
  });
});
