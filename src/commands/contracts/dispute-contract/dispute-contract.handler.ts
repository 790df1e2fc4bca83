import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { contractStream } from '../../../events/contracts/contract-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { participantFrom } from '../../records/participant.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { contractModel } from '../contract-model.js';
import { decideDisputeContract } from './dispute-contract.decide.js';

export const DISPUTE_CONTRACT = 'contracts.DisputeContract';

export class DisputeContractRequest extends Command<Appended> {
  constructor(
    readonly contractId: string,
    readonly reason: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(DisputeContractRequest)
export class DisputeContractHandler implements ICommandHandler<DisputeContractRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute({ contractId, reason, act: given, meta }: DisputeContractRequest): Promise<Appended> {
    const { member, act } = await this.members.signedBy(meta.actor, DISPUTE_CONTRACT, { contractId, reason }, given, meta.now);
    return this.aggregates.handle(
      contractStream(contractId),
      contractModel,
      (state) => decideDisputeContract(state, { contractId, reason, party: participantFrom(member), meta }),
      meta,
      act,
    );
  }
}
