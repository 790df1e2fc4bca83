import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ActingMembers } from '../members/acting-member.js';
import { AggregateStore } from '../shared/aggregate-store.js';
import { ConfirmTransactionController } from './confirm-transaction/confirm-transaction.controller.js';
import { ConfirmTransactionHandler } from './confirm-transaction/confirm-transaction.handler.js';
import { DisputeTransactionController } from './dispute-transaction/dispute-transaction.controller.js';
import { DisputeTransactionHandler } from './dispute-transaction/dispute-transaction.handler.js';
import { PaymentReferences } from './payment-reference.js';
import { RecordTransactionController } from './record-transaction/record-transaction.controller.js';
import { RecordTransactionHandler } from './record-transaction/record-transaction.handler.js';

/** Transaction records: a payment between two members, confirmed or disputed by the counterparty. */
@Module({
  imports: [CqrsModule],
  controllers: [RecordTransactionController, ConfirmTransactionController, DisputeTransactionController],
  providers: [AggregateStore, ActingMembers, PaymentReferences, RecordTransactionHandler, ConfirmTransactionHandler, DisputeTransactionHandler],
})
export class RecordsCommandsModule {}
