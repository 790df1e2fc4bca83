import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { DELEGATIONS_STREAM } from '../../../events/governance/delegation-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { delegationModel } from '../delegation.state.js';
import { voterFrom } from '../voter.js';
import { decideRevokeDelegation } from './revoke-delegation.decide.js';

export const REVOKE_DELEGATION = 'governance.RevokeDelegation';

export class RevokeDelegationRequest extends Command<Appended> {
  constructor(
    readonly topic: string | null,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(RevokeDelegationRequest)
export class RevokeDelegationHandler implements ICommandHandler<RevokeDelegationRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: RevokeDelegationRequest): Promise<Appended> {
    const { member, act } = await this.members.signedBy(request.meta.actor, REVOKE_DELEGATION, { topic: request.topic }, request.act, request.meta.now);
    return this.aggregates.handle(
      DELEGATIONS_STREAM,
      delegationModel,
      (state) => decideRevokeDelegation(state, { delegator: voterFrom(member), topic: request.topic, nonce: request.act.nonce, meta: request.meta }),
      request.meta,
      act,
    );
  }
}
