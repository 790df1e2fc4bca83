import type { CommandMeta } from '../../shared/command-meta.js';
import type { Voter } from '../voter.js';

/** Stop a proposal before it closes: a steward only, with a reason that goes on the public log. */
export interface CancelProposal {
  proposalId: string;
  actor: Voter;
  reason: string;
  meta: CommandMeta;
}
