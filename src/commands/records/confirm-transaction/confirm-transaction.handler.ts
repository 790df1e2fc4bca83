import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { transactionStream } from '../../../events/records/record-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { participantFrom } from '../participant.js';
import { transactionModel } from '../transaction-model.js';
import { decideConfirmTransaction } from './confirm-transaction.decide.js';

export const CONFIRM_TRANSACTION = 'records.ConfirmTransaction';

export class ConfirmTransactionRequest extends Command<Appended> {
  constructor(
    readonly transactionId: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(ConfirmTransactionRequest)
export class ConfirmTransactionHandler implements ICommandHandler<ConfirmTransactionRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute({ transactionId, act: given, meta }: ConfirmTransactionRequest): Promise<Appended> {
    const { member, act } = await this.members.signedBy(meta.actor, CONFIRM_TRANSACTION, { transactionId }, given, meta.now);
    return this.aggregates.handle(
      transactionStream(transactionId),
      transactionModel,
      (state) => decideConfirmTransaction(state, { transactionId, actor: participantFrom(member), meta }),
      meta,
      act,
    );
  }
}
