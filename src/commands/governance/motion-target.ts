import { ActingMembers } from '../members/acting-member.js';
import { NotFound } from '../shared/domain-errors.js';
import { motionMemberId, validMotion, type MotionTarget } from './motion.js';

/**
 * Reads the member a role motion names from their own stream (roles come from the log, never
 * from a read model). A malformed motion is refused here already, as the decider would.
 */
export async function loadMotionTarget(members: ActingMembers, motion: unknown): Promise<MotionTarget | null> {
  const memberId = motionMemberId(validMotion(motion));
  if (memberId === null) return null;
  try {
    const member = await members.load(memberId);
    return { kind: 'member', memberId, roles: member.roles };
  } catch (error) {
    if (error instanceof NotFound) return { kind: 'no-member', memberId };
    throw error;
  }
}
