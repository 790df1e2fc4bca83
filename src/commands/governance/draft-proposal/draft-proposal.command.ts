import type { CommandMeta } from '../../shared/command-meta.js';
import type { MotionTarget } from '../motion.js';
import type { Voter } from '../voter.js';

/** Write a proposal; nobody can vote on it until it is opened. */
export interface DraftProposal {
  proposalId: string;
  author: Voter;
  title: string;
  body: string;
  /** thresholdBps absent: two thirds for a no-confidence motion, refused for any other. */
  rules: { quorumBps: number; thresholdBps?: number; allowVoteChange: boolean };
  /** As the request states it (absent: a general proposal); validated by the decider. */
  motion?: unknown;
  topic?: unknown;
  /** The member a role motion names, as their stream says now; null for a general proposal. */
  target: MotionTarget | null;
  meta: CommandMeta;
}
