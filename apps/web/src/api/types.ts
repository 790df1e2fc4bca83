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

/**
 * The rules a draft states. The server requires the threshold except for a no-confidence motion,
 * where an absent one means 6667 (two thirds); the act signs it only when stated.
 */
export type DraftRules = Omit<ProposalRules, 'thresholdBps'> & { thresholdBps?: number };

export interface ProposalSummary {
  proposalId: string;
  title: string;
  status: ProposalStatus;
  authorId: string;
  closesAt: string | null;
  tally: Tally;
  result: ProposalResult | null;
  /** Set when moderation hid or removed it: title and body are withheld. */
  moderation?: 'hidden' | 'removed';
}

export interface ProposalDetail extends ProposalSummary {
  body: string;
  /** Set once the proposal opens: the members verified at or before `asOfPosition`. */
  electorate: { asOfPosition: number; size: number } | null;
  rules: ProposalRules | null;
  openedAt: string | null;
  closedAt: string | null;
  /** The weight delegations carried to a voter's choice, published at the close (zero before). */
  delegated?: Tally;
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
  /** Age of the oldest event not applied yet, in seconds. */
  lagSeconds?: number;
  status: string;
  /** What is happening to it: running, paused, rebuilding, failed, stopped, not-started. */
  state?: string;
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

/** The signature part of a member's act, as the API expects it next to the command's fields. */
export interface ActJson {
  keyId: string;
  issuedAt: string;
  nonce: string;
  signature: string;
}

export interface MemberSummary {
  memberId: string;
  handle: string;
  registeredAt: string;
  registeredPosition: number;
  /** kind 'registered' | 'verified' | 'suspended' | 'left' today; kept open so a new status still renders. */
  status?: { kind: string };
  verified: boolean;
  verifiedPosition: number | null;
  verifiedBy: string | null;
  roles: string[];
  updatedPosition: number;
}

export interface MemberDetail extends MemberSummary {
  /** Retired keys (rotated out) carry the position that retired them. */
  keys: { keyId: string; publicKey: string; registeredPosition: number; retiredPosition?: number | null }[];
}

export interface CommentNode {
  commentId: string;
  parentId: string | null;
  authorId: string;
  status: string;
  body: string | null;
  postedAt: string;
  position: number;
  retractedAt: string | null;
  /** Set while moderation hides or removes it: the body is withheld. */
  moderation?: 'hidden' | 'removed';
  replies: CommentNode[];
}

export interface LedgerInfo {
  origin: string;
  verifierKey: string;
  size: number;
  rootHash: string | null;
  checkpoint: string | null;
  integrator: string;
}

export interface LedgerEvent {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  meta: { actor: string; correlationId: string; causationId: string; occurredAt: string };
  act?: { command: Record<string, unknown>; signature: string };
}

export interface InclusionProof {
  index: number;
  size: number;
  rootHash: string;
  hashes: string[];
  checkpoint: string;
}

/** What every command answers: the global position of its events (for read-your-writes). */
export interface Written {
  position: number;
}
