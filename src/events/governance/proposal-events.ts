import type { DomainEvent } from '../envelope.js';
import type { Role } from '../members/member-events.js';

export const VOTE_CHOICES = ['yes', 'no', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/**
 * Rules fixed when a proposal opens. Shares are in basis points (1/100 of a percent) so that
 * every result is integer arithmetic an auditor can recompute exactly.
 */
export interface ProposalRules {
  method: 'yes-no-abstain';
  /** Share of the electorate that must cast a vote (abstentions count) for the result to stand. */
  quorumBps: number;
  /** Share of yes among yes and no votes that must be exceeded to pass. */
  thresholdBps: number;
  /** Whether a voter may change their vote until the proposal closes. */
  allowVoteChange: boolean;
}

export interface Tally {
  yes: number;
  no: number;
  abstain: number;
}

/** `lapsed`: the votes carried it, but its motion no longer applied at the close (the role was already granted or gone). */
export type ProposalResult = 'passed' | 'rejected' | 'no-quorum' | 'lapsed';

export const MOTION_KINDS = ['general', 'grant-role', 'revoke-role', 'no-confidence'] as const;
export type MotionKind = (typeof MOTION_KINDS)[number];

/**
 * What a passed proposal does. A general proposal only records the community's will; the others
 * grant or take away a role, as a consequence the system carries out once the proposal passes.
 */
export type Motion =
  | { kind: 'general' }
  | { kind: 'grant-role'; memberId: string; role: Role }
  | { kind: 'revoke-role'; memberId: string; role: Role }
  | { kind: 'no-confidence'; memberId: string; role: Role };

export type RoleMotion = Exclude<Motion, { kind: 'general' }>;

/** A no-confidence motion passes only with at least two thirds of yes among yes and no. */
export const NO_CONFIDENCE_MIN_THRESHOLD_BPS = 6667;

/** What a draft states; revisions replace all of it. `topic` is a short slug that topic delegations follow. */
export interface ProposalContent {
  title: string;
  body: string;
  rules: ProposalRules;
  motion: Motion;
  topic: string | null;
}

export type ProposalDrafted = DomainEvent<'governance.ProposalDrafted', { proposalId: string; authorId: string } & ProposalContent>;

/**
 * Voting opened. The electorate is every member verified at or before `electorate.asOfPosition`
 * in the global order; its size is recorded so the quorum can be recomputed by anyone.
 */
export type ProposalOpened = DomainEvent<
  'governance.ProposalOpened',
  { proposalId: string; openedBy: string; closesAt: string; rules: ProposalRules; electorate: { asOfPosition: number; size: number } }
>;

/** A vote, or a changed vote when `previousChoice` is set. */
export type VoteCast = DomainEvent<
  'governance.VoteCast',
  { proposalId: string; voterId: string; choice: VoteChoice; previousChoice: VoteChoice | null }
>;

/**
 * Derived by the system when the voting time is up: carries no signature, auditors recompute it.
 * `tally` is the sum of `direct` (votes cast) and `delegated` (the weight of electorate members
 * who delegated and did not vote, given to their delegate's choice). The delegations counted are
 * those on the log at or before `delegationsAsOfPosition` (null for proposals closed before
 * delegation existed).
 */
export type ProposalClosed = DomainEvent<
  'governance.ProposalClosed',
  {
    proposalId: string;
    result: ProposalResult;
    tally: Tally;
    direct: Tally;
    delegated: Tally;
    electorateSize: number;
    delegationsAsOfPosition: number | null;
  }
>;

/** The author rewrote a draft: the new title, body, rules, motion and topic replace the old ones. */
export type ProposalRevised = DomainEvent<'governance.ProposalRevised', { proposalId: string; revisedBy: string } & ProposalContent>;

/** The author declares the draft final: it can no longer be revised, and can now be opened. */
export type ProposalSubmitted = DomainEvent<'governance.ProposalSubmitted', { proposalId: string; submittedBy: string }>;

/** The author took the proposal back before anyone voted on it. */
export type ProposalWithdrawn = DomainEvent<'governance.ProposalWithdrawn', { proposalId: string; withdrawnBy: string }>;

/** A steward stopped the proposal; the reason is public, on the log. */
export type ProposalCancelled = DomainEvent<'governance.ProposalCancelled', { proposalId: string; cancelledBy: string; reason: string }>;

export type ProposalEvent =
  | ProposalDrafted
  | ProposalRevised
  | ProposalSubmitted
  | ProposalOpened
  | VoteCast
  | ProposalClosed
  | ProposalWithdrawn
  | ProposalCancelled;

export const proposalStream = (proposalId: string): string => `proposal-${proposalId}`;
