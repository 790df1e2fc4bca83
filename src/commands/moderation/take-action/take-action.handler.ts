import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { moderationStream, type ActionKind, type ModerationTarget } from '../../../events/moderation/moderation-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { SuspendMember } from '../../members/suspend-member/suspend-member.command.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { moderationModel } from '../moderation-model.js';
import { TargetFactsReader } from '../target-facts.js';
import { decideTakeAction } from './take-action.decide.js';

export const TAKE_ACTION = 'moderation.TakeAction';

export class TakeActionRequest extends Command<Appended> {
  constructor(
    readonly actionId: string,
    readonly target: ModerationTarget,
    readonly kind: ActionKind,
    readonly rule: string,
    readonly reason: string,
    readonly until: string | null,
    readonly resolves: readonly string[],
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export const takeActionSignedFields = (r: {
  actionId: string;
  target: ModerationTarget;
  kind: string;
  rule: string;
  reason: string;
  until: string | null;
  resolves: readonly string[];
}): Record<string, unknown> => ({ actionId: r.actionId, target: r.target, kind: r.kind, rule: r.rule, reason: r.reason, until: r.until, resolves: [...r.resolves] });

/**
 * The action goes on the target's moderation stream first; a suspension is then carried out by the
 * member lifecycle (SuspendMember, idempotent by actionId), so the log says why before it says what.
 */
@CommandHandler(TakeActionRequest)
export class TakeActionHandler implements ICommandHandler<TakeActionRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
    private readonly targets: TargetFactsReader,
    private readonly commands: CommandBus,
  ) {}

  async execute(request: TakeActionRequest): Promise<Appended> {
    const { member, act } = await this.members.signedBy(request.meta.actor, TAKE_ACTION, takeActionSignedFields(request), request.act, request.meta.now);
    const targetFacts = await this.targets.read(request.target);
    const appended = await this.aggregates.handle(
      moderationStream(request.target),
      moderationModel,
      (state) =>
        decideTakeAction(state, {
          actionId: request.actionId,
          target: request.target,
          kind: request.kind,
          rule: request.rule,
          reason: request.reason,
          until: request.until === null ? null : new Date(request.until),
          resolves: request.resolves,
          moderator: { memberId: member.memberId, roles: member.roles },
          targetFacts,
          nonce: request.act.nonce,
          meta: request.meta,
        }),
      request.meta,
      act,
    );
    if (request.kind !== 'suspend' || request.target.kind !== 'member' || request.until === null) return appended;
    const suspended = await this.commands.execute(
      new SuspendMember(request.target.memberId, new Date(request.until).toISOString(), request.actionId, request.reason.trim(), request.meta),
    );
    return mergeAppended(appended, suspended);
  }
}

/** One answer for the two appends: the caller waits for the later position. */
export function mergeAppended(first: Appended, second: Appended): Appended {
  const positions = [...first.positions, ...second.positions];
  return { positions, position: Math.max(first.position, second.position) };
}
