import type { EventEnvelope } from '../../events/envelope.js';
import type { RecordEvent, TransactionConfirmed, TransactionDisputed, TransactionRecorded } from '../../events/records/record-events.js';
import type { Rail } from '../../events/records/record-events.js';

export type RecordStatus = 'recorded' | 'confirmed' | 'disputed';

/** One row of read_models.transaction_records. `recorded` means not yet confirmed by the counterparty. */
export interface TransactionRecordRow {
  transactionId: string;
  recordedBy: string;
  payerId: string;
  payeeId: string;
  amountMinor: number;
  currency: string;
  rail: Rail;
  purpose: string;
  contractId: string | null;
  referenceCommitment: string | null;
  status: RecordStatus;
  recordedAt: string;
  recordedPosition: number;
  /** The counterparty who confirmed or disputed it, when, and (for a dispute) why. */
  answeredBy: string | null;
  answeredAt: string | null;
  disputeReason: string | null;
  lastPosition: number;
}

export const RECORD_EVENT_TYPES = ['records.TransactionRecorded', 'records.TransactionConfirmed', 'records.TransactionDisputed'] as const satisfies readonly RecordEvent['type'][];
const handled: ReadonlySet<string> = new Set(RECORD_EVENT_TYPES);

type RecordEnvelope =
  | EventEnvelope<TransactionRecorded['type'], TransactionRecorded['data']>
  | EventEnvelope<TransactionConfirmed['type'], TransactionConfirmed['data']>
  | EventEnvelope<TransactionDisputed['type'], TransactionDisputed['data']>;

export function recordEventsOf(batch: readonly EventEnvelope[]): RecordEnvelope[] {
  return batch.filter((e) => handled.has(e.type)) as RecordEnvelope[];
}

/** The transaction ids a batch touches: the rows to load before folding. */
export function transactionIdsOf(batch: readonly EventEnvelope[]): string[] {
  return [...new Set(recordEventsOf(batch).map((e) => e.data.transactionId))];
}

const iso = (instant: string): string => new Date(instant).toISOString();

/**
 * Folds a batch onto the current rows of the transactions it touches, without I/O. Events the
 * deciders cannot produce (an answer to nothing, a second answer) and events at or below a row's
 * `lastPosition` (applied already) are skipped.
 */
export function foldTransactionRecords(existing: ReadonlyMap<string, TransactionRecordRow>, batch: readonly EventEnvelope[]): TransactionRecordRow[] {
  const rows = new Map<string, TransactionRecordRow>();
  for (const event of recordEventsOf(batch)) {
    const id = event.data.transactionId;
    const row = rows.get(id) ?? existing.get(id);
    switch (event.type) {
      case 'records.TransactionRecorded': {
        if (row !== undefined) break;
        const d = event.data;
        rows.set(id, {
          transactionId: id,
          recordedBy: d.recordedBy,
          payerId: d.payerId,
          payeeId: d.payeeId,
          amountMinor: d.amountMinor,
          currency: d.currency,
          rail: d.rail,
          purpose: d.purpose,
          contractId: d.contractId,
          referenceCommitment: d.referenceCommitment,
          status: 'recorded',
          recordedAt: iso(event.meta.occurredAt),
          recordedPosition: event.position,
          answeredBy: null,
          answeredAt: null,
          disputeReason: null,
          lastPosition: event.position,
        });
        break;
      }
      case 'records.TransactionConfirmed': {
        if (row === undefined || row.status !== 'recorded' || event.position <= row.lastPosition) break;
        rows.set(id, { ...row, status: 'confirmed', answeredBy: event.data.confirmedBy, answeredAt: iso(event.meta.occurredAt), lastPosition: event.position });
        break;
      }
      case 'records.TransactionDisputed': {
        if (row === undefined || row.status !== 'recorded' || event.position <= row.lastPosition) break;
        rows.set(id, {
          ...row,
          status: 'disputed',
          answeredBy: event.data.disputedBy,
          answeredAt: iso(event.meta.occurredAt),
          disputeReason: event.data.reason,
          lastPosition: event.position,
        });
        break;
      }
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled record event ${(unhandled as { type: string }).type}`);
      }
    }
  }
  return [...rows.values()];
}
