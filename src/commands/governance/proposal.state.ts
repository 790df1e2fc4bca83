import type { Recorded, SignedAct } from '../../events/envelope.js';
import type { Motion, ProposalEvent, ProposalResult, ProposalRules, Tally, VoteChoice } from '../../events/governance/proposal-events.js';
import { AppendOnly } from './elections/append-only.js';

interface ProposalFacts {
  proposalId: string;
  authorId: string;
  rules: ProposalRules;
  motion: Motion;
  /** The topic delegations for it follow, or null: only general delegations apply. */
  topic: string | null;
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
export type ClosedProposal = { status: 'closed'; result: ProposalResult; tally: Tally; direct: Tally; delegated: Tally } & ProposalFacts & VotingFacts;
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

/**
 * What evolve reads: the domain event with its position and, when a member caused it, the signed
 * act from the envelope (its nonce is what replay protection keys on).
 */
export type ProposalHistoryEvent = Recorded<ProposalEvent> & { act?: SignedAct };

export const initialProposalState: ProposalState = { status: 'none' };

/**
 * Replaying a proposal's stream must stay linear in its length: a proposal gathers thousands of
 * votes, each with a nonce, and copying the vote map and the nonce set on every event made loading
 * it O(n²). So a state keeps its votes and nonces as append-only logs shared with the states it
 * grew from (a state reused as the start of another history copies only then, see AppendOnly),
 * and builds the `votes` record and the `usedNonces` set from them when first read. To the caller
 * a state is still an immutable value: evolving never changes what an earlier state shows.
 */
type Stripped<S> = S extends unknown ? Omit<S, 'usedNonces' | 'votes'> : never;
type Facts = Stripped<ProposalState>;
type Vote = readonly [voterId: string, choice: VoteChoice];

interface Internals {
  facts: Facts;
  /** Every vote cast while open, in log order (the latest of a voter counts). */
  votes: AppendOnly<Vote>;
  nonces: AppendOnly<string>;
}

/** The logs behind each state evolve returned; a state built elsewhere is read back into logs once. */
const internalsOf = new WeakMap<ProposalState, Internals>();

const noVotes = AppendOnly.empty<Vote>();
const noNonces = AppendOnly.empty<string>();

function readInternals(state: ProposalState): Internals {
  const known = internalsOf.get(state);
  if (known !== undefined) return known;
  if (state.status === 'none') return { facts: state, votes: noVotes, nonces: noNonces };
  const { usedNonces, ...rest } = state;
  let nonces = noNonces;
  for (const nonce of usedNonces) nonces = nonces.append(nonce);
  if (rest.status !== 'open' && rest.status !== 'closed') return { facts: rest, votes: noVotes, nonces };
  const { votes: record, ...facts } = rest;
  let votes = noVotes;
  for (const vote of Object.entries(record)) votes = votes.append(vote);
  return { facts, votes, nonces };
}

/** The latest choice of each voter, voters in the order of their first vote (as spreading one vote at a time would give). */
function votesRecord(votes: AppendOnly<Vote>): Record<string, VoteChoice> {
  const latest = new Map<string, VoteChoice>();
  for (const [voterId, choice] of votes) latest.set(voterId, choice);
  return Object.fromEntries(latest);
}

function expose(internals: Internals): ProposalState {
  const { facts, votes, nonces } = internals;
  if (facts.status === 'none') return facts;
  let usedNonces: ReadonlySet<string> | undefined;
  let record: Record<string, VoteChoice> | undefined;
  const state: ProposalState =
    facts.status === 'open' || facts.status === 'closed'
      ? {
          ...facts,
          get usedNonces() {
            return (usedNonces ??= new Set(nonces));
          },
          get votes() {
            return (record ??= votesRecord(votes));
          },
        }
      : {
          ...facts,
          get usedNonces() {
            return (usedNonces ??= new Set(nonces));
          },
        };
  internalsOf.set(state, internals);
  return state;
}

export function evolveProposal(state: ProposalState, event: ProposalHistoryEvent): ProposalState {
  const internals = readInternals(state);
  const next = apply(internals, event);
  const nonce = event.act?.command.nonce;
  if (next.facts.status === 'none') return next === internals ? state : next.facts;
  if (typeof nonce === 'string') return expose({ ...next, nonces: next.nonces.append(nonce) });
  return next === internals ? state : expose(next);
}

/** Only the fields every proposal has, so that a proposal that ended early does not carry voting facts. */
const factsOf = ({ proposalId, authorId, rules, motion, topic }: Stripped<ProposalFacts>): Stripped<ProposalFacts> => ({ proposalId, authorId, rules, motion, topic });

/** Events out of their lifecycle order leave the state as it was: the decider never writes them. */
function apply(internals: Internals, event: Recorded<ProposalEvent>): Internals {
  const { facts: state } = internals;
  const become = (facts: Facts): Internals => ({ ...internals, facts });
  switch (event.type) {
    case 'governance.ProposalDrafted': {
      if (state.status !== 'none') return internals;
      const { proposalId, authorId, rules, motion, topic } = event.data;
      return { facts: { status: 'drafted', proposalId, authorId, rules, motion, topic }, votes: noVotes, nonces: noNonces };
    }
    case 'governance.ProposalRevised': {
      if (state.status !== 'drafted') return internals;
      const { rules, motion, topic } = event.data;
      return become({ ...state, rules, motion, topic });
    }
    case 'governance.ProposalSubmitted': {
      if (state.status !== 'drafted') return internals;
      return become({ ...state, status: 'submitted' });
    }
    case 'governance.ProposalWithdrawn': {
      if (state.status !== 'drafted' && state.status !== 'submitted' && state.status !== 'open') return internals;
      return { ...internals, facts: { ...factsOf(state), status: 'withdrawn' }, votes: noVotes };
    }
    case 'governance.ProposalCancelled': {
      if (state.status !== 'drafted' && state.status !== 'submitted' && state.status !== 'open') return internals;
      return { ...internals, facts: { ...factsOf(state), status: 'cancelled', reason: event.data.reason }, votes: noVotes };
    }
    case 'governance.ProposalOpened': {
      if (state.status !== 'submitted') return internals;
      const { closesAt, rules, electorate } = event.data;
      return { ...internals, facts: { ...state, status: 'open', rules, closesAt: new Date(closesAt), electorate }, votes: noVotes };
    }
    case 'governance.VoteCast': {
      if (state.status !== 'open') return internals;
      return { ...internals, votes: internals.votes.append([event.data.voterId, event.data.choice]) };
    }
    case 'governance.ProposalClosed': {
      if (state.status !== 'open') return internals;
      const { result, tally, direct, delegated } = event.data;
      return become({ ...state, status: 'closed', result, tally, direct, delegated });
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled proposal event ${(unhandled as { type: string }).type}`);
    }
  }
}
