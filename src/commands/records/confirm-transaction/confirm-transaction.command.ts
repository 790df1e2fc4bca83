import type { CommandMeta } from '../../shared/command-meta.js';
import type { Participant } from '../participant.js';

/** The counterparty agrees the payment happened as recorded. */
export interface ConfirmTransaction {
  transactionId: string;
  actor: Participant;
  meta: CommandMeta;
}
