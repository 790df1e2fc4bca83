import type { CommandMeta } from '../../shared/command-meta.js';
import type { Voter } from '../voter.js';

/** Open a submitted proposal to the vote until `closesAt`. */
export interface OpenProposal {
  proposalId: string;
  actor: Voter;
  closesAt: Date;
  /** Computed by the handler at the log head: every member verified at or before `asOfPosition`. */
  electorate: { asOfPosition: number; size: number };
  meta: CommandMeta;
}
