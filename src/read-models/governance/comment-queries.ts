import type { CommentStatus } from '../../projections/governance/comments.fold.js';
import type { CommentTableRow } from './comment-row.js';
import type { Queryable } from './proposal-queries.js';

/** One comment of a thread with its replies, oldest first; a retracted one is a tombstone without a body. */
export interface CommentNode {
  commentId: string;
  parentId: string | null;
  authorId: string;
  status: CommentStatus;
  body: string | null;
  postedAt: string;
  position: number;
  retractedAt: string | null;
  /** Moderation (read_models.moderation_visibility): set on a hidden or removed comment, which keeps its place without its body. */
  moderation?: 'hidden' | 'removed';
  replies: CommentNode[];
}

/** A comment row joined with its moderation visibility. */
type ModeratedCommentRow = CommentTableRow & { moderation?: 'hidden' | 'removed' | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The discussion of a proposal as a tree: top-level comments, each with its replies, in the order they were posted. */
export async function getCommentThread(db: Queryable, proposalId: string): Promise<{ items: CommentNode[]; total: number }> {
  if (!UUID.test(proposalId)) return { items: [], total: 0 };
  // Moderation: hidden and removed comments lose their body here (docs/adr/0012-moderation-and-arbitration.md).
  const { rows } = await db.query<ModeratedCommentRow>(
    `SELECT c.proposal_id, c.comment_id, c.parent_id, c.author_id, c.status, c.posted_at, c.posted_position, c.retracted_at, c.last_position,
            CASE WHEN mv.visibility IN ('hidden', 'removed') THEN NULL ELSE c.body END AS body,
            CASE WHEN mv.visibility IN ('hidden', 'removed') THEN mv.visibility END AS moderation
       FROM read_models.proposal_comments c
       LEFT JOIN read_models.moderation_visibility mv ON mv.target_kind = 'comment' AND mv.proposal_id = c.proposal_id AND mv.comment_id = c.comment_id
      WHERE c.proposal_id = $1 ORDER BY c.posted_position`,
    [proposalId],
  );
  return { items: threadOf(rows), total: rows.length };
}

/** Builds the tree from rows in posting order: a parent is always posted before its replies. */
export function threadOf(rows: readonly ModeratedCommentRow[]): CommentNode[] {
  const nodes = new Map<string, CommentNode>();
  const roots: CommentNode[] = [];
  for (const r of rows) {
    const node: CommentNode = {
      commentId: r.comment_id,
      parentId: r.parent_id,
      authorId: r.author_id,
      status: r.status,
      body: r.body,
      postedAt: r.posted_at.toISOString(),
      position: Number(r.posted_position),
      retractedAt: r.retracted_at === null ? null : r.retracted_at.toISOString(),
      replies: [],
      ...(r.moderation ? { moderation: r.moderation } : {}),
    };
    nodes.set(node.commentId, node);
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.replies.push(node);
    else roots.push(node);
  }
  return roots;
}
