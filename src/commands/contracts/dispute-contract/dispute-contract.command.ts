import type { CommandMeta } from '../../shared/command-meta.js';
import type { Participant } from '../../records/participant.js';

/** A party contests an executed contract, with a public reason; arbitration takes it from there. */
export interface DisputeContract {
  contractId: string;
  reason: string;
  party: Participant;
  meta: CommandMeta;
}
