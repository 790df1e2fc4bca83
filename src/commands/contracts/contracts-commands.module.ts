import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ActingMembers } from '../members/acting-member.js';
import { AggregateStore } from '../shared/aggregate-store.js';
import { ContractDocuments } from './contract-documents.js';
import { DisputeContractController } from './dispute-contract/dispute-contract.controller.js';
import { DisputeContractHandler } from './dispute-contract/dispute-contract.handler.js';
import { DraftContractController } from './draft-contract/draft-contract.controller.js';
import { DraftContractHandler } from './draft-contract/draft-contract.handler.js';
import { PublishTemplateController } from './publish-template/publish-template.controller.js';
import { PublishTemplateHandler } from './publish-template/publish-template.handler.js';
import { SignContractController } from './sign-contract/sign-contract.controller.js';
import { SignContractHandler } from './sign-contract/sign-contract.handler.js';
import { TerminateContractController } from './terminate-contract/terminate-contract.controller.js';
import { TerminateContractHandler } from './terminate-contract/terminate-contract.handler.js';

/** Contracts: templates published by stewards, contracts drafted from them, signed by every party, then terminated or disputed. */
@Module({
  imports: [CqrsModule],
  controllers: [PublishTemplateController, DraftContractController, SignContractController, TerminateContractController, DisputeContractController],
  providers: [
    AggregateStore,
    ActingMembers,
    ContractDocuments,
    PublishTemplateHandler,
    DraftContractHandler,
    SignContractHandler,
    TerminateContractHandler,
    DisputeContractHandler,
  ],
})
export class ContractsCommandsModule {}
