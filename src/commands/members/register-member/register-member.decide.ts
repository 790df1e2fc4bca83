import type { MemberRegistered } from '../../../events/members/member-events.js';
import { HANDLE_PATTERN } from '../../../events/members/member-schemas.js';
import { Conflict, InvalidInput } from '../../shared/domain-errors.js';
import type { MemberState } from '../member.state.js';
import type { RegisterMember } from './register-member.command.js';

export function decideRegisterMember(state: MemberState, command: RegisterMember): MemberRegistered[] {
  if (typeof command.handle !== 'string' || !HANDLE_PATTERN.test(command.handle)) {
    throw new InvalidInput('handle', 'handle must be 3-32 characters of a-z, 0-9, _ and -, starting with a letter');
  }
  if (state.status !== 'none') throw new Conflict('member-exists', `member ${command.memberId} is already registered`);
  return [{ type: 'members.MemberRegistered', data: { memberId: command.memberId, handle: command.handle } }];
}
