import type { CaseOutcome, ArbitrationEvent, CaseSubject } from '../../events/arbitration/arbitration-events.js';
import type { Recorded, SignedAct } from '../../events/envelope.js';

interface CaseFacts {
  caseId: string;
  subject: CaseSubject;
  parties: readonly string[];
  /** Null only between the opening and the assignment, which one decision emits together. */
  arbiterId: string | null;
  /** partyId -> revision of their latest statement. */
  statements: ReadonlyMap<string, number>;
  usedNonces: ReadonlySet<string>;
}

export type CaseState = { status: 'none'; usedNonces: ReadonlySet<string> } | ({ status: 'open' } & CaseFacts) | ({ status: 'decided'; outcome: CaseOutcome } & CaseFacts);

export type CaseHistoryEvent = Recorded<ArbitrationEvent> & { act?: SignedAct };

export const initialCaseState: CaseState = { status: 'none', usedNonces: new Set() };

export function evolveCase(state: CaseState, event: CaseHistoryEvent): CaseState {
  const next = apply(state, event);
  const nonce = event.act?.command.nonce;
  return typeof nonce === 'string' ? { ...next, usedNonces: new Set(next.usedNonces).add(nonce) } : next;
}

function apply(state: CaseState, event: Recorded<ArbitrationEvent>): CaseState {
  switch (event.type) {
    case 'arbitration.CaseOpened': {
      if (state.status !== 'none') return state;
      const { caseId, subject, parties } = event.data;
      return { status: 'open', caseId, subject, parties, arbiterId: null, statements: new Map(), usedNonces: state.usedNonces };
    }
    case 'arbitration.ArbiterAssigned':
      return state.status === 'open' ? { ...state, arbiterId: event.data.arbiterId } : state;
    case 'arbitration.StatementSubmitted':
      return state.status === 'open' ? { ...state, statements: new Map(state.statements).set(event.data.partyId, event.data.revision) } : state;
    case 'arbitration.CaseDecided':
      return state.status === 'open' ? { ...state, status: 'decided', outcome: event.data.outcome } : state;
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled arbitration event ${(unhandled as { type: string }).type}`);
    }
  }
}
