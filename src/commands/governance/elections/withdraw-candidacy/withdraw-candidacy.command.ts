import type { CommandMeta } from '../../../shared/command-meta.js';

/** Stand down (the candidate's signed act), until nominations close. */
export interface WithdrawCandidacy {
  electionId: string;
  candidateId: string;
  nonce: string;
  meta: CommandMeta;
}
