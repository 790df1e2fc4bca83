import type { CommandMeta } from '../../shared/command-meta.js';
import type { Voter } from '../voter.js';

/** Take a proposal back: its author only, and only while nobody has voted on it. */
export interface WithdrawProposal {
  proposalId: string;
  actor: Voter;
  meta: CommandMeta;
}
