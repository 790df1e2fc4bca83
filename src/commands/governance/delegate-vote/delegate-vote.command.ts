import type { CommandMeta } from '../../shared/command-meta.js';
import type { Voter } from '../voter.js';

/** Give one's vote to another member: on every proposal (topic null) or on proposals of one topic. */
export interface DelegateVote {
  delegator: Voter;
  delegateId: string;
  /** Read by the handler from the delegate's own stream. */
  delegateExists: boolean;
  topic: unknown;
  /** The nonce of the signed act: a captured act cannot be replayed to restore an old delegation. */
  nonce: string;
  meta: CommandMeta;
}
