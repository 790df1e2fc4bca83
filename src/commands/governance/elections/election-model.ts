import type { ElectionEvent } from '../../../events/governance/election-events.js';
import type { WriteModel } from '../../shared/aggregate-store.js';
import { evolveElection, initialElectionState, type ElectionState } from './election.state.js';

export const electionModel: WriteModel<ElectionState, ElectionEvent> = { initialState: initialElectionState, evolve: evolveElection };
