import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { sha256 } from '../../../events/canonical.js';
import { commentsStream } from '../../../events/governance/comment-events.js';
import { proposalStream } from '../../../events/governance/proposal-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { commentsModel } from '../comments-model.js';
import { proposalModel } from '../proposal-model.js';
import { voterFrom } from '../voter.js';
import { decidePostComment } from './post-comment.decide.js';

export const POST_COMMENT = 'governance.PostComment';

/** The fields a member signs to comment: the body by its SHA-256 (ADR 0004), so the act stays small. */
export function postCommentSignedFields(c: { proposalId: string; commentId: string; parentId: string | null; body: string }): Record<string, unknown> {
  return { proposalId: c.proposalId, commentId: c.commentId, parentId: c.parentId, bodySha256: sha256(c.body).toString('hex') };
}

export class PostCommentRequest extends Command<Appended> {
  constructor(
    readonly proposalId: string,
    readonly commentId: string,
    readonly parentId: string | null,
    readonly body: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/**
 * The comment goes on the proposal's comments stream; the proposal's own stream is only read, for
 * whether it exists and is still under discussion (docs/adr/0006-comments.md).
 */
@CommandHandler(PostCommentRequest)
export class PostCommentHandler implements ICommandHandler<PostCommentRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: PostCommentRequest): Promise<Appended> {
    const { member, act } = await this.members.signedBy(request.meta.actor, POST_COMMENT, postCommentSignedFields(request), request.act, request.meta.now);
    const { state: proposal } = await this.aggregates.load(proposalStream(request.proposalId), proposalModel);
    return this.aggregates.handle(
      commentsStream(request.proposalId),
      commentsModel,
      (thread) =>
        decidePostComment(thread, {
          proposalId: request.proposalId,
          commentId: request.commentId,
          parentId: request.parentId,
          author: voterFrom(member),
          body: request.body,
          proposalStatus: proposal.status,
          nonce: request.act.nonce,
          meta: request.meta,
        }),
      request.meta,
      act,
    );
  }
}
