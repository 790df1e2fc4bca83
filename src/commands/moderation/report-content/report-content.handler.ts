import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { moderationStream, type ModerationTarget, type ReportCategory } from '../../../events/moderation/moderation-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { moderationModel } from '../moderation-model.js';
import { TargetFactsReader } from '../target-facts.js';
import { decideReportContent } from './report-content.decide.js';

export const REPORT_CONTENT = 'moderation.ReportContent';

export class ReportContentRequest extends Command<Appended> {
  constructor(
    readonly reportId: string,
    readonly target: ModerationTarget,
    readonly category: ReportCategory,
    readonly note: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export const reportContentSignedFields = (r: { reportId: string; target: ModerationTarget; category: string; note: string }): Record<string, unknown> => ({
  reportId: r.reportId,
  target: r.target,
  category: r.category,
  note: r.note,
});

@CommandHandler(ReportContentRequest)
export class ReportContentHandler implements ICommandHandler<ReportContentRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
    private readonly targets: TargetFactsReader,
  ) {}

  async execute(request: ReportContentRequest): Promise<Appended> {
    const { member, act } = await this.members.signedBy(request.meta.actor, REPORT_CONTENT, reportContentSignedFields(request), request.act, request.meta.now);
    const targetFacts = await this.targets.read(request.target);
    return this.aggregates.handle(
      moderationStream(request.target),
      moderationModel,
      (state) =>
        decideReportContent(state, {
          reportId: request.reportId,
          target: request.target,
          reporterId: member.memberId,
          category: request.category,
          note: request.note,
          targetFacts,
          nonce: request.act.nonce,
          meta: request.meta,
        }),
      request.meta,
      act,
    );
  }
}
