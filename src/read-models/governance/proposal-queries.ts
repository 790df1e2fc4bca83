import type pg from 'pg';
import type { Motion, ProposalResult, Tally, VoteChoice } from '../../events/governance/proposal-events.js';
import type { ProposalStatus, ProposalTableRow } from './proposal-row.js';

/** Anything that runs a query: a pool, or a client (e.g. inside a transaction). */
export type Queryable = pg.Pool | pg.ClientBase;

export type { ProposalStatus };

export interface Paging {
  limit: number;
  offset: number;
}

export interface ProposalSummary {
  proposalId: string;
  authorId: string;
  title: string;
  status: ProposalStatus;
  draftedAt: string;
  submittedAt: string | null;
  openedAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
  /** When its author withdrew it, or a steward cancelled it. */
  endedAt: string | null;
  /** Direct votes while open; direct plus delegated weight once closed. */
  tally: Tally;
  result: ProposalResult | null;
  /** What it does once passed: general, or a role granted or revoked. */
  motion: Motion;
  topic: string | null;
  lastPosition: number;
  /**
   * Moderation (read_models.moderation_visibility): set on a hidden or removed proposal, which keeps
   * its place, status and tally (the votes are the community's) without its title and body.
   */
  moderation?: 'hidden' | 'removed';
}

export interface ProposalDetail extends ProposalSummary {
  body: string;
  rules: { method: 'yes-no-abstain'; quorumBps: number; thresholdBps: number; allowVoteChange: boolean };
  /** Set once the proposal opens: members verified at or before `asOfPosition`. */
  electorate: { asOfPosition: number; size: number } | null;
  draftedPosition: number;
  /** How many times the author revised the draft before submitting it. */
  revisions: number;
  /** Set when a steward cancelled it: who, and the public reason. */
  cancellation: { cancelledBy: string; reason: string } | null;
  /** The votes cast by members themselves. */
  direct: Tally;
  /** The weight delegations carried to a voter's choice, published at the close (zero before). */
  delegated: Tally;
  /** The log position the close counted delegations at, so anyone can recount. */
  delegationsAsOfPosition: number | null;
}

export interface ProposalVote {
  voterId: string;
  choice: VoteChoice;
  position: number;
  castAt: string;
}

export interface DecisionLogEntry {
  proposalId: string;
  title: string;
  authorId: string;
  result: ProposalResult;
  tally: Tally;
  direct: Tally;
  delegated: Tally;
  motion: Motion;
  topic: string | null;
  electorateSize: number;
  turnoutBps: number;
  quorumBps: number;
  thresholdBps: number;
  openedAt: string | null;
  closedAt: string;
  openedPosition: number | null;
  closedPosition: number;
}


const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const num = (s: string | null): number | null => (s === null ? null : Number(s));

const SUMMARY_COLUMNS =
  'p.proposal_id, p.author_id, p.title, p.status, p.drafted_at, p.submitted_at, p.opened_at, p.closes_at, p.closed_at, p.withdrawn_at, p.cancelled_at, p.yes, p.no, p.abstain, p.result, p.motion, p.topic, p.last_position';

// Moderation: a hidden or removed proposal loses its title and body here (docs/adr/0012-moderation-and-arbitration.md).
const MODERATION_COLUMN = `CASE WHEN mv.visibility IN ('hidden', 'removed') THEN mv.visibility END AS moderation`;
const MODERATION_JOIN = `LEFT JOIN read_models.moderation_visibility mv ON mv.target_key = 'proposal-' || p.proposal_id`;

type Moderated = { moderation?: 'hidden' | 'removed' | null };

type SummaryColumns = Pick<
  ProposalTableRow,
  | 'proposal_id'
  | 'author_id'
  | 'title'
  | 'status'
  | 'drafted_at'
  | 'submitted_at'
  | 'opened_at'
  | 'closes_at'
  | 'closed_at'
  | 'withdrawn_at'
  | 'cancelled_at'
  | 'yes'
  | 'no'
  | 'abstain'
  | 'result'
  | 'motion'
  | 'topic'
  | 'last_position'
>;

function toSummary(r: SummaryColumns & Moderated): ProposalSummary {
  return {
    proposalId: r.proposal_id,
    authorId: r.author_id,
    title: r.moderation ? '' : r.title,
    status: r.status,
    draftedAt: r.drafted_at.toISOString(),
    submittedAt: iso(r.submitted_at),
    openedAt: iso(r.opened_at),
    closesAt: iso(r.closes_at),
    closedAt: iso(r.closed_at),
    endedAt: iso(r.withdrawn_at ?? r.cancelled_at),
    tally: { yes: r.yes, no: r.no, abstain: r.abstain },
    result: r.result,
    motion: r.motion,
    topic: r.topic,
    lastPosition: Number(r.last_position),
    ...(r.moderation ? { moderation: r.moderation } : {}),
  };
}

