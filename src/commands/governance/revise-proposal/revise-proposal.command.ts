import type { MotionTarget } from '../motion.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import type { Voter } from '../voter.js';

/** Rewrite a draft: its author only, and only while it is a draft. */
export interface ReviseProposal {
  proposalId: string;
  actor: Voter;
  title: string;
  body: string;
  /** thresholdBps absent: two thirds for a no-confidence motion, refused for any other. */
  rules: { quorumBps: number; thresholdBps?: number; allowVoteChange: boolean };
  /** A revision replaces the motion and topic too: absent means a general proposal without a topic. */
  motion?: unknown;
  topic?: unknown;
  target: MotionTarget | null;
  /** The nonce of the signed act: an old revision replayed would silently undo a newer one. */
  nonce: string;
  meta: CommandMeta;
}
