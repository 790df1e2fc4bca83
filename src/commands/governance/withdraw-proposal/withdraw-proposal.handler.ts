import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { proposalStream } from '../../../events/governance/proposal-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { proposalModel } from '../proposal-model.js';
import { voterFrom } from '../voter.js';
import { decideWithdrawProposal } from './withdraw-proposal.decide.js';

export const WITHDRAW_PROPOSAL = 'governance.WithdrawProposal';

export class WithdrawProposalRequest extends Command<Appended> {
  constructor(
    readonly proposalId: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(WithdrawProposalRequest)
export class WithdrawProposalHandler implements ICommandHandler<WithdrawProposalRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: WithdrawProposalRequest): Promise<Appended> {
    const fields = { proposalId: request.proposalId };
    const { member, act } = await this.members.signedBy(request.meta.actor, WITHDRAW_PROPOSAL, fields, request.act, request.meta.now);
    return this.aggregates.handle(
      proposalStream(request.proposalId),
      proposalModel,
      (state) => decideWithdrawProposal(state, { proposalId: request.proposalId, actor: voterFrom(member), meta: request.meta }),
      request.meta,
      act,
    );
  }
}
