import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { transactionStream } from '../../../events/records/record-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { participantFrom } from '../participant.js';
import { transactionModel } from '../transaction-model.js';
import { decideDisputeTransaction } from './dispute-transaction.decide.js';

export const DISPUTE_TRANSACTION = 'records.DisputeTransaction';

export class DisputeTransactionRequest extends Command<Appended> {
  constructor(
    readonly transactionId: string,
    readonly reason: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(DisputeTransactionRequest)
export class DisputeTransactionHandler implements ICommandHandler<DisputeTransactionRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute({ transactionId, reason, act: given, meta }: DisputeTransactionRequest): Promise<Appended> {
    const { member, act } = await this.members.signedBy(meta.actor, DISPUTE_TRANSACTION, { transactionId, reason }, given, meta.now);
    return this.aggregates.handle(
      transactionStream(transactionId),
      transactionModel,
      (state) => decideDisputeTransaction(state, { transactionId, reason, actor: participantFrom(member), meta }),
      meta,
      act,
    );
  }
}
