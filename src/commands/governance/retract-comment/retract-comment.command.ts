import type { CommandMeta } from '../../shared/command-meta.js';
import type { Voter } from '../voter.js';

/** Take one's own comment back; the thread keeps a tombstone where it was. */
export interface RetractComment {
  proposalId: string;
  commentId: string;
  actor: Voter;
  meta: CommandMeta;
}
