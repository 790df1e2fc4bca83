import type { CommandMeta } from '../../shared/command-meta.js';
import type { Voter } from '../voter.js';

/**
 * The delegate as their stream says now. Only leaving matters: it is final, while verification
 * and suspension change with time, and the tally already passes a vote on past a member who
 * cannot cast it (ADR 0015).
 */
export type DelegateOnLog = { kind: 'no-member' } | { kind: 'member' } | { kind: 'left'; atPosition: number };

/** Give one's vote to another member: on every proposal (topic null) or on proposals of one topic. */
export interface DelegateVote {
  delegator: Voter;
  delegateId: string;
  /** Read by the handler from the delegate's own stream. */
  delegate: DelegateOnLog;
  topic: unknown;
  /** The nonce of the signed act: a captured act cannot be replayed to restore an old delegation. */
  nonce: string;
  meta: CommandMeta;
}
