import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { moderationStream, type AppealDecided, type AppealOutcome, type ModerationTarget } from '../../../events/moderation/moderation-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { LiftSuspension } from '../../members/lift-suspension/lift-suspension.command.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { moderationModel } from '../moderation-model.js';
import { mergeAppended } from '../take-action/take-action.handler.js';
import { decideDecideAppeal } from './decide-appeal.decide.js';

export const DECIDE_APPEAL = 'moderation.DecideAppeal';

/**
 * The id under which the member lifecycle records what an appeal decision did: one decision per
 * action, so it is derived from the action's id, distinct from it (the suspension itself is
 * recorded under the action's id), and the same on every retry.
 */
export const appealDecisionId = (actionId: string): string => `appeal-${actionId}`;

export class DecideAppealRequest extends Command<Appended> {
  constructor(
    readonly actionId: string,
    readonly target: ModerationTarget,
    readonly outcome: AppealOutcome,
    readonly reason: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export const decideAppealSignedFields = (r: { actionId: string; target: ModerationTarget; outcome: string; reason: string }): Record<string, unknown> => ({
  actionId: r.actionId,
  target: r.target,
  outcome: r.outcome,
  reason: r.reason,
});

/** The decision goes on the target's stream; an overturned suspension is then lifted by the member lifecycle. */
@CommandHandler(DecideAppealRequest)
export class DecideAppealHandler implements ICommandHandler<DecideAppealRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
    private readonly commands: CommandBus,
  ) {}

  async execute(request: DecideAppealRequest): Promise<Appended> {
    const { member, act } = await this.members.signedBy(request.meta.actor, DECIDE_APPEAL, decideAppealSignedFields(request), request.act, request.meta.now);
    let decided: AppealDecided | undefined;
    const appended = await this.aggregates.handle(
      moderationStream(request.target),
      moderationModel,
      (state) => {
        const events = decideDecideAppeal(state, {
          actionId: request.actionId,
          target: request.target,
          outcome: request.outcome,
          reason: request.reason,
          decider: { memberId: member.memberId, roles: member.roles },
          nonce: request.act.nonce,
          meta: request.meta,
        });
        decided = events[0];
        return events;
      },
      request.meta,
      act,
    );
    if (decided === undefined || !decided.data.suspensionLifted || request.target.kind !== 'member') return appended;
    const lifted = await this.commands.execute(new LiftSuspension(request.target.memberId, appealDecisionId(request.actionId), request.meta));
    return mergeAppended(appended, lifted);
  }
}
