import type { Recorded } from '../../events/envelope.js';
import type { RecordEvent } from '../../events/records/record-events.js';

export interface RecordedFacts {
  transactionId: string;
  recordedBy: string;
  payerId: string;
  payeeId: string;
}

/** One transaction record: its own stream. Only the counterparty (the party who did not record it) confirms or disputes. */
export type TransactionState =
  | { status: 'none' }
  | ({ status: 'recorded' } & RecordedFacts)
  | ({ status: 'confirmed'; confirmedBy: string } & RecordedFacts)
  | ({ status: 'disputed'; disputedBy: string } & RecordedFacts);

export const initialTransactionState: TransactionState = { status: 'none' };

/** The party who did not record it. */
export const counterpartyOf = (facts: RecordedFacts): string => (facts.recordedBy === facts.payerId ? facts.payeeId : facts.payerId);

/** Events out of order (a confirmation before the record) leave the state as it was. */
export function evolveTransaction(state: TransactionState, event: Recorded<RecordEvent>): TransactionState {
  switch (event.type) {
    case 'records.TransactionRecorded': {
      if (state.status !== 'none') return state;
      const { transactionId, recordedBy, payerId, payeeId } = event.data;
      return { status: 'recorded', transactionId, recordedBy, payerId, payeeId };
    }
    case 'records.TransactionConfirmed':
      return state.status === 'recorded' ? { ...state, status: 'confirmed', confirmedBy: event.data.confirmedBy } : state;
    case 'records.TransactionDisputed':
      return state.status === 'recorded' ? { ...state, status: 'disputed', disputedBy: event.data.disputedBy } : state;
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled record event ${(unhandled as { type: string }).type}`);
    }
  }
}
