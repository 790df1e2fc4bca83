import type { VoteDelegated } from '../../../events/governance/delegation-events.js';
import { Conflict, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { cycleThrough, withDelegation } from '../delegation-resolution.js';
import type { DelegationState } from '../delegation.state.js';
import { validTopic } from '../motion.js';
import type { DelegateOnLog, DelegateVote } from './delegate-vote.command.js';

export function decideDelegateVote(state: DelegationState, command: DelegateVote): VoteDelegated[] {
  const { delegator, delegateId, nonce } = command;
  const topic = validTopic(command.topic);
  if (state.usedNonces.has(nonce)) throw new Conflict('replayed-act', 'this signed act was already used');
  if (delegator.verification.kind !== 'verified') throw new RuleBroken('member-not-verified', 'only verified members may delegate their vote');
  if (delegateId === delegator.memberId) throw new RuleBroken('self-delegation', 'a member cannot delegate to themselves');
  assertDelegateCanHold(command.delegate, delegateId);
  const current = state.delegations.get(delegator.memberId);
  const same = topic === null ? current?.general === delegateId : current?.byTopic[topic] === delegateId;
  if (same) throw new RuleBroken('same-delegation', `the vote is already delegated to ${delegateId}`);
  const cycle = cycleThrough(withDelegation(state.delegations, delegator.memberId, topic, delegateId), delegator.memberId);
  if (cycle !== null) {
    throw new RuleBroken('delegation-cycle', `delegating to ${delegateId} would close a cycle (${[...cycle.members, delegator.memberId].join(' -> ')})${cycle.topic === null ? '' : ` on topic ${cycle.topic}`}`);
  }
  return [{ type: 'governance.VoteDelegated', data: { delegatorId: delegator.memberId, delegateId, topic } }];
}

/** A vote given to someone who left could never be cast by them: the delegator would lose it unawares. */
function assertDelegateCanHold(delegate: DelegateOnLog, delegateId: string): void {
  switch (delegate.kind) {
    case 'member':
      return;
    case 'no-member':
      throw new NotFound('member', delegateId);
    case 'left':
      throw new RuleBroken('delegate-has-left', `member ${delegateId} left the community (position ${delegate.atPosition}) and can no longer carry a vote`);
    default: {
      const unhandled: never = delegate;
      throw new Error(`unhandled delegate ${(unhandled as { kind: string }).kind}`);
    }
  }
}
