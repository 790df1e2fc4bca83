export type ProposalStatus = 'drafted' | 'submitted' | 'open' | 'closed' | 'withdrawn' | 'cancelled';
export const PROPOSAL_STATUSES: readonly ProposalStatus[] = ['open', 'submitted', 'drafted', 'closed', 'withdrawn', 'cancelled'];

/** 'passed' | 'rejected' | 'no-quorum' today; kept open so a new result still renders. */
export type ProposalResult = string;

export interface Tally {
  yes: number;
  no: number;
  abstain: number;
}

export interface ProposalRules {
  /** Basis points: 1/100 of a percent. */
  quorumBps: number;
  thresholdBps: number;
  allowVoteChange: boolean;
}

export interface ProposalSummary {
  proposalId: string;
  title: string;
  status: ProposalStatus;
  authorId: string;
  closesAt: string | null;
  electorateSize: number | null;
  tally: Tally;
  result: ProposalResult | null;
}

export interface ProposalDetail extends ProposalSummary {
  body: string;
  rules: ProposalRules | null;
  openedAt: string | null;
  closedAt: string | null;
}

export interface Decision {
  proposalId: string;
  title: string;
  result: ProposalResult;
  tally: Tally;
  electorateSize: number;
  turnoutBps: number;
  closedAt: string;
  closedPosition: number;
}

export interface ProjectionInfo {
  name: string;
  version: number;
  position: number;
  head: number;
  lag: number;
  status: string;
  error: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface ProblemFieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemFieldError[];
}
