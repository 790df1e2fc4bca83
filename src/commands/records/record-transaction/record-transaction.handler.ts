import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { contractStream } from '../../../events/contracts/contract-events.js';
import { transactionStream, type Rail } from '../../../events/records/record-events.js';
import { contractModel } from '../../contracts/contract-model.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { NotFound } from '../../shared/domain-errors.js';
import { participantFrom, type Participant } from '../participant.js';
import { PaymentReferences, referenceCommitment, type PaymentReference } from '../payment-reference.js';
import { transactionModel } from '../transaction-model.js';
import type { SettledContract } from './record-transaction.command.js';
import { decideRecordTransaction } from './record-transaction.decide.js';

export const RECORD_TRANSACTION = 'records.RecordTransaction';

export interface RecordTransactionFields {
  transactionId: string;
  payerId: string;
  payeeId: string;
  amountMinor: number;
  currency: string;
  rail: Rail;
  purpose: string;
  contractId: string | null;
  paymentReference: PaymentReference | null;
}

/** What the recorder signs: the record as it goes on the log, the payment reference only by its salted commitment. */
export function recordTransactionSignedFields(c: RecordTransactionFields): Record<string, unknown> {
  return {
    transactionId: c.transactionId,
    payerId: c.payerId,
    payeeId: c.payeeId,
    amountMinor: c.amountMinor,
    currency: c.currency,
    rail: c.rail,
    purpose: c.purpose,
    contractId: c.contractId,
    referenceCommitment: c.paymentReference === null ? null : referenceCommitment(c.paymentReference),
  };
}

export class RecordTransactionRequest extends Command<Appended> {
  constructor(
    readonly fields: RecordTransactionFields,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** The record goes on its own stream; the payment reference and its salt go to a private table once the record is on the log. */
@CommandHandler(RecordTransactionRequest)
export class RecordTransactionHandler implements ICommandHandler<RecordTransactionRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
    private readonly references: PaymentReferences,
  ) {}

  async execute({ fields, act: given, meta }: RecordTransactionRequest): Promise<Appended> {
    const signedFields = recordTransactionSignedFields(fields);
    const { member, act } = await this.members.signedBy(meta.actor, RECORD_TRANSACTION, signedFields, given, meta.now);
    const counterpartyId = member.memberId === fields.payerId ? fields.payeeId : fields.payerId;
    const counterparty = await this.participant(counterpartyId);
    const contract = await this.contract(fields.contractId);
    const appended = await this.aggregates.handle(
      transactionStream(fields.transactionId),
      transactionModel,
      (state) =>
        decideRecordTransaction(state, {
          ...fields,
          referenceCommitment: signedFields.referenceCommitment as string | null,
          recorder: participantFrom(member),
          counterparty,
          contract,
          meta,
        }),
      meta,
      act,
    );
    if (fields.paymentReference !== null) await this.references.store(fields.transactionId, fields.paymentReference);
    return appended;
  }

  private async participant(memberId: string): Promise<Participant | null> {
    try {
      return participantFrom(await this.members.load(memberId));
    } catch (error) {
      if (error instanceof NotFound) return null;
      throw error;
    }
  }

  private async contract(contractId: string | null): Promise<SettledContract> {
    if (contractId === null) return { kind: 'none' };
    const { state } = await this.aggregates.load(contractStream(contractId), contractModel);
    if (state.status === 'none') return { kind: 'none' };
    return { kind: 'found', status: state.status, partyIds: state.parties.map((p) => p.memberId) };
  }
}
