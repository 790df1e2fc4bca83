import type { MemberOnLog } from '../members/member.state.js';

/** What a records or contracts decision needs to know about a member named in it. */
export interface Participant {
  memberId: string;
  /** Verified and still a member: one who left cannot be a counterparty or a party. */
  verified: boolean;
}

export function participantFrom(member: MemberOnLog): Participant {
  return { memberId: member.memberId, verified: member.verification.kind === 'verified' && member.membership.kind !== 'left' };
}
