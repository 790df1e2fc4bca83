import { v5 as uuidv5 } from 'uuid';
import type { ElectionClosed } from '../../../events/governance/election-events.js';
import type { GrantRole } from '../../members/grant-role/grant-role.command.js';
import type { RevokeRole } from '../../members/revoke-role/revoke-role.command.js';
import type { ClosedProposal } from '../proposal.state.js';

/** What a decision on the log makes the system do to a member's roles. */
export type RoleConsequence = { kind: 'grant'; command: GrantRole; eventId: string } | { kind: 'revoke'; command: RevokeRole; eventId: string };

/** Fixed namespace of the UUID v5 ids of consequence events; changing it would re-apply old decisions. */
const CONSEQUENCE_NAMESPACE = 'f3b0c1de-6a8e-4c35-9d1e-7b2a5c4e9f10';

/** The same decision always yields the same event id, so the store applies a consequence once. */
export const consequenceEventId = (name: string): string => uuidv5(`${name}:role-consequence`, CONSEQUENCE_NAMESPACE);

/** A passed role motion grants or revokes that role; any other result, or a general motion, does nothing. */
export function consequencesOfProposal(proposal: ClosedProposal): RoleConsequence[] {
  if (proposal.result !== 'passed') return [];
  const { motion, proposalId } = proposal;
  const eventId = consequenceEventId(proposalId);
  switch (motion.kind) {
    case 'general':
      return [];
    case 'grant-role':
      return [{ kind: 'grant', eventId, command: { memberId: motion.memberId, role: motion.role, grant: { kind: 'proposal', proposalId } } }];
    case 'revoke-role':
    case 'no-confidence':
      return [{ kind: 'revoke', eventId, command: { memberId: motion.memberId, role: motion.role, revocation: { kind: 'proposal', proposalId } } }];
    default: {
      const unhandled: never = motion;
      throw new Error(`unhandled motion ${(unhandled as { kind: string }).kind}`);
    }
  }
}

/** The winners of an election for a role get that role; an election for seats without a role grants nothing. */
export function consequencesOfElection({ electionId, role, winners }: ElectionClosed['data']): RoleConsequence[] {
  if (role === null) return [];
  return winners.map((memberId) => ({
    kind: 'grant',
    eventId: consequenceEventId(`${electionId}:${memberId}`),
    command: { memberId, role, grant: { kind: 'election', electionId } },
  }));
}
