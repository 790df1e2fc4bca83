import type { TieBreak, Transfer } from '../../governance/counting/index.js';
import type { CandidacyStatus, ElectionStatus } from '../../projections/governance/elections.fold.js';

/** Rows as node-postgres returns them from the elections tables (bigint and numeric as strings). */
export interface ElectionTableRow {
  election_id: string;
  title: string;
  role: string | null;
  seats: number;
  method: string;
  status: ElectionStatus;
  called_by: string;
  called_at: Date;
  called_position: string;
  nominations_close_at: Date;
  closes_at: Date;
  electorate_position: string;
  electorate_size: number;
  voters: number;
  winners: string[] | null;
  ballots_counted: number | null;
  quota: string | null;
  closed_at: Date | null;
  closed_position: string | null;
  last_position: string;
}

export interface CandidateTableRow {
  election_id: string;
  candidate_id: string;
  statement: string;
  status: CandidacyStatus;
  declared_at: Date;
  declared_position: string;
  elected_rank: number | null;
  last_position: string;
}

export interface BallotTableRow {
  election_id: string;
  voter_id: string;
  choices: string[];
  cast_at: Date;
  ballots: number;
  last_position: string;
}

export interface RoundTableRow {
  election_id: string;
  round: number;
  counts: Record<string, string>;
  exhausted: string;
  elected: string[];
  eliminated: string[];
  transfers: Transfer[];
  tie_breaks: TieBreak[];
}
