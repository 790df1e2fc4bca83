import type { EventEnvelope } from '../../events/envelope.js';
import type { ElectionEvent } from '../../events/governance/election-events.js';
import type { CountingRound } from '../../governance/counting/index.js';

export type ElectionStatus = 'called' | 'closed';
export type CandidacyStatus = 'standing' | 'withdrawn';

/** One row of read_models.elections. */
export interface ElectionRow {
  electionId: string;
  title: string;
  role: string | null;
  seats: number;
  method: string;
  status: ElectionStatus;
  calledBy: string;
  calledAt: string;
  calledPosition: number;
  nominationsCloseAt: string;
  closesAt: string;
  electoratePosition: number;
  electorateSize: number;
  /** Members who cast a ballot (a replaced ballot counts once). */
  voters: number;
  winners: string[] | null;
  ballotsCounted: number | null;
  quota: string | null;
  closedAt: string | null;
  closedPosition: number | null;
  lastPosition: number;
}

/** One row of read_models.election_candidates: a withdrawn candidacy stays, marked. */
export interface CandidateRow {
  electionId: string;
  candidateId: string;
  statement: string;
  status: CandidacyStatus;
  declaredAt: string;
  declaredPosition: number;
  /** 1 for the first elected, 2 for the next, ...; null if not elected (or not counted yet). */
  electedRank: number | null;
  lastPosition: number;
}

/** One row of read_models.election_ballots: a voter's latest ballot. */
export interface BallotRow {
  electionId: string;
  voterId: string;
  choices: string[];
  castAt: string;
  /** How many ballots this voter cast; the last one counts. */
  ballots: number;
  lastPosition: number;
}

/** One row of read_models.election_rounds. */
export type RoundRow = { electionId: string } & CountingRound;

export interface ElectionsFold {
  elections: ElectionRow[];
  candidates: CandidateRow[];
  ballots: BallotRow[];
  rounds: RoundRow[];
}

export interface ElectionsExisting {
  elections: ReadonlyMap<string, ElectionRow>;
  candidates: ReadonlyMap<string, CandidateRow>;
  ballots: ReadonlyMap<string, BallotRow>;
}

export const ELECTION_EVENT_TYPES = [
  'governance.ElectionCalled',
  'governance.CandidacyDeclared',
  'governance.CandidacyWithdrawn',
  'governance.BallotCast',
  'governance.ElectionClosed',
] as const satisfies readonly ElectionEvent['type'][];

const handled: ReadonlySet<string> = new Set(ELECTION_EVENT_TYPES);

type ElectionEnvelope = { [K in ElectionEvent['type']]: EventEnvelope<K, Extract<ElectionEvent, { type: K }>['data']> }[ElectionEvent['type']];

export const pairKey = (electionId: string, memberId: string): string => `${electionId} ${memberId}`;

export function electionEventsOf(batch: readonly EventEnvelope[]): ElectionEnvelope[] {
  return batch.filter((e) => handled.has(e.type)) as ElectionEnvelope[];
}

