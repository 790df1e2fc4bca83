import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { memberStream } from '../../../events/members/member-events.js';
import { MemberErasure } from '../../../identity/member-erasure.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { ActingMembers, memberModel } from '../acting-member.js';
import type { MemberState } from '../member.state.js';
import { decideLeave } from './leave.decide.js';

export const LEAVE = 'members.Leave';

export class LeaveRequest extends Command<Appended> {
  constructor(
    readonly memberId: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/**
 * The event first, then the erasure: the reverse order could erase someone whose leaving never
 * reached the log. A leave sent again after a crash in between finishes the erasure.
 */
@CommandHandler(LeaveRequest)
export class LeaveHandler implements ICommandHandler<LeaveRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
    private readonly erasure: MemberErasure,
  ) {}

  async execute(request: LeaveRequest): Promise<Appended> {
    const decide = (state: MemberState) => decideLeave(state, { memberId: request.memberId, meta: request.meta });
    const { state } = await this.aggregates.load(memberStream(request.memberId), memberModel);
    if (state.status !== 'none' && state.membership.kind === 'left') {
      // A retry after a crash between the event and the erasure: the member holds no key any more,
      // but their access token still names them. Finishing the erasure of their own data appends nothing.
      await this.erasure.erase(request.memberId);
      return this.aggregates.handle(memberStream(request.memberId), memberModel, decide, request.meta);
    }
    const { act } = await this.members.signedBy(request.memberId, LEAVE, {}, request.act, request.meta.now, { allowSuspended: true });
    const appended = await this.aggregates.handle(memberStream(request.memberId), memberModel, decide, request.meta, act);
    await this.erasure.erase(request.memberId);
    return appended;
  }
}
