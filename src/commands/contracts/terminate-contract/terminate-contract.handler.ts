import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { contractStream } from '../../../events/contracts/contract-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { participantFrom } from '../../records/participant.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { contractModel } from '../contract-model.js';
import { decideTerminateContract } from './terminate-contract.decide.js';

export const TERMINATE_CONTRACT = 'contracts.TerminateContract';

export class TerminateContractRequest extends Command<Appended> {
  constructor(
    readonly contractId: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(TerminateContractRequest)
export class TerminateContractHandler implements ICommandHandler<TerminateContractRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute({ contractId, act: given, meta }: TerminateContractRequest): Promise<Appended> {
    const { member, act } = await this.members.signedBy(meta.actor, TERMINATE_CONTRACT, { contractId }, given, meta.now);
    return this.aggregates.handle(
      contractStream(contractId),
      contractModel,
      (state) => decideTerminateContract(state, { contractId, party: participantFrom(member), meta }),
      meta,
      act,
    );
  }
}
