import type { VoteDelegated } from '../../../events/governance/delegation-events.js';
import { Conflict, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { cycleThrough, withDelegation } from '../delegation-resolution.js';
import type { DelegationState } from '../delegation.state.js';
import { validTopic } from '../motion.js';
import type { DelegateVote } from './delegate-vote.command.js';

export function decideDelegateVote(state: DelegationState, command: DelegateVote): VoteDelegated[] {
  const { delegator, delegateId, nonce } = command;
  const topic = validTopic(command.topic);
  if (state.usedNonces.has(nonce)) throw new Conflict('replayed-act', 'this signed act was already used');
  if (delegator.verification.kind !== 'verified') throw new RuleBroken('member-not-verified', 'only verified members may delegate their vote');
  if (delegateId === delegator.memberId) throw new RuleBroken('self-delegation', 'a member cannot delegate to themselves');
  if (!command.delegateExists) throw new NotFound('member', delegateId);
  const current = state.delegations.get(delegator.memberId);
  const same = topic === null ? current?.general === delegateId : current?.byTopic[topic] === delegateId;
  if (same) throw new RuleBroken('same-delegation', `the vote is already delegated to ${delegateId}`);
  const cycle = cycleThrough(withDelegation(state.delegations, delegator.memberId, topic, delegateId), delegator.memberId);
  if (cycle !== null) {
    throw new RuleBroken('delegation-cycle', `delegating to ${delegateId} would close a cycle (${[...cycle.members, delegator.memberId].join(' -> ')})${cycle.topic === null ? '' : ` on topic ${cycle.topic}`}`);
  }
  return [{ type: 'governance.VoteDelegated', data: { delegatorId: delegator.memberId, delegateId, topic } }];
}

