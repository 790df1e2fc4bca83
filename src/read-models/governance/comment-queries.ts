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
  replies: CommentNode[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The discussion of a proposal as a tree: top-level comments, each with its replies, in the order they were posted. */
export async function getCommentThread(db: Queryable, proposalId: string): Promise<{ items: CommentNode[]; total: number }> {
  if (!UUID.test(proposalId)) return { items: [], total: 0 };
  const { rows } = await db.query<CommentTableRow>(
    `SELECT proposal_id, comment_id, parent_id, author_id, status, body, posted_at, posted_position, retracted_at, last_position
       FROM read_models.proposal_comments WHERE proposal_id = $1 ORDER BY posted_position`,
    [proposalId],
  );
  return { items: threadOf(rows), total: rows.length };
}

/** Builds the tree from rows in posting order: a parent is always posted before its replies. */
export function threadOf(rows: readonly CommentTableRow[]): CommentNode[] {
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
    };
    nodes.set(node.commentId, node);
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.replies.push(node);
    else roots.push(node);
  }
  return roots;
}
