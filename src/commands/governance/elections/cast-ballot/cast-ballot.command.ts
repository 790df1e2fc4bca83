import type { CommandMeta } from '../../../shared/command-meta.js';
import type { Voter } from '../../voter.js';

/**
 * Cast a ballot (a signed act), or replace one's ballot: a voter may change it until the close,
 * and only their latest counts. `choices`: the approved candidates (approval) or the ranking, most
 * preferred first (irv, stv).
 */
export interface CastBallot {
  electionId: string;
  voter: Voter;
  choices: string[];
  nonce: string;
  meta: CommandMeta;
}
