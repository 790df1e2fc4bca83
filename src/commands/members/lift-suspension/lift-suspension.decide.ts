import type { MemberSuspensionLifted } from '../../../events/members/member-events.js';
import { InvalidInput, NotFound } from '../../shared/domain-errors.js';
import { suspendedAt, type MemberState } from '../member.state.js';
import type { LiftSuspension } from './lift-suspension.command.js';

export function decideLiftSuspension(state: MemberState, command: LiftSuspension): MemberSuspensionLifted[] {
  const { memberId, actionId } = command;
  if (typeof actionId !== 'string' || actionId === '' || actionId.length > 128) throw new InvalidInput('actionId', 'actionId must be 1 to 128 characters');
  if (state.status === 'none') throw new NotFound('member', memberId);
  if (state.moderationActions.includes(actionId)) return [];
  // Nothing in force (never suspended, lifted already, or ended by itself): nothing to lift. Not an
  // error, because moderation dispatches this after its own decision is on the log.
  if (suspendedAt(state, command.meta.now) === null) return [];
  return [{ type: 'members.MemberSuspensionLifted', data: { memberId, actionId } }];
}
