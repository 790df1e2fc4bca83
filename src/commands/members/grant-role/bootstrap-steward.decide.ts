import type { MemberVerified, RoleGranted } from '../../../events/members/member-events.js';
import { NotFound, RuleBroken } from '../../shared/domain-errors.js';
import type { MemberState } from '../member.state.js';
import type { BootstrapSteward } from './bootstrap-steward.command.js';

/** The system verifies the first steward, who then verifies the next members: somebody has to be first. */
export const SYSTEM_VERIFIER = 'system';

export function decideBootstrapSteward(state: MemberState, command: BootstrapSteward): (RoleGranted | MemberVerified)[] {
  if (command.stewardsExist) throw new RuleBroken('steward-exists', 'the community already has a steward');
  if (state.status === 'none') throw new NotFound('member', command.memberId);
  const { memberId } = command;
  const events: (RoleGranted | MemberVerified)[] = [];
  if (!state.roles.includes('steward')) {
    events.push({ type: 'members.RoleGranted', data: { memberId, role: 'steward', grant: { kind: 'bootstrap' } } });
  }
  if (state.verification.kind === 'unverified') {
    events.push({ type: 'members.MemberVerified', data: { memberId, verifierId: SYSTEM_VERIFIER, evidence: { kind: 'none' } } });
  }
  if (!state.roles.includes('verifier')) {
    events.push({ type: 'members.RoleGranted', data: { memberId, role: 'verifier', grant: { kind: 'bootstrap' } } });
  }
  return events;
}
