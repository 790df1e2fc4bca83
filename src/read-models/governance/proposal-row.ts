import type { Motion, ProposalResult } from '../../events/governance/proposal-events.js';

export const PROPOSAL_STATUSES = ['drafted', 'submitted', 'open', 'closed', 'withdrawn', 'cancelled'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A row of read_models.proposals as node-postgres returns it (bigints as strings). */
export interface ProposalTableRow {
  proposal_id: string;
  author_id: string;
  title: string;
  body: string;
  status: ProposalStatus;
  quorum_bps: number;
  threshold_bps: number;
  allow_vote_change: boolean;
  drafted_at: Date;
  drafted_position: string;
  revisions: number;
  submitted_at: Date | null;
  opened_at: Date | null;
  closes_at: Date | null;
  closed_at: Date | null;
  electorate_position: string | null;
  electorate_size: number | null;
  yes: number;
  no: number;
  abstain: number;
  result: ProposalResult | null;
  withdrawn_at: Date | null;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  last_position: string;
  motion: Motion;
  topic: string | null;
  delegated_yes: number;
  delegated_no: number;
  delegated_abstain: number;
  delegations_position: string | null;
}
