import type { ProposalEvent } from '../../events/governance/proposal-events.js';
import type { WriteModel } from '../shared/aggregate-store.js';
import { evolveProposal, initialProposalState, type ProposalState } from './proposal.state.js';

export const proposalModel: WriteModel<ProposalState, ProposalEvent> = { initialState: initialProposalState, evolve: evolveProposal };
