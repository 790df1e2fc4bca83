import type { ArbitrationEvent } from '../../events/arbitration/arbitration-events.js';
import type { WriteModel } from '../shared/aggregate-store.js';
import { evolveCase, initialCaseState, type CaseState } from './case.state.js';

export const caseModel: WriteModel<CaseState, ArbitrationEvent> = { initialState: initialCaseState, evolve: evolveCase };
