import type { VoteChoice } from '../../../events/governance/proposal-events.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import type { Voter } from '../voter.js';

/** Vote on an open proposal, or change one's vote where the rules allow it. */
export interface CastVote {
  proposalId: string;
  voter: Voter;
  choice: VoteChoice;
  /** The nonce of the signed act that carries this vote. */
  nonce: string;
  meta: CommandMeta;
}
