import type { Recorded } from '../../events/envelope.js';
import type { ContractEvent, Party, SigningOrder } from '../../events/contracts/contract-events.js';

export interface ContractFacts {
  contractId: string;
  parties: readonly Party[];
  signingOrder: SigningOrder;
  documentSha256: string;
  /** Member ids of the parties who signed the document, in the order they signed. */
  signers: readonly string[];
}

/** A contract's own stream: drafted, signed by each party, then executed, and later terminated or disputed. */
export type ContractState =
  | { status: 'none' }
  | ({ status: 'awaiting-signatures' } & ContractFacts)
  | ({ status: 'executed'; terminationSigners: readonly string[] } & ContractFacts)
  | ({ status: 'terminated' } & ContractFacts)
  | ({ status: 'disputed'; disputedBy: string } & ContractFacts);

export type ContractStatus = ContractState['status'];

export const initialContractState: ContractState = { status: 'none' };

export const isParty = (facts: Pick<ContractFacts, 'parties'>, memberId: string): boolean => facts.parties.some((p) => p.memberId === memberId);

/** Events out of order (a signature before the draft, a second execution) leave the state as it was. */
export function evolveContract(state: ContractState, event: Recorded<ContractEvent>): ContractState {
  switch (event.type) {
    case 'contracts.ContractDrafted': {
      if (state.status !== 'none') return state;
      const { contractId, parties, signingOrder, documentSha256 } = event.data;
      return { status: 'awaiting-signatures', contractId, parties, signingOrder, documentSha256, signers: [] };
    }
    case 'contracts.ContractSigned':
      if (state.status !== 'awaiting-signatures' || state.signers.includes(event.data.signerId)) return state;
      return { ...state, signers: [...state.signers, event.data.signerId] };
    case 'contracts.ContractExecuted':
      return state.status === 'awaiting-signatures' ? { ...state, status: 'executed', terminationSigners: [] } : state;
    case 'contracts.ContractTerminationSigned':
      if (state.status !== 'executed' || state.terminationSigners.includes(event.data.signerId)) return state;
      return { ...state, terminationSigners: [...state.terminationSigners, event.data.signerId] };
    case 'contracts.ContractTerminated': {
      if (state.status !== 'executed') return state;
      const { terminationSigners: _done, ...facts } = state;
      return { ...facts, status: 'terminated' };
    }
    case 'contracts.ContractDisputed': {
      if (state.status !== 'executed') return state;
      const { terminationSigners: _pending, ...facts } = state;
      return { ...facts, status: 'disputed', disputedBy: event.data.disputedBy };
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled contract event ${(unhandled as { type: string }).type}`);
    }
  }
}
