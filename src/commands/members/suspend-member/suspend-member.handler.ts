import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { memberStream } from '../../../events/members/member-events.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import { memberModel } from '../acting-member.js';
import { SuspendMember } from './suspend-member.command.js';
import { decideSuspendMember } from './suspend-member.decide.js';

/** Internal: dispatched by moderation, which has already checked the moderator's signed act. */
@CommandHandler(SuspendMember)
export class SuspendMemberHandler implements ICommandHandler<SuspendMember> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute(command: SuspendMember): Promise<Appended> {
    return this.aggregates.handle(memberStream(command.memberId), memberModel, (state) => decideSuspendMember(state, command), command.meta);
  }
}
