import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics/analytics.controller.js';
import { AnalyticsInstaller } from './analytics/analytics-installer.js';
import { ArbitrationController } from './arbitration/arbitration.controller.js';
import { ContractsController } from './contracts/contracts.controller.js';
import { DocumentVerificationController } from './contracts/document-verification.controller.js';
import { CommentsController } from './governance/comments.controller.js';
import { DelegationsController } from './governance/delegations.controller.js';
import { ElectionsController } from './governance/elections.controller.js';
import { ProposalsController } from './governance/proposals.controller.js';
import { MembersController } from './members/members.controller.js';
import { ModerationController } from './moderation/moderation.controller.js';
import { ReadYourWrites } from './read-your-writes.js';
import { TransactionsController } from './records/transactions.controller.js';

/** Queries: straight reads of the read-model tables, never through the write side. */
@Module({
  controllers: [
    MembersController,
    ProposalsController,
    CommentsController,
    ElectionsController,
    DelegationsController,
    ModerationController,
    ArbitrationController,
    TransactionsController,
    DocumentVerificationController,
    ContractsController,
    AnalyticsController,
  ],
  providers: [ReadYourWrites, AnalyticsInstaller],
})
export class ReadModelsModule {}
