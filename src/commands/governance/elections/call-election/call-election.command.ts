import type { CommandMeta } from '../../../shared/command-meta.js';
import type { Voter } from '../../voter.js';

/** Call an election for a role or a seat (a steward's signed act); fixes the electorate. */
export interface CallElection {
  electionId: string;
  caller: Voter;
  title: string;
  /** A role from ROLES, or null for the seat the title names. */
  role: string | null;
  seats: number;
  method: string;
  nominationsCloseAt: Date;
  closesAt: Date;
  electorate: { asOfPosition: number; size: number };
  meta: CommandMeta;
}
