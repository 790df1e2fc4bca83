import type { RoleGranted } from '../../../events/members/member-events.js';
import { NotFound } from '../../shared/domain-errors.js';
import type { MemberState } from '../member.state.js';
import type { GrantRole } from './grant-role.command.js';

/** Granting a role already held changes nothing: the consequence is done, not refused. */
export function decideGrantRole(state: MemberState, command: GrantRole): RoleGranted[] {
  if (state.status === 'none') throw new NotFound('member', command.memberId);
  if (state.roles.includes(command.role)) return [];
  return [{ type: 'members.RoleGranted', data: { memberId: command.memberId, role: command.role, grant: command.grant } }];
}
