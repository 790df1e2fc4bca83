import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { caseStream, type CaseOutcome } from '../../../events/arbitration/arbitration-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { caseModel } from '../case-model.js';
import { decideDecideCase } from './decide-case.decide.js';

export const DECIDE_CASE = 'arbitration.DecideCase';

export class DecideCaseRequest extends Command<Appended> {
  constructor(
    readonly caseId: string,
    readonly outcome: CaseOutcome,
    readonly rationale: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(DecideCaseRequest)
export class DecideCaseHandler implements ICommandHandler<DecideCaseRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: DecideCaseRequest): Promise<Appended> {
    const fields = { caseId: request.caseId, outcome: request.outcome, rationale: request.rationale };
    const { member, act } = await this.members.signedBy(request.meta.actor, DECIDE_CASE, fields, request.act, request.meta.now);
    return this.aggregates.handle(
      caseStream(request.caseId),
      caseModel,
      (state) =>
        decideDecideCase(state, { caseId: request.caseId, arbiterId: member.memberId, outcome: request.outcome, rationale: request.rationale, nonce: request.act.nonce, meta: request.meta }),
      request.meta,
      act,
    );
  }
}
