import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { moderationStream, type ModerationTarget } from '../../../events/moderation/moderation-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { moderationModel } from '../moderation-model.js';
import { decideAppealAction } from './appeal-action.decide.js';

export const APPEAL_ACTION = 'moderation.AppealAction';

export class AppealActionRequest extends Command<Appended> {
  constructor(
    readonly actionId: string,
    readonly target: ModerationTarget,
    readonly statement: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export const appealActionSignedFields = (r: { actionId: string; target: ModerationTarget; statement: string }): Record<string, unknown> => ({
  actionId: r.actionId,
  target: r.target,
  statement: r.statement,
});

/** The request names the target, so the appeal is decided on the target's stream, where the action is. */
@CommandHandler(AppealActionRequest)
export class AppealActionHandler implements ICommandHandler<AppealActionRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: AppealActionRequest): Promise<Appended> {
    // A suspended member must be able to appeal the suspension (or anything else done while it runs).
    const { member, act } = await this.members.signedBy(request.meta.actor, APPEAL_ACTION, appealActionSignedFields(request), request.act, request.meta.now, {
      allowSuspended: true,
    });
    return this.aggregates.handle(
      moderationStream(request.target),
      moderationModel,
      (state) =>
        decideAppealAction(state, {
          actionId: request.actionId,
          target: request.target,
          appellantId: member.memberId,
          statement: request.statement,
          nonce: request.act.nonce,
          meta: request.meta,
        }),
      request.meta,
      act,
    );
  }
}
