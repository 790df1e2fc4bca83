import { VERIFICATION_METHODS, type MemberVerified, type Role } from '../../../events/members/member-events.js';
import { commitEvidence } from '../../../identity/evidence-commitment.js';
import { Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import type { MemberState } from '../member.state.js';
import type { VerifyMember } from './verify-member.command.js';

const MAY_VERIFY: readonly Role[] = ['verifier', 'steward'];
/** The private description: a note or a reference, not a scanned document. */
export const MAX_EVIDENCE_LENGTH = 2000;

export function decideVerifyMember(state: MemberState, command: VerifyMember): MemberVerified[] {
  const { verifier, evidence } = command;
  if (!(VERIFICATION_METHODS as readonly unknown[]).includes(evidence.method)) {
    throw new InvalidInput('evidence.method', `evidence.method must be one of ${VERIFICATION_METHODS.join(', ')}`);
  }
  if (typeof evidence.description !== 'string' || evidence.description.length === 0 || evidence.description.length > MAX_EVIDENCE_LENGTH) {
    throw new InvalidInput('evidence.description', `evidence.description must be 1 to ${MAX_EVIDENCE_LENGTH} characters`);
  }
  if (!verifier.roles.some((role) => MAY_VERIFY.includes(role))) {
    throw new Forbidden('not-a-verifier', 'only a verifier or a steward may verify members');
  }
  // One person, one vote rests on attestations by someone else.
  if (verifier.memberId === command.memberId) throw new Forbidden('self-verification', 'nobody verifies themselves');
  if (state.status === 'none') throw new NotFound('member', command.memberId);
  if (state.membership.kind === 'left') throw new RuleBroken('member-left', `member ${command.memberId} has left the community`);
  if (state.verification.kind === 'verified') throw new RuleBroken('already-verified', `member ${command.memberId} is already verified`);
  return [
    {
      type: 'members.MemberVerified',
      data: {
        memberId: command.memberId,
        verifierId: verifier.memberId,
        evidence: { kind: 'committed', method: evidence.method, commitment: commitEvidence(command.salt, evidence) },
      },
    },
  ];
}
