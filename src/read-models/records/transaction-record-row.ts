import type { Rail } from '../../events/records/record-events.js';
import type { RecordStatus } from '../../projections/records/transaction-records.fold.js';

/** A row of read_models.transaction_records as `pg` returns it. */
export interface TransactionRecordTableRow {
  transaction_id: string;
  recorded_by: string;
  payer_id: string;
  payee_id: string;
  amount_minor: string;
  currency: string;
  rail: Rail;
  purpose: string;
  contract_id: string | null;
  reference_commitment: string | null;
  status: RecordStatus;
  recorded_at: Date;
  recorded_position: string;
  answered_by: string | null;
  answered_at: Date | null;
  dispute_reason: string | null;
  last_position: string;
}
