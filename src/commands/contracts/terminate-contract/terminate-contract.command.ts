import type { CommandMeta } from '../../shared/command-meta.js';
import type { Participant } from '../../records/participant.js';

/** A party agrees to end an executed contract; it ends when every party has agreed. */
export interface TerminateContract {
  contractId: string;
  party: Participant;
  meta: CommandMeta;
}
