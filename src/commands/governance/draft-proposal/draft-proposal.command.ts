import type { CommandMeta } from '../../shared/command-meta.js';
import type { Voter } from '../voter.js';

/** Write a proposal; nobody can vote on it until it is opened. */
export interface DraftProposal {
  proposalId: string;
  author: Voter;
  title: string;
  body: string;
  rules: { quorumBps: number; thresholdBps: number; allowVoteChange: boolean };
  meta: CommandMeta;
}