/** Proposals, newest draft first, optionally only those in one status. */
export async function listProposals(db: Queryable, { status, limit, offset }: Paging & { status?: ProposalStatus }): Promise<ProposalSummary[]> {
  const { rows } = await db.query<ProposalTableRow & Moderated>(
    `SELECT ${SUMMARY_COLUMNS}, ${MODERATION_COLUMN} FROM read_models.proposals p ${MODERATION_JOIN}
      WHERE ($1::text IS NULL OR p.status = $1)
      ORDER BY p.drafted_position DESC LIMIT $2 OFFSET $3`,
    [status ?? null, limit, offset],
  );
  return rows.map(toSummary);
}

/** One proposal with its rules, electorate and live tally, or null when there is none. */
export async function getProposal(db: Queryable, proposalId: string): Promise<ProposalDetail | null> {
  if (!UUID.test(proposalId)) return null;
  const { rows } = await db.query<ProposalTableRow & Moderated>(
    `SELECT p.*, ${MODERATION_COLUMN} FROM read_models.proposals p ${MODERATION_JOIN} WHERE p.proposal_id = $1`,
    [proposalId],
  );
  const r = rows[0];
  if (r === undefined) return null;
  return {
    ...toSummary(r),
    body: r.moderation ? '' : r.body,
    rules: { method: 'yes-no-abstain', quorumBps: r.quorum_bps, thresholdBps: r.threshold_bps, allowVoteChange: r.allow_vote_change },
    electorate: r.electorate_position === null ? null : { asOfPosition: Number(r.electorate_position), size: r.electorate_size ?? 0 },
    draftedPosition: Number(r.drafted_position),
    revisions: r.revisions,
    cancellation: r.cancelled_by === null ? null : { cancelledBy: r.cancelled_by, reason: r.cancel_reason ?? '' },
    direct: { yes: r.yes - r.delegated_yes, no: r.no - r.delegated_no, abstain: r.abstain - r.delegated_abstain },
    delegated: { yes: r.delegated_yes, no: r.delegated_no, abstain: r.delegated_abstain },
    delegationsAsOfPosition: num(r.delegations_position),
  };
}

/** Each voter's latest vote on a proposal, in the order they were (last) cast. */
export async function listProposalVotes(db: Queryable, proposalId: string, { limit, offset }: Paging): Promise<ProposalVote[]> {
  if (!UUID.test(proposalId)) return [];
  const { rows } = await db.query<{ voter_id: string; choice: VoteChoice; position: string; cast_at: Date }>(
    `SELECT voter_id, choice, position, cast_at FROM read_models.proposal_votes
      WHERE proposal_id = $1 ORDER BY position LIMIT $2 OFFSET $3`,
    [proposalId, limit, offset],
  );
  return rows.map((r) => ({ voterId: r.voter_id, choice: r.choice, position: Number(r.position), castAt: r.cast_at.toISOString() }));
}

/** Closed proposals and their results, most recently closed first. */
export async function listDecisionLog(db: Queryable, { limit, offset }: Paging): Promise<DecisionLogEntry[]> {
  const { rows } = await db.query<{
    proposal_id: string;
    title: string;
    author_id: string;
    result: ProposalResult;
    yes: number;
    no: number;
    abstain: number;
    delegated_yes: number;
    delegated_no: number;
    delegated_abstain: number;
    motion: Motion;
    topic: string | null;
    electorate_size: number;
    turnout_bps: number;
    quorum_bps: number;
    threshold_bps: number;
    opened_at: Date | null;
    closed_at: Date;
    opened_position: string | null;
    closed_position: string;
  }>('SELECT * FROM read_models.decision_log ORDER BY closed_position DESC LIMIT $1 OFFSET $2', [limit, offset]);
  return rows.map((r) => ({
    proposalId: r.proposal_id,
    title: r.title,
    authorId: r.author_id,
    result: r.result,
    tally: { yes: r.yes, no: r.no, abstain: r.abstain },
    direct: { yes: r.yes - r.delegated_yes, no: r.no - r.delegated_no, abstain: r.abstain - r.delegated_abstain },
    delegated: { yes: r.delegated_yes, no: r.delegated_no, abstain: r.delegated_abstain },
    motion: r.motion,
    topic: r.topic,
    electorateSize: r.electorate_size,
    turnoutBps: r.turnout_bps,
    quorumBps: r.quorum_bps,
    thresholdBps: r.threshold_bps,
    openedAt: iso(r.opened_at),
    closedAt: r.closed_at.toISOString(),
    openedPosition: num(r.opened_position),
    closedPosition: Number(r.closed_position),
  }));
}

/** Ids of open proposals whose voting time is up at `now`, the earliest deadline first. */
export async function listOpenProposalsDue(db: Queryable, now: Date): Promise<string[]> {
  const { rows } = await db.query<{ proposal_id: string }>(
    `SELECT proposal_id FROM read_models.proposals WHERE status = 'open' AND closes_at <= $1 ORDER BY closes_at, proposal_id`,
    [now],
  );
  return rows.map((r) => r.proposal_id);
}

export async function countProposals(db: Queryable, status?: ProposalStatus): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM read_models.proposals WHERE ($1::text IS NULL OR status = $1)', [status ?? null]);
  return Number(rows[0]!.n);
}

export async function countDecisionLog(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM read_models.decision_log');
  return Number(rows[0]!.n);
}
