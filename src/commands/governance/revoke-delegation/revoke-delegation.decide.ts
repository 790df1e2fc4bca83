import type { DelegationRevoked } from '../../../events/governance/delegation-events.js';
import { Conflict, RuleBroken } from '../../shared/domain-errors.js';
import { cycleThrough, withDelegation } from '../delegation-resolution.js';
import type { DelegationState } from '../delegation.state.js';
import { validTopic } from '../motion.js';
import type { RevokeDelegation } from './revoke-delegation.command.js';

export function decideRevokeDelegation(state: DelegationState, command: RevokeDelegation): DelegationRevoked[] {
  const { delegator, nonce } = command;
  const topic = validTopic(command.topic);
  if (state.usedNonces.has(nonce)) throw new Conflict('replayed-act', 'this signed act was already used');
  const current = state.delegations.get(delegator.memberId);
  const held = topic === null ? current?.general != null : current !== undefined && Object.hasOwn(current.byTopic, topic);
  if (!held) throw new RuleBroken('no-delegation', topic === null ? 'there is no general delegation to revoke' : `there is no delegation on topic ${topic} to revoke`);
  // Without its topic delegation the member falls back to the general one, which could close a cycle on that topic.
  const cycle = cycleThrough(withDelegation(state.delegations, delegator.memberId, topic, null), delegator.memberId);
  if (cycle !== null) {
    throw new RuleBroken(
      'delegation-cycle',
      `revoking would let the general delegation close a cycle on topic ${cycle.topic} (${[...cycle.members, delegator.memberId].join(' -> ')}); revoke the general delegation first`,
    );
  }
  return [{ type: 'governance.DelegationRevoked', data: { delegatorId: delegator.memberId, topic } }];
}
