import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ActingMembers } from '../members/acting-member.js';
import { AggregateStore } from '../shared/aggregate-store.js';
import { DecideCaseController } from './decide-case/decide-case.controller.js';
import { DecideCaseHandler } from './decide-case/decide-case.handler.js';
import { OpenCaseController } from './open-case/open-case.controller.js';
import { OpenCaseHandler } from './open-case/open-case.handler.js';
import { SubjectFactsReader } from './subject-facts.js';
import { SubmitStatementController } from './submit-statement/submit-statement.controller.js';
import { SubmitStatementHandler } from './submit-statement/submit-statement.handler.js';

/** Disputed transactions and contracts: cases, arbiters, statements, decisions. */
@Module({
  imports: [CqrsModule],
  controllers: [OpenCaseController, SubmitStatementController, DecideCaseController],
  providers: [AggregateStore, ActingMembers, SubjectFactsReader, OpenCaseHandler, SubmitStatementHandler, DecideCaseHandler],
})
export class ArbitrationCommandsModule {}
