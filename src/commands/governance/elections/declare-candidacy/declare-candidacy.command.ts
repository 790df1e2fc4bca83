import type { CommandMeta } from '../../../shared/command-meta.js';
import type { Voter } from '../../voter.js';

/** Stand for election (a verified member's signed act), until nominations close. */
export interface DeclareCandidacy {
  electionId: string;
  candidate: Voter;
  statement: string;
  nonce: string;
  meta: CommandMeta;
}
