import type { SigningOrder, Visibility } from '../../events/contracts/contract-events.js';
import type { ContractRowStatus, PartyRow } from '../../projections/contracts/contracts.fold.js';

/** A row of read_models.contracts as `pg` returns it. */
export interface ContractTableRow {
  contract_id: string;
  template_id: string;
  template_version: number;
  drafted_by: string;
  parties: PartyRow[];
  signing_order: SigningOrder;
  visibility: Visibility;
  document_sha256: string;
  status: ContractRowStatus;
  drafted_at: Date;
  drafted_position: string;
  executed_at: Date | null;
  terminated_at: Date | null;
  disputed_by: string | null;
  dispute_reason: string | null;
  disputed_at: Date | null;
  last_position: string;
}
