import type { CommentPosted } from '../../../events/governance/comment-events.js';
import { COMMENT_MAX_CHARS } from '../../../events/governance/comment-schemas.js';
import { Conflict, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import type { CommentThread } from '../comments.state.js';
import type { PostComment } from './post-comment.command.js';

export function decidePostComment(thread: CommentThread, command: PostComment): CommentPosted[] {
  const { proposalId, commentId, parentId, author, nonce, proposalStatus } = command;
  const body = validBody(command.body);
  switch (proposalStatus) {
    case 'none':
      throw new NotFound('proposal', proposalId);
    case 'drafted':
    case 'submitted':
    case 'open':
      break;
    case 'closed':
    case 'withdrawn':
    case 'cancelled':
      throw new RuleBroken('discussion-closed', `proposal ${proposalId} is ${proposalStatus}: its discussion is closed`);
    default: {
      const unhandled: never = proposalStatus;
      throw new Error(`unhandled proposal state ${String(unhandled)}`);
    }
  }
  if (author.verification.kind !== 'verified') throw new RuleBroken('member-not-verified', 'only verified members may comment');
  if (thread.usedNonces.has(nonce)) throw new Conflict('replayed-act', 'this signed act was already used on this discussion');
  if (thread.comments.has(commentId)) throw new Conflict('comment-exists', `comment ${commentId} already exists`);
  if (parentId !== null) {
    const parent = thread.comments.get(parentId);
    // Replies stay within one proposal's thread: a parent elsewhere (or nowhere) is not in this one.
    if (parent === undefined) throw new RuleBroken('parent-not-in-proposal', `comment ${parentId} is not part of the discussion of proposal ${proposalId}`);
    if (parent.status === 'retracted') throw new RuleBroken('parent-retracted', `comment ${parentId} was retracted by its author`);
  }
  return [{ type: 'governance.CommentPosted', data: { commentId, proposalId, parentId, authorId: author.memberId, body } }];
}

function validBody(body: unknown): string {
  if (typeof body !== 'string' || body.trim() === '' || [...body].length > COMMENT_MAX_CHARS) {
    throw new InvalidInput('body', `body must be 1-${COMMENT_MAX_CHARS} characters and not blank`);
  }
  return body;
}
