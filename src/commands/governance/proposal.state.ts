import type { Recorded, SignedAct } from '../../events/envelope.js';
import type { ProposalEvent, ProposalResult, ProposalRules, Tally, VoteChoice } from '../../events/governance/proposal-events.js';

interface ProposalFacts {
  proposalId: string;
  authorId: string;
  rules: ProposalRules;
  /** Nonces of the signed acts already recorded on this proposal: a replayed act is refused. */
  usedNonces: ReadonlySet<string>;
}

interface VotingFacts {
  closesAt: Date;
  electorate: { asOfPosition: number; size: number };
  /** voterId -> current choice. */
  votes: Readonly<Record<string, VoteChoice>>;
}

export type DraftedProposal = { status: 'drafted' } & ProposalFacts;
export type SubmittedProposal = { status: 'submitted' } & ProposalFacts;
export type OpenProposalState = { status: 'open' } & ProposalFacts & VotingFacts;
export type ClosedProposal = { status: 'closed'; result: ProposalResult; tally: Tally } & ProposalFacts & VotingFacts;
export type WithdrawnProposal = { status: 'withdrawn' } & ProposalFacts;
export type CancelledProposal = { status: 'cancelled'; reason: string } & ProposalFacts;

export type ProposalState =
  | { status: 'none' }
  | DraftedProposal
  | SubmittedProposal
  | OpenProposalState
  | ClosedProposal
  | WithdrawnProposal
  | CancelledProposal;

/** Only the fields every proposal has, so that a proposal that ended early does not carry voting facts. */
const factsOf = ({ proposalId, authorId, rules, usedNonces }: ProposalFacts): ProposalFacts => ({ proposalId, authorId, rules, usedNonces });

/**
 * What evolve reads: the domain event with its position and, when a member caused it, the signed
 * act from the envelope (its nonce is what replay protection keys on).
 */
export type ProposalHistoryEvent = Recorded<ProposalEvent> & { act?: SignedAct };

export const initialProposalState: ProposalState = { status: 'none' };

export function evolveProposal(state: ProposalState, event: ProposalHistoryEvent): ProposalState {
  const next = apply(state, event);
  const nonce = event.act?.command.nonce;
  if (next.status === 'none' || typeof nonce !== 'string') return next;
  return { ...next, usedNonces: new Set(next.usedNonces).add(nonce) };
}

/** Events out of their lifecycle order leave the state as it was: the decider never writes them. */
function apply(state: ProposalState, event: Recorded<ProposalEvent>): ProposalState {
  switch (event.type) {
    case 'governance.ProposalDrafted': {
      if (state.status !== 'none') return state;
      const { proposalId, authorId, rules } = event.data;
      return { status: 'drafted', proposalId, authorId, rules, usedNonces: new Set() };
    }
    case 'governance.ProposalRevised': {
      if (state.status !== 'drafted') return state;
      return { ...state, rules: event.data.rules };
    }
    case 'governance.ProposalSubmitted': {
      if (state.status !== 'drafted') return state;
      return { ...state, status: 'submitted' };
    }
    case 'governance.ProposalWithdrawn': {
      if (state.status !== 'drafted' && state.status !== 'submitted' && state.status !== 'open') return state;
      return { ...factsOf(state), status: 'withdrawn' };
    }
    case 'governance.ProposalCancelled': {
      if (state.status !== 'drafted' && state.status !== 'submitted' && state.status !== 'open') return state;
      return { ...factsOf(state), status: 'cancelled', reason: event.data.reason };
    }
    case 'governance.ProposalOpened': {
      if (state.status !== 'submitted') return state;
      const { closesAt, rules, electorate } = event.data;
      return { ...state, status: 'open', rules, closesAt: new Date(closesAt), electorate, votes: {} };
    }
    case 'governance.VoteCast': {
      if (state.status !== 'open') return state;
      return { ...state, votes: { ...state.votes, [event.data.voterId]: event.data.choice } };
    }
    case 'governance.ProposalClosed': {
      if (state.status !== 'open') return state;
      return { ...state, status: 'closed', result: event.data.result, tally: event.data.tally };
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled proposal event ${(unhandled as { type: string }).type}`);
    }
  }
}
