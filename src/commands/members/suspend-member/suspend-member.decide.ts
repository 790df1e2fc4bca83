import type { MemberSuspended } from '../../../events/members/member-events.js';
import { MAX_REASON_LENGTH } from '../../../events/members/member-schemas.js';
import { InvalidInput, NotFound } from '../../shared/domain-errors.js';
import { ISO_INSTANT } from '../../shared/signed-act.js';
import type { MemberState } from '../member.state.js';
import type { SuspendMember } from './suspend-member.command.js';

export function decideSuspendMember(state: MemberState, command: SuspendMember): MemberSuspended[] {
  const { memberId, until, actionId, reason } = command;
  if (typeof until !== 'string' || !ISO_INSTANT.test(until) || Number.isNaN(Date.parse(until))) {
    throw new InvalidInput('until', 'until must be an ISO 8601 instant with a time zone');
  }
  if (Date.parse(until) <= command.meta.now.getTime()) throw new InvalidInput('until', 'until must be in the future');
  if (typeof actionId !== 'string' || actionId === '' || actionId.length > 128) throw new InvalidInput('actionId', 'actionId must be 1 to 128 characters');
  if (typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_REASON_LENGTH) {
    throw new InvalidInput('reason', `reason must be 1 to ${MAX_REASON_LENGTH} characters`);
  }
  if (state.status === 'none') throw new NotFound('member', memberId);
  // The same moderation action delivered twice suspends once.
  if (state.moderationActions.includes(actionId)) return [];
  // A member who left cannot act anyway; moderation's own decision is on the log already.
  if (state.membership.kind === 'left') return [];
  return [{ type: 'members.MemberSuspended', data: { memberId, until: new Date(until).toISOString(), actionId, reason } }];
}
