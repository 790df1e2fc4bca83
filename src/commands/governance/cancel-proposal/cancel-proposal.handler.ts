import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { proposalStream } from '../../../events/governance/proposal-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { proposalModel } from '../proposal-model.js';
import { voterFrom } from '../voter.js';
import { decideCancelProposal } from './cancel-proposal.decide.js';

export const CANCEL_PROPOSAL = 'governance.CancelProposal';

export class CancelProposalRequest extends Command<Appended> {
  constructor(
    readonly proposalId: string,
    readonly reason: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(CancelProposalRequest)
export class CancelProposalHandler implements ICommandHandler<CancelProposalRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: CancelProposalRequest): Promise<Appended> {
    const fields = { proposalId: request.proposalId, reason: request.reason };
    const { member, act } = await this.members.signedBy(request.meta.actor, CANCEL_PROPOSAL, fields, request.act, request.meta.now);
    return this.aggregates.handle(
      proposalStream(request.proposalId),
      proposalModel,
      (state) => decideCancelProposal(state, { proposalId: request.proposalId, actor: voterFrom(member), reason: request.reason, meta: request.meta }),
      request.meta,
      act,
    );
  }
}
