import type { Recorded, SignedAct } from '../../../events/envelope.js';
import type { ElectionCalled, ElectionEvent } from '../../../events/governance/election-events.js';
import type { CountResult } from '../../../governance/counting/index.js';
import { AppendOnly } from './append-only.js';

type Called = ElectionCalled['data'];

interface ElectionFacts {
  electionId: string;
  calledBy: string;
  title: string;
  role: Called['role'];
  seats: number;
  method: Called['method'];
  nominationsCloseAt: Date;
  closesAt: Date;
  electorate: { asOfPosition: number; size: number };
  /** candidateId -> statement, in the order they declared. */
  candidates: ReadonlyMap<string, string>;
  /** Every ballot in log order; a voter's last one is the one that counts (see latestBallots). */
  ballots: AppendOnly<{ voterId: string; choices: readonly string[] }>;
  /** Nonces of the signed acts already recorded on this election: a replayed act is refused. */
  usedNonces: AppendOnly<string>;
}

/**
 * The phases of a called election (nominations, voting, awaiting the count) follow from the clock,
 * not from events: the decider compares `now` with the two deadlines.
 */
export type CalledElection = { status: 'called' } & ElectionFacts;
export type ClosedElection = { status: 'closed'; result: Pick<CountResult, 'winners' | 'ballotsCounted'> } & ElectionFacts;

export type ElectionState = { status: 'none' } | CalledElection | ClosedElection;

export type ElectionHistoryEvent = Recorded<ElectionEvent> & { act?: SignedAct };

export const initialElectionState: ElectionState = { status: 'none' };

export function evolveElection(state: ElectionState, event: ElectionHistoryEvent): ElectionState {
  const next = apply(state, event);
  const nonce = event.act?.command.nonce;
  if (next.status === 'none' || typeof nonce !== 'string') return next;
  return { ...next, usedNonces: next.usedNonces.append(nonce) };
}

/** Events out of their lifecycle order leave the state as it was: the deciders never write them. */
function apply(state: ElectionState, event: Recorded<ElectionEvent>): ElectionState {
  switch (event.type) {
    case 'governance.ElectionCalled': {
      if (state.status !== 'none') return state;
      const d = event.data;
      return {
        status: 'called',
        electionId: d.electionId,
        calledBy: d.calledBy,
        title: d.title,
        role: d.role,
        seats: d.seats,
        method: d.method,
        nominationsCloseAt: new Date(d.nominationsCloseAt),
        closesAt: new Date(d.closesAt),
        electorate: d.electorate,
        candidates: new Map(),
        ballots: AppendOnly.empty(),
        usedNonces: AppendOnly.empty(),
      };
    }
    case 'governance.CandidacyDeclared': {
      if (state.status !== 'called') return state;
      return { ...state, candidates: new Map(state.candidates).set(event.data.candidateId, event.data.statement) };
    }
    case 'governance.CandidacyWithdrawn': {
      if (state.status !== 'called') return state;
      const candidates = new Map(state.candidates);
      candidates.delete(event.data.candidateId);
      return { ...state, candidates };
    }
    case 'governance.BallotCast': {
      if (state.status !== 'called') return state;
      return { ...state, ballots: state.ballots.append({ voterId: event.data.voterId, choices: event.data.choices }) };
    }
    case 'governance.ElectionClosed': {
      if (state.status !== 'called') return state;
      return { ...state, status: 'closed', result: { winners: event.data.winners, ballotsCounted: event.data.ballotsCounted } };
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled election event ${(unhandled as { type: string }).type}`);
    }
  }
}

/** The ballot of `voterId` that counts now, if any. */
export function latestBallot(election: CalledElection, voterId: string): readonly string[] | undefined {
  return election.ballots.findLast((b) => b.voterId === voterId)?.choices;
}

/** voterId -> the ballot that counts. */
export function latestBallots(election: CalledElection): Map<string, readonly string[]> {
  const latest = new Map<string, readonly string[]>();
  for (const { voterId, choices } of election.ballots) latest.set(voterId, choices);
  return latest;
}
