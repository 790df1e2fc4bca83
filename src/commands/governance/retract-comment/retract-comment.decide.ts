import type { CommentRetracted } from '../../../events/governance/comment-events.js';
import { Forbidden, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import type { CommentThread } from '../comments.state.js';
import type { RetractComment } from './retract-comment.command.js';

export function decideRetractComment(thread: CommentThread, command: RetractComment): CommentRetracted[] {
  const { proposalId, commentId, actor } = command;
  const comment = thread.comments.get(commentId);
  if (comment === undefined) throw new NotFound('comment', commentId);
  if (comment.authorId !== actor.memberId) throw new Forbidden('not-author', 'only its author may retract a comment');
  switch (comment.status) {
    case 'posted':
      break;
    case 'retracted':
      throw new RuleBroken('already-retracted', `comment ${commentId} was already retracted`);
    default: {
      const unhandled: never = comment;
      throw new Error(`unhandled comment state ${(unhandled as { status: string }).status}`);
    }
  }
  return [{ type: 'governance.CommentRetracted', data: { commentId, proposalId, retractedBy: actor.memberId } }];
}
