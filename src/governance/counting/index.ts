import { countApproval } from './approval.js';
import { countInstantRunoff } from './irv.js';
import type { CountResult } from './round.js';
import { countStv } from './stv.js';

export type { CountingRound, CountResult, Transfer, Votes } from './round.js';
export type { TieBreak } from './tie-break.js';

export const ELECTION_METHODS = ['approval', 'irv', 'stv'] as const;
export type ElectionMethod = (typeof ELECTION_METHODS)[number];

/** The count of a closed election: pure, so that anyone replaying the log gets the same result. */
export function countElection(input: {
  electionId: string;
  method: ElectionMethod;
  seats: number;
  candidates: readonly string[];
  ballots: readonly (readonly string[])[];
}): CountResult {
  switch (input.method) {
    case 'approval':
      return countApproval(input);
    case 'irv':
      return countInstantRunoff(input);
    case 'stv':
      return countStv(input);
    default: {
      const unhandled: never = input.method;
      throw new Error(`unhandled election method ${String(unhandled)}`);
    }
  }
}
