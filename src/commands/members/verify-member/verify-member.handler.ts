import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { memberStream } from '../../../events/members/member-events.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { ActingMembers, memberModel } from '../acting-member.js';
import { decideVerifyMember } from './verify-member.decide.js';

export const VERIFY_MEMBER = 'members.VerifyMember';

export class VerifyMemberRequest extends Command<Appended> {
  constructor(
    readonly memberId: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(VerifyMemberRequest)
export class VerifyMemberHandler implements ICommandHandler<VerifyMemberRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: VerifyMemberRequest): Promise<Appended> {
    const { member: verifier, act } = await this.members.signedBy(request.meta.actor, VERIFY_MEMBER, { memberId: request.memberId }, request.act, request.meta.now);
    return this.aggregates.handle(
      memberStream(request.memberId),
      memberModel,
      (state) => decideVerifyMember(state, { memberId: request.memberId, verifier: { memberId: verifier.memberId, roles: verifier.roles }, meta: request.meta }),
      request.meta,
      act,
    );
  }
}
