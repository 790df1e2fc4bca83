import type { Recorded, SignedAct } from '../../events/envelope.js';
import type { CommentEvent } from '../../events/governance/comment-events.js';

export type CommentState =
  | { status: 'posted'; authorId: string; parentId: string | null }
  | { status: 'retracted'; authorId: string; parentId: string | null };

/** The discussion of one proposal: its own stream (docs/adr/0006-comments.md). */
export interface CommentThread {
  /** commentId -> the comment's state; a retracted comment stays, as a tombstone. */
  comments: ReadonlyMap<string, CommentState>;
  /** Nonces of the signed acts already recorded on this thread: a replayed act is refused. */
  usedNonces: ReadonlySet<string>;
}

export type CommentHistoryEvent = Recorded<CommentEvent> & { act?: SignedAct };

export const initialCommentThread: CommentThread = { comments: new Map(), usedNonces: new Set() };

export function evolveCommentThread(thread: CommentThread, event: CommentHistoryEvent): CommentThread {
  const comments = apply(thread.comments, event);
  const nonce = event.act?.command.nonce;
  const usedNonces = typeof nonce === 'string' ? new Set(thread.usedNonces).add(nonce) : thread.usedNonces;
  return { comments, usedNonces };
}

/** Events out of order (a second post of one id, a retraction of nothing) leave the thread as it was. */
function apply(comments: ReadonlyMap<string, CommentState>, event: Recorded<CommentEvent>): ReadonlyMap<string, CommentState> {
  switch (event.type) {
    case 'governance.CommentPosted': {
      const { commentId, authorId, parentId } = event.data;
      if (comments.has(commentId)) return comments;
      return new Map(comments).set(commentId, { status: 'posted', authorId, parentId });
    }
    case 'governance.CommentRetracted': {
      const comment = comments.get(event.data.commentId);
      if (comment === undefined || comment.status !== 'posted') return comments;
      return new Map(comments).set(event.data.commentId, { ...comment, status: 'retracted' });
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled comment event ${(unhandled as { type: string }).type}`);
    }
  }
}
