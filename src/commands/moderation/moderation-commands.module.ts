import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ActingMembers } from '../members/acting-member.js';
import { AggregateStore } from '../shared/aggregate-store.js';
import { AppealActionController } from './appeal-action/appeal-action.controller.js';
import { AppealActionHandler } from './appeal-action/appeal-action.handler.js';
import { DecideAppealController } from './decide-appeal/decide-appeal.controller.js';
import { DecideAppealHandler } from './decide-appeal/decide-appeal.handler.js';
import { ReportContentController } from './report-content/report-content.controller.js';
import { ReportContentHandler } from './report-content/report-content.handler.js';
import { TakeActionController } from './take-action/take-action.controller.js';
import { TakeActionHandler } from './take-action/take-action.handler.js';
import { TargetFactsReader } from './target-facts.js';

/** Reports, moderation actions and their appeals. */
@Module({
  imports: [CqrsModule],
  controllers: [ReportContentController, TakeActionController, AppealActionController, DecideAppealController],
  providers: [AggregateStore, ActingMembers, TargetFactsReader, ReportContentHandler, TakeActionHandler, AppealActionHandler, DecideAppealHandler],
})
export class ModerationCommandsModule {}
