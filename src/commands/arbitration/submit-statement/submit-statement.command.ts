import type { CommandMeta } from '../../shared/command-meta.js';

/** A party states their side; submitting again amends it, until the arbiter decides. */
export interface SubmitStatement {
  caseId: string;
  partyId: string;
  statement: string;
  nonce: string;
  meta: CommandMeta;
}
