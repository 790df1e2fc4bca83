import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { proposalStream } from '../../../events/governance/proposal-events.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { proposalModel } from '../proposal-model.js';
import { decideCloseProposal } from './close-proposal.decide.js';

export class CloseProposalRequest extends Command<Appended> {
  constructor(
    readonly proposalId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** A derived act of the system: no signature, the result is recomputable from the votes. */
@CommandHandler(CloseProposalRequest)
export class CloseProposalHandler implements ICommandHandler<CloseProposalRequest> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute(request: CloseProposalRequest): Promise<Appended> {
    return this.aggregates.handle(
      proposalStream(request.proposalId),
      proposalModel,
      (state) => decideCloseProposal(state, { proposalId: request.proposalId, meta: request.meta }),
      request.meta,
    );
  }
}
