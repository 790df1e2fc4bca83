import type { Recorded, SignedAct } from '../../events/envelope.js';
import type { DelegationEvent } from '../../events/governance/delegation-events.js';
import type { WriteModel } from '../shared/aggregate-store.js';
import { noDelegations, withDelegation, type Delegations } from './delegation-resolution.js';

/** The whole delegation graph (one stream), and the acts already used on it. */
export interface DelegationState {
  delegations: Delegations;
  /** Position of the last delegation event applied, or -1: the tally records it. */
  position: number;
  usedNonces: ReadonlySet<string>;
}

export const initialDelegationState: DelegationState = { delegations: noDelegations, position: -1, usedNonces: new Set() };

export type DelegationHistoryEvent = Recorded<DelegationEvent> & { act?: SignedAct };

export function evolveDelegations(state: DelegationState, event: DelegationHistoryEvent): DelegationState {
  const nonce = event.act?.command.nonce;
  const usedNonces = typeof nonce === 'string' ? new Set(state.usedNonces).add(nonce) : state.usedNonces;
  switch (event.type) {
    case 'governance.VoteDelegated': {
      const { delegatorId, delegateId, topic } = event.data;
      return { delegations: withDelegation(state.delegations, delegatorId, topic, delegateId), position: event.position, usedNonces };
    }
    case 'governance.DelegationRevoked': {
      const { delegatorId, topic } = event.data;
      return { delegations: withDelegation(state.delegations, delegatorId, topic, null), position: event.position, usedNonces };
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled delegation event ${(unhandled as { type: string }).type}`);
    }
  }
}

export const delegationModel: WriteModel<DelegationState, DelegationEvent> = { initialState: initialDelegationState, evolve: evolveDelegations };
