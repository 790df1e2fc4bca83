import type { RoleRevoked } from '../../../events/members/member-events.js';
import { NotFound } from '../../shared/domain-errors.js';
import type { MemberState } from '../member.state.js';
import type { RevokeRole } from './revoke-role.command.js';

/** Revoking a role not held changes nothing: the consequence is done, not refused. */
export function decideRevokeRole(state: MemberState, command: RevokeRole): RoleRevoked[] {
  if (state.status === 'none') throw new NotFound('member', command.memberId);
  if (!state.roles.includes(command.role)) return [];
  return [{ type: 'members.RoleRevoked', data: { memberId: command.memberId, role: command.role, revocation: command.revocation } }];
}
