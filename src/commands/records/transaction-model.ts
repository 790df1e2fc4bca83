import type { RecordEvent } from '../../events/records/record-events.js';
import type { WriteModel } from '../shared/aggregate-store.js';
import { evolveTransaction, initialTransactionState, type TransactionState } from './transaction.state.js';

export const transactionModel: WriteModel<TransactionState, RecordEvent> = { initialState: initialTransactionState, evolve: evolveTransaction };
