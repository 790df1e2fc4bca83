import type { CountingRound } from '../../governance/counting/index.js';
import type { CandidacyStatus, ElectionStatus } from '../../projections/governance/elections.fold.js';
import type { CandidateTableRow, ElectionTableRow, RoundTableRow } from './election-rows.js';
import type { Queryable } from './proposal-queries.js';

export interface ElectionSummary {
  electionId: string;
  title: string;
  role: string | null;
  seats: number;
  method: string;
  status: ElectionStatus;
  calledBy: string;
  calledAt: string;
  nominationsCloseAt: string;
  closesAt: string;
  electorate: { asOfPosition: number; size: number };
  /** Candidates standing (withdrawn ones not counted). */
  candidates: number;
  /** Members who cast a ballot so far. */
  voters: number;
  /** Member ids in the order elected, once closed. */
  winners: string[] | null;
  position: number;
}

export interface CandidateView {
  candidateId: string;
  statement: string;
  status: CandidacyStatus;
  declaredAt: string;
  position: number;
  electedRank: number | null;
}

export interface ElectionDetail extends Omit<ElectionSummary, 'candidates'> {
  candidates: CandidateView[];
  /** The published count, null until the election closes. */
  result: { winners: string[]; ballotsCounted: number; electorateSize: number; quota: string | null; rounds: CountingRound[]; closedAt: string; position: number } | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type SummaryRow = ElectionTableRow & { standing: string };

function summaryOf(r: ElectionTableRow): Omit<ElectionSummary, 'candidates'> {
  return {
    electionId: r.election_id,
    title: r.title,
    role: r.role,
    seats: r.seats,
    method: r.method,
    status: r.status,
    calledBy: r.called_by,
    calledAt: r.called_at.toISOString(),
    nominationsCloseAt: r.nominations_close_at.toISOString(),
    closesAt: r.closes_at.toISOString(),
    electorate: { asOfPosition: Number(r.electorate_position), size: r.electorate_size },
    voters: r.voters,
    winners: r.winners,
    position: Number(r.called_position),
  };
}

/** Elections, most recently called first. */
export async function listElections(
  db: Queryable,
  { status, limit, offset }: { status?: ElectionStatus; limit: number; offset: number },
): Promise<{ items: ElectionSummary[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.query<SummaryRow>(
      `SELECT e.*, (SELECT count(*) FROM read_models.election_candidates c WHERE c.election_id = e.election_id AND c.status = 'standing') AS standing
         FROM read_models.elections e
        WHERE ($1::text IS NULL OR e.status = $1)
        ORDER BY e.called_position DESC LIMIT $2 OFFSET $3`,
      [status ?? null, limit, offset],
    ),
    db.query<{ n: string }>('SELECT count(*) AS n FROM read_models.elections WHERE ($1::text IS NULL OR status = $1)', [status ?? null]),
  ]);
  return { items: rows.rows.map((r) => ({ ...summaryOf(r), candidates: Number(r.standing) })), total: Number(count.rows[0]!.n) };
}

/** One election with its candidates (in the order they declared) and, once closed, every counting round. */
export async function getElection(db: Queryable, electionId: string): Promise<ElectionDetail | null> {
  if (!UUID.test(electionId)) return null;
  const [election, candidates, rounds] = await Promise.all([
    db.query<ElectionTableRow>('SELECT * FROM read_models.elections WHERE election_id = $1', [electionId]),
    db.query<CandidateTableRow>('SELECT * FROM read_models.election_candidates WHERE election_id = $1 ORDER BY declared_position', [electionId]),
    db.query<RoundTableRow>('SELECT * FROM read_models.election_rounds WHERE election_id = $1 ORDER BY round', [electionId]),
  ]);
  const r = election.rows[0];
  if (r === undefined) return null;
  return {
    ...summaryOf(r),
    candidates: candidates.rows.map((c) => ({
      candidateId: c.candidate_id,
      statement: c.statement,
      status: c.status,
      declaredAt: c.declared_at.toISOString(),
      position: Number(c.declared_position),
      electedRank: c.elected_rank,
    })),
    result:
      r.status === 'closed'
        ? {
            winners: r.winners ?? [],
            ballotsCounted: r.ballots_counted ?? 0,
            electorateSize: r.electorate_size,
            quota: r.quota,
            closedAt: r.closed_at!.toISOString(),
            position: Number(r.closed_position),
            rounds: rounds.rows.map((x) => ({
              round: x.round,
              counts: x.counts,
              exhausted: x.exhausted,
              elected: x.elected,
              eliminated: x.eliminated,
              transfers: x.transfers,
              tieBreaks: x.tie_breaks,
            })),
          }
        : null,
  };
}

/** Called elections whose voting time is up: what the closer counts. */
export async function listElectionsDue(db: Queryable, now: Date): Promise<string[]> {
  const { rows } = await db.query<{ election_id: string }>(
    `SELECT election_id FROM read_models.elections WHERE status = 'called' AND closes_at <= $1 ORDER BY closes_at, election_id`,
    [now],
  );
  return rows.map((r) => r.election_id);
}
