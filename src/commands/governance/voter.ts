import type { Role } from '../../events/members/member-events.js';
import type { RegisteredMember } from '../members/member.state.js';

/** The facts about the acting member that a governance handler reads from the member's own stream. */
export interface Voter {
  memberId: string;
  verification: { kind: 'unverified' } | { kind: 'verified'; atPosition: number };
  roles: readonly Role[];
}

/** Only a registered member can act; the handler answers NotFound before it gets here. */
export function voterFrom(member: RegisteredMember): Voter {
  const { verification } = member;
  return {
    memberId: member.memberId,
    verification: verification.kind === 'verified' ? { kind: 'verified', atPosition: verification.atPosition } : { kind: 'unverified' },
    roles: [...member.roles],
  };
}

/** Whether the voter belongs to an electorate cut at `asOfPosition` of the global order. */
export function isInElectorate(voter: Voter, asOfPosition: number): boolean {
  return voter.verification.kind === 'verified' && voter.verification.atPosition <= asOfPosition;
}
