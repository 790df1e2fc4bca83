import type { CommentStatus } from '../../projections/governance/comments.fold.js';

/** A row of read_models.proposal_comments as node-postgres returns it (bigints as strings). */
export interface CommentTableRow {
  proposal_id: string;
  comment_id: string;
  parent_id: string | null;
  author_id: string;
  status: CommentStatus;
  body: string | null;
  posted_at: Date;
  posted_position: string;
  retracted_at: Date | null;
  last_position: string;
}
