import type { CommandMeta } from '../../shared/command-meta.js';
import type { Participant } from '../participant.js';

/** The counterparty contests a record, with a public reason; arbitration takes it from there. */
export interface DisputeTransaction {
  transactionId: string;
  reason: string;
  actor: Participant;
  meta: CommandMeta;
}