/** The rows a batch touches: what to load before folding. */
export function electionKeysOf(batch: readonly EventEnvelope[]): {
  elections: string[];
  candidates: { electionId: string; memberId: string }[];
  ballots: { electionId: string; memberId: string }[];
} {
  const elections = new Set<string>();
  const candidates = new Map<string, { electionId: string; memberId: string }>();
  const ballots = new Map<string, { electionId: string; memberId: string }>();
  for (const event of electionEventsOf(batch)) {
    const { electionId } = event.data;
    elections.add(electionId);
    switch (event.type) {
      case 'governance.CandidacyDeclared':
      case 'governance.CandidacyWithdrawn':
        candidates.set(pairKey(electionId, event.data.candidateId), { electionId, memberId: event.data.candidateId });
        break;
      case 'governance.BallotCast':
        ballots.set(pairKey(electionId, event.data.voterId), { electionId, memberId: event.data.voterId });
        break;
      case 'governance.ElectionClosed':
        for (const winner of event.data.winners) candidates.set(pairKey(electionId, winner), { electionId, memberId: winner });
        break;
      case 'governance.ElectionCalled':
        break;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled election event ${(unhandled as { type: string }).type}`);
      }
    }
  }
  return { elections: [...elections], candidates: [...candidates.values()], ballots: [...ballots.values()] };
}

const iso = (instant: string): string => new Date(instant).toISOString();

/**
 * Folds a batch onto the current rows it touches, in memory and without I/O. Events at or below a
 * row's `lastPosition` were applied already, and events out of lifecycle order cannot come from
 * the deciders: both are skipped.
 */
export function foldElections(existing: ElectionsExisting, batch: readonly EventEnvelope[]): ElectionsFold {
  const elections = new Map<string, ElectionRow>();
  const candidates = new Map<string, CandidateRow>();
  const ballots = new Map<string, BallotRow>();
  const rounds: RoundRow[] = [];
  const electionOf = (id: string): ElectionRow | undefined => elections.get(id) ?? existing.elections.get(id);
  for (const event of electionEventsOf(batch)) {
    const { electionId } = event.data;
    const election = electionOf(electionId);
    if (event.type !== 'governance.ElectionCalled' && (election === undefined || event.position <= election.lastPosition || election.status !== 'called')) continue;
    switch (event.type) {
      case 'governance.ElectionCalled': {
        if (election !== undefined) break;
        const d = event.data;
        elections.set(electionId, {
          electionId,
          title: d.title,
          role: d.role,
          seats: d.seats,
          method: d.method,
          status: 'called',
          calledBy: d.calledBy,
          calledAt: iso(event.meta.occurredAt),
          calledPosition: event.position,
          nominationsCloseAt: iso(d.nominationsCloseAt),
          closesAt: iso(d.closesAt),
          electoratePosition: d.electorate.asOfPosition,
          electorateSize: d.electorate.size,
          voters: 0,
          winners: null,
          ballotsCounted: null,
          quota: null,
          closedAt: null,
          closedPosition: null,
          lastPosition: event.position,
        });
        break;
      }
      case 'governance.CandidacyDeclared': {
        const key = pairKey(electionId, event.data.candidateId);
        candidates.set(key, {
          electionId,
          candidateId: event.data.candidateId,
          statement: event.data.statement,
          status: 'standing',
          declaredAt: iso(event.meta.occurredAt),
          declaredPosition: event.position,
          electedRank: null,
          lastPosition: event.position,
        });
        elections.set(electionId, { ...election!, lastPosition: event.position });
        break;
      }
      case 'governance.CandidacyWithdrawn': {
        const key = pairKey(electionId, event.data.candidateId);
        const row = candidates.get(key) ?? existing.candidates.get(key);
        if (row !== undefined) candidates.set(key, { ...row, status: 'withdrawn', lastPosition: event.position });
        elections.set(electionId, { ...election!, lastPosition: event.position });
        break;
      }
      case 'governance.BallotCast': {
        const key = pairKey(electionId, event.data.voterId);
        const row = ballots.get(key) ?? existing.ballots.get(key);
        ballots.set(key, {
          electionId,
          voterId: event.data.voterId,
          choices: [...event.data.choices],
          castAt: iso(event.meta.occurredAt),
          ballots: (row?.ballots ?? 0) + 1,
          lastPosition: event.position,
        });
        elections.set(electionId, { ...election!, voters: election!.voters + (row === undefined ? 1 : 0), lastPosition: event.position });
        break;
      }
      case 'governance.ElectionClosed': {
        const d = event.data;
        d.winners.forEach((winner, i) => {
          const key = pairKey(electionId, winner);
          const row = candidates.get(key) ?? existing.candidates.get(key);
          if (row !== undefined) candidates.set(key, { ...row, electedRank: i + 1, lastPosition: event.position });
        });
        for (const round of d.rounds) rounds.push({ electionId, ...round });
        elections.set(electionId, {
          ...election!,
          status: 'closed',
          winners: [...d.winners],
          ballotsCounted: d.ballotsCounted,
          quota: d.quota,
          closedAt: iso(event.meta.occurredAt),
          closedPosition: event.position,
          lastPosition: event.position,
        });
        break;
      }
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled election event ${(unhandled as { type: string }).type}`);
      }
    }
  }
  return { elections: [...elections.values()], candidates: [...candidates.values()], ballots: [...ballots.values()], rounds };
}
