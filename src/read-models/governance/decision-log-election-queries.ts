import type { ElectionMethod } from '../../events/governance/election-events.js';
import type { Role } from '../../events/members/member-events.js';
import type { CountingRound, TieBreak } from '../../governance/counting/index.js';
import type { ElectionDecisionRow } from '../../projections/governance/decision-log-elections.fold.js';
import type { Paging, Queryable } from './proposal-queries.js';

/** A closed election in the public decision log, with its count as ElectionClosed published it: the projection's row. */
export type ElectionDecisionEntry = ElectionDecisionRow;

interface ElectionDecisionTableRow {
  election_id: string;
  title: string;
  role: Role | null;
  seats: number;
  method: ElectionMethod;
  electorate_size: number;
  voters: number;
  ballots_counted: number;
  quota: string | null;
  candidates: string[];
  elected: string[];
  rounds: CountingRound[];
  tie_break_rules: TieBreak['rule'][];
  called_at: Date;
  closed_at: Date;
  called_position: string;
  closed_position: string;
}

/** Closed elections and their counts, most recently closed first. */
export async function listElectionDecisions(db: Queryable, { limit, offset }: Paging): Promise<ElectionDecisionEntry[]> {
  const { rows } = await db.query<ElectionDecisionTableRow>('SELECT * FROM read_models.decision_log_elections ORDER BY closed_position DESC LIMIT $1 OFFSET $2', [limit, offset]);
  return rows.map((r) => ({
    electionId: r.election_id,
    title: r.title,
    role: r.role,
    seats: r.seats,
    method: r.method,
    electorateSize: r.electorate_size,
    voters: r.voters,
    ballotsCounted: r.ballots_counted,
    quota: r.quota,
    candidates: r.candidates,
    elected: r.elected,
    rounds: r.rounds,
    tieBreakRules: r.tie_break_rules,
    calledAt: r.called_at.toISOString(),
    closedAt: r.closed_at.toISOString(),
    calledPosition: Number(r.called_position),
    closedPosition: Number(r.closed_position),
  }));
}

export async function countElectionDecisions(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM read_models.decision_log_elections');
  return Number(rows[0]!.n);
}
