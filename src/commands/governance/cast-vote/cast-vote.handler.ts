import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { proposalStream, type VoteChoice } from '../../../events/governance/proposal-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { proposalModel } from '../proposal-model.js';
import { voterFrom } from '../voter.js';
import { decideCastVote } from './cast-vote.decide.js';

export const CAST_VOTE = 'governance.CastVote';

export class CastVoteRequest extends Command<Appended> {
  constructor(
    readonly proposalId: string,
    readonly choice: VoteChoice,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(CastVoteRequest)
export class CastVoteHandler implements ICommandHandler<CastVoteRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: CastVoteRequest): Promise<Appended> {
    const fields = { proposalId: request.proposalId, choice: request.choice };
    const { member, act } = await this.members.signedBy(request.meta.actor, CAST_VOTE, fields, request.act, request.meta.now);
    return this.aggregates.handle(
      proposalStream(request.proposalId),
      proposalModel,
      (state) => decideCastVote(state, { proposalId: request.proposalId, voter: voterFrom(member), choice: request.choice, nonce: request.act.nonce, meta: request.meta }),
      request.meta,
      act,
    );
  }
}
