import type { MemberVerified, Role } from '../../../events/members/member-events.js';
import { Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import type { MemberState } from '../member.state.js';
import type { VerifyMember } from './verify-member.command.js';

const MAY_VERIFY: readonly Role[] = ['verifier', 'steward'];

export function decideVerifyMember(state: MemberState, command: VerifyMember): MemberVerified[] {
  const { verifier } = command;
  if (!verifier.roles.some((role) => MAY_VERIFY.includes(role))) {
    throw new Forbidden('not-a-verifier', 'only a verifier or a steward may verify members');
  }
  // One person, one vote rests on attestations by someone else.
  if (verifier.memberId === command.memberId) throw new Forbidden('self-verification', 'nobody verifies themselves');
  if (state.status === 'none') throw new NotFound('member', command.memberId);
  if (state.verification.kind === 'verified') throw new RuleBroken('already-verified', `member ${command.memberId} is already verified`);
  return [{ type: 'members.MemberVerified', data: { memberId: command.memberId, verifierId: verifier.memberId } }];
}
