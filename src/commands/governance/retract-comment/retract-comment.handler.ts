import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { commentsStream } from '../../../events/governance/comment-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { commentsModel } from '../comments-model.js';
import { voterFrom } from '../voter.js';
import { decideRetractComment } from './retract-comment.decide.js';

export const RETRACT_COMMENT = 'governance.RetractComment';

export class RetractCommentRequest extends Command<Appended> {
  constructor(
    readonly proposalId: string,
    readonly commentId: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(RetractCommentRequest)
export class RetractCommentHandler implements ICommandHandler<RetractCommentRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: RetractCommentRequest): Promise<Appended> {
    const fields = { proposalId: request.proposalId, commentId: request.commentId };
    const { member, act } = await this.members.signedBy(request.meta.actor, RETRACT_COMMENT, fields, request.act, request.meta.now);
    return this.aggregates.handle(
      commentsStream(request.proposalId),
      commentsModel,
      (thread) => decideRetractComment(thread, { proposalId: request.proposalId, commentId: request.commentId, actor: voterFrom(member), meta: request.meta }),
      request.meta,
      act,
    );
  }
}
