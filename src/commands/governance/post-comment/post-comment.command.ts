import type { CommandMeta } from '../../shared/command-meta.js';
import type { ProposalState } from '../proposal.state.js';
import type { Voter } from '../voter.js';

/** Comment on a proposal, or reply (`parentId`) to a comment on the same proposal. */
export interface PostComment {
  proposalId: string;
  commentId: string;
  parentId: string | null;
  author: Voter;
  body: string;
  /** Where the proposal stands, read by the handler from the proposal's stream. */
  proposalStatus: ProposalState['status'];
  nonce: string;
  meta: CommandMeta;
}
