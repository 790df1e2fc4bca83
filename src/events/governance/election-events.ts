import type { CountingRound, ElectionMethod } from '../../governance/counting/index.js';
import type { DomainEvent } from '../envelope.js';
import type { Role } from '../members/member-events.js';

export { ELECTION_METHODS, type ElectionMethod } from '../../governance/counting/index.js';

/**
 * A steward called an election for a role (`role`) or, with `role` null, for the seat the title
 * names. Candidacies are open until `nominationsCloseAt`, ballots from then until `closesAt`.
 * The electorate is fixed now, as for a proposal: every member verified at or before
 * `electorate.asOfPosition`, and its size.
 */
export type ElectionCalled = DomainEvent<
  'governance.ElectionCalled',
  {
    electionId: string;
    calledBy: string;
    title: string;
    role: Role | null;
    seats: number;
    method: ElectionMethod;
    nominationsCloseAt: string;
    closesAt: string;
    electorate: { asOfPosition: number; size: number };
  }
>;

/** A verified member stands for election; `statement` is their public pitch (may be empty). */
export type CandidacyDeclared = DomainEvent<'governance.CandidacyDeclared', { electionId: string; candidateId: string; statement: string }>;

/** The candidate stood down before nominations closed. */
export type CandidacyWithdrawn = DomainEvent<'governance.CandidacyWithdrawn', { electionId: string; candidateId: string }>;

/**
 * A ballot, or a voter's new ballot replacing their earlier one (`replacesEarlier`). `choices` are
 * candidate ids: the approved candidates for approval voting, the ranking (most preferred first)
 * for instant runoff and STV.
 */
export type BallotCast = DomainEvent<'governance.BallotCast', { electionId: string; voterId: string; choices: string[]; replacesEarlier: boolean }>;

/**
 * Derived by the system when the voting time is up: the count, every round of it, and the winners
 * in the order elected. Carries no signature; auditors recompute it from the ballots on the log.
 */
export type ElectionClosed = DomainEvent<
  'governance.ElectionClosed',
  {
    electionId: string;
    role: Role | null;
    seats: number;
    method: ElectionMethod;
    /** Candidates standing at the close, sorted. */
    candidates: string[];
    /** Member ids, in the order elected. */
    winners: string[];
    rounds: CountingRound[];
    ballotsCounted: number;
    electorateSize: number;
    /** The Droop quota (STV), null for the other methods. */
    quota: string | null;
  }
>;

export type ElectionEvent = ElectionCalled | CandidacyDeclared | CandidacyWithdrawn | BallotCast | ElectionClosed;

export const electionStream = (electionId: string): string => `election-${electionId}`;
