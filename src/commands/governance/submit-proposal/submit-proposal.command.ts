import type { CommandMeta } from '../../shared/command-meta.js';
import type { Voter } from '../voter.js';

/** Declare a draft final: its author only. A submitted proposal can be opened, no longer revised. */
export interface SubmitProposal {
  proposalId: string;
  actor: Voter;
  meta: CommandMeta;
}
