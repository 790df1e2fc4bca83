import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { memberStream } from '../../../events/members/member-events.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import { memberModel } from '../acting-member.js';
import { LiftSuspension } from './lift-suspension.command.js';
import { decideLiftSuspension } from './lift-suspension.decide.js';

/** Internal: dispatched by moderation (an appeal upheld, an action reversed). */
@CommandHandler(LiftSuspension)
export class LiftSuspensionHandler implements ICommandHandler<LiftSuspension> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute(command: LiftSuspension): Promise<Appended> {
    return this.aggregates.handle(memberStream(command.memberId), memberModel, (state) => decideLiftSuspension(state, command), command.meta);
  }
}
