import type { Rail } from '../../../events/records/record-events.js';
import type { ContractStatus } from '../../contracts/contract.state.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import type { Participant } from '../participant.js';

/** What the handler read about the contract the payment settles. */
export type SettledContract = { kind: 'none' } | { kind: 'found'; status: ContractStatus; partyIds: readonly string[] };

/** Record a payment between the recorder and another member (one of them pays, the other is paid). */
export interface RecordTransaction {
  transactionId: string;
  payerId: string;
  payeeId: string;
  amountMinor: number;
  currency: string;
  rail: Rail;
  purpose: string;
  contractId: string | null;
  referenceCommitment: string | null;
  recorder: Participant;
  /** The other party, read from their stream; `null` when no such member is registered. */
  counterparty: Participant | null;
  contract: SettledContract;
  meta: CommandMeta;
}
