import type { MemberLeft } from '../../../events/members/member-events.js';
import { NotFound } from '../../shared/domain-errors.js';
import type { MemberState } from '../member.state.js';
import type { Leave } from './leave.command.js';

/** Leaving twice is not an error: the second time finishes the erasure and appends nothing. */
export function decideLeave(state: MemberState, command: Leave): MemberLeft[] {
  if (state.status === 'none') throw new NotFound('member', command.memberId);
  if (state.membership.kind === 'left') return [];
  return [{ type: 'members.MemberLeft', data: { memberId: command.memberId } }];
}
