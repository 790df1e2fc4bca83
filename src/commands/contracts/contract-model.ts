import type { ContractEvent, TemplateEvent } from '../../events/contracts/contract-events.js';
import type { WriteModel } from '../shared/aggregate-store.js';
import { evolveContract, initialContractState, type ContractState } from './contract.state.js';
import { evolveTemplate, initialTemplateState, type TemplateState } from './template.state.js';

export const contractModel: WriteModel<ContractState, ContractEvent> = { initialState: initialContractState, evolve: evolveContract };
export const templateModel: WriteModel<TemplateState, TemplateEvent> = { initialState: initialTemplateState, evolve: evolveTemplate };
